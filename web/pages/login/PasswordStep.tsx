import { Button, Form, Typography } from 'antd';
import { authApi, type StageResponse } from '../../api/auth';
import { useI18n } from '../../i18n/I18nProvider';
import { PasswordChangeFields, type PasswordChangeValues } from '../../components/PasswordChangeFields';
import { useStepSubmit } from './useStepSubmit';

export function PasswordStep({ onStage, currentPassword }: { onStage: (r: StageResponse) => void; currentPassword?: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm<PasswordChangeValues>();
  const submit = useStepSubmit<PasswordChangeValues>(form, (v) => authApi.changePassword(v.currentPassword, v.newPassword), onStage, {
    password: 'newPassword',
  });
  return (
    <Form form={form} name="password-change" layout="vertical" initialValues={{ currentPassword }} onFinish={(v) => submit.mutate(v)} requiredMark={false}>
      <Typography.Paragraph type="secondary">{t('login.pwChangeHint')}</Typography.Paragraph>
      <PasswordChangeFields />
      <Button type="primary" htmlType="submit" block loading={submit.isPending}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
