import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Form, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { authApi, type StageResponse } from '../../api/auth';
import { useI18n } from '../../i18n/I18nProvider';
import { CodeField } from '../../components/CodeField';
import { PageSpin } from '../../components/PageSpin';
import { useNotify } from '../../components/useNotify';
import { useStepSubmit } from './useStepSubmit';

export function MfaSetupStep({ onStage }: { onStage: (r: StageResponse) => void }) {
  const { t } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<{ code: string }>();
  const [qr, setQr] = useState<string | null>(null);
  const setup = useMutation({
    mutationFn: () => authApi.mfaSetup(),
    onSuccess: async (s) => setQr(await QRCode.toDataURL(s.uri, { width: 200, margin: 1 })),
    onError: notify.error,
  });
  // Each call makes a new secret and replaces the pending one: ask once, even under StrictMode.
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    setup.mutate();
  }, [setup]);
  const confirm = useStepSubmit<{ code: string }>(form, (v) => authApi.mfaConfirm(v.code.trim()), onStage);

  if (!setup.data) {
    return setup.isError ? <Button onClick={() => setup.mutate()}>{t('common.retry')}</Button> : <PageSpin />;
  }
  return (
    <Form form={form} name="mfa-setup" layout="vertical" onFinish={(v) => confirm.mutate(v)} requiredMark={false}>
      <Alert type="warning" showIcon title={t('login.mfaSetupHint')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph>{t('login.mfaSetupScan')}</Typography.Paragraph>
      <Flex vertical align="center" gap={8} style={{ marginBottom: 12 }}>
        {qr && <img src={qr} alt={t('login.qrAlt')} width={200} height={200} />}
        <Typography.Text type="secondary">{t('login.secret')}</Typography.Text>
        <Typography.Text code copyable={{ text: setup.data.secret }} style={{ fontSize: 14 }}>
          <span className="sf-selectable" data-testid="totp-secret">
            {setup.data.secret}
          </span>
        </Typography.Text>
      </Flex>
      <Typography.Paragraph>{t('login.mfaSetupEnter')}</Typography.Paragraph>
      <CodeField />
      <Button type="primary" htmlType="submit" block loading={confirm.isPending}>
        {t('login.enable')}
      </Button>
    </Form>
  );
}
