import { Button, Form, Typography } from 'antd';
import { authApi, type StageResponse } from '../../api/auth';
import { useI18n } from '../../i18n/I18nProvider';
import { CodeField } from '../../components/CodeField';
import { useStepSubmit } from './useStepSubmit';

export function MfaStep({ onStage }: { onStage: (r: StageResponse) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ code: string }>();
  const submit = useStepSubmit<{ code: string }>(form, (v) => authApi.mfa(v.code.trim()), onStage);
  return (
    <Form form={form} name="mfa" layout="vertical" onFinish={(v) => submit.mutate(v)} requiredMark={false}>
      <Typography.Paragraph type="secondary">{t('login.mfaHint')}</Typography.Paragraph>
      <CodeField />
      <Button type="primary" htmlType="submit" block loading={submit.isPending}>
        {t('login.verify')}
      </Button>
    </Form>
  );
}
