import { Form, Input } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

/** The 6-digit one-time code of an authenticator app. */
export function CodeField() {
  const { t } = useI18n();
  return (
    <Form.Item name="code" label={t('login.code')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.codeFormat') }]}>
      <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus style={{ letterSpacing: 4 }} />
    </Form.Item>
  );
}
