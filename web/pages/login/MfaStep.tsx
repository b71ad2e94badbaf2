import { Button, Form, Typography } from 'antd';
import { authApi, type StageResponse } from '../../api/auth';
import { ApiError, type Localized } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { CodeField } from '../../components/CodeField';
import { useStepSubmit } from './useStepSubmit';

/**
 * The one-time code. Too many wrong codes end the session on the server (RULES P7): the sign-in
 * then starts again from the password, with the server's reason shown there (`onEnded`).
 */
export function MfaStep({ onStage, onEnded }: { onStage: (r: StageResponse) => void; onEnded: (why: Localized) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ code: string }>();
  const ended = (err: unknown) => {
    if (!(err instanceof ApiError) || err.code !== 'auth.mfa_locked') return false;
    onEnded(err.messages);
    return true;
  };
  const submit = useStepSubmit<{ code: string }>(form, (v) => authApi.mfa(v.code.trim()), onStage, undefined, ended);
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
