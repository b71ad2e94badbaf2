import { Alert, Button, Modal, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

/** Shows a generated password once; it is never retrievable again. */
export function OneTimePasswordModal({ username, password, onClose }: { username: string; password: string; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={t('users.otpTitle')}
      onCancel={onClose}
      closable={false}
      mask={{ closable: false }}
      footer={<Button type="primary" onClick={onClose}>{t('users.otpDone')}</Button>}
    >
      <Alert type="warning" showIcon title={t('users.otpHint')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {t('users.otpFor', { username })}
      </Typography.Paragraph>
      <Typography.Paragraph code copyable={{ text: password, tooltips: [t('common.copy'), t('common.copied')] }} style={{ fontSize: 18 }}>
        <span className="sf-selectable" data-testid="one-time-password">{password}</span>
      </Typography.Paragraph>
    </Modal>
  );
}
