import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Segmented, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { authApi, type MfaSetup } from '../../api/auth';
import { applyFieldErrors } from '../../api/form-errors';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/I18nProvider';
import { CodeField } from '../../components/CodeField';
import { useNotify } from '../../components/useNotify';

type Proof = 'code' | 'password';

/**
 * Replacing the authenticator (a new phone) from a signed-in session. The server asks for the
 * current code, or the password, first (issue 9 item 4): a session left open on a desk must not
 * be enough to move the second factor to someone else's phone. The new one is confirmed with a
 * code from it; the other sessions end.
 */
export function AuthenticatorCard() {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [proof, setProof] = useState<Proof>('code');
  const [pending, setPending] = useState<(MfaSetup & { qr: string }) | null>(null);
  const [proofForm] = Form.useForm<{ code?: string; password?: string }>();
  const [confirmForm] = Form.useForm<{ code: string }>();

  const start = useMutation({
    mutationFn: (v: { code?: string; password?: string }) => authApi.mfaSetup(proof === 'code' ? { code: v.code?.trim() } : { password: v.password }),
    onSuccess: async (s) => setPending({ ...s, qr: await QRCode.toDataURL(s.uri, { width: 200, margin: 1 }) }),
    onError: (err) => {
      if (!applyFieldErrors(proofForm, err, lang)) notify.error(err);
    },
  });
  const confirm = useMutation({
    mutationFn: (v: { code: string }) => authApi.mfaConfirm(v.code.trim()),
    onSuccess: () => {
      setPending(null);
      proofForm.resetFields();
      confirmForm.resetFields();
      void queryClient.invalidateQueries({ queryKey: keys.mySessions });
      notify.success(t('mfa.replaced'));
    },
    onError: (err) => {
      if (!applyFieldErrors(confirmForm, err, lang)) notify.error(err);
    },
  });

  return (
    <Card title={t('mfa.title')} style={{ maxWidth: 520, marginTop: 16 }}>
      {!pending ? (
        <Form form={proofForm} name="mfa-proof" layout="vertical" onFinish={(v) => start.mutate(v)} requiredMark={false}>
          <Typography.Paragraph>{t('mfa.hint')}</Typography.Paragraph>
          <Segmented<Proof>
            value={proof}
            onChange={setProof}
            style={{ marginBottom: 12 }}
            options={[
              { value: 'code', label: t('mfa.proofCode') },
              { value: 'password', label: t('mfa.proofPassword') },
            ]}
          />
          {proof === 'code' ? (
            <CodeField />
          ) : (
            <Form.Item name="password" label={t('password.current')} rules={[{ required: true, message: t('mfa.passwordRequired') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
          )}
          <Button htmlType="submit" loading={start.isPending}>
            {t('mfa.start')}
          </Button>
        </Form>
      ) : (
        <Form form={confirmForm} name="mfa-replace" layout="vertical" onFinish={(v) => confirm.mutate(v)} requiredMark={false}>
          <Alert type="info" showIcon title={t('mfa.othersEnd')} style={{ marginBottom: 12 }} />
          <Typography.Paragraph>{t('login.mfaSetupScan')}</Typography.Paragraph>
          <Flex vertical align="center" gap={8} style={{ marginBottom: 12 }}>
            <img src={pending.qr} alt={t('login.qrAlt')} width={200} height={200} />
            <Typography.Text type="secondary">{t('login.secret')}</Typography.Text>
            <Typography.Text code copyable={{ text: pending.secret }} style={{ fontSize: 14 }}>
              <span className="sf-selectable" data-testid="totp-secret">
                {pending.secret}
              </span>
            </Typography.Text>
          </Flex>
          <Typography.Paragraph>{t('login.mfaSetupEnter')}</Typography.Paragraph>
          <CodeField />
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={confirm.isPending}>
              {t('mfa.confirm')}
            </Button>
            <Button onClick={() => setPending(null)}>{t('common.cancel')}</Button>
          </Flex>
        </Form>
      )}
    </Card>
  );
}
