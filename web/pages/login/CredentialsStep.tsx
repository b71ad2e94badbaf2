import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { authApi, type StageResponse } from '../../api/auth';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { useI18n } from '../../i18n/I18nProvider';

interface Values {
  username: string;
  password: string;
}

/** `notice`: why the sign-in starts again (e.g. too many wrong codes), until the next try. */
export function CredentialsStep({ onStage, notice }: { onStage: (r: StageResponse, password: string) => void; notice?: string | null }) {
  const { t, lang, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const submit = useMutation({
    mutationFn: (v: Values) => authApi.login(v.username, v.password),
    onSuccess: (r, v) => onStage(r, v.password),
    onError: (err) => applyFieldErrors(form, err, lang),
  });
  // Wrong password, locked or deactivated account: said inline and kept until the next try, not a passing toast.
  const failure =
    submit.error && !(submit.error instanceof ApiError && submit.error.code === 'validation.failed')
      ? submit.error instanceof ApiError
        ? pick(submit.error.messages)
        : t('common.loadFailed')
      : null;
  return (
    <Form form={form} name="login" layout="vertical" onFinish={(v) => submit.mutate(v)} requiredMark={false}>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} role="alert" />}
      {!failure && notice && !submit.isPending && !submit.isSuccess && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('common.required') }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('common.required') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={submit.isPending}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
