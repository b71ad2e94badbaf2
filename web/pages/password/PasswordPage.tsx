import { Button, Card, Form } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authApi } from '../../api/auth';
import { applyFieldErrors } from '../../api/form-errors';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/I18nProvider';
import { PageHeader } from '../../components/PageHeader';
import { PasswordChangeFields, type PasswordChangeValues } from '../../components/PasswordChangeFields';
import { useNotify } from '../../components/useNotify';
import { AuthenticatorCard } from './AuthenticatorCard';

export default function PasswordPage() {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PasswordChangeValues>();
  const change = useMutation({
    mutationFn: (v: PasswordChangeValues) => authApi.changePassword(v.currentPassword, v.newPassword),
    onSuccess: () => {
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: keys.mySessions });
      notify.success(t('password.changed'));
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang, { password: 'newPassword' })) notify.error(err);
    },
  });
  return (
    <>
      <PageHeader title={t('password.title')} />
      <Card style={{ maxWidth: 520 }}>
        <Form form={form} name="password" layout="vertical" onFinish={(v) => change.mutate(v)} requiredMark={false}>
          <PasswordChangeFields />
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
      <AuthenticatorCard />
    </>
  );
}
