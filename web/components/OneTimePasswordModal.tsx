import { Alert, Button, Modal, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';

/** Which part of a password this is: all of it, or one half of a two-part reset (RULES P6). */
export type PasswordPart = 'whole' | 'first' | 'second';

const hints: Record<PasswordPart, MessageKey> = { whole: 'users.otpHint', first: 'users.otpFirstHint', second: 'users.otpSecondHint' };
const labels: Record<PasswordPart, MessageKey> = { whole: 'users.otpFor', first: 'users.otpFirstFor', second: 'users.otpSecondFor' };

/** Shows a generated password (or one part of it) once; it is never retrievable again. */
export function OneTimePasswordModal({ username, password, part = 'whole', onClose }: { username: string; password: string; part?: PasswordPart; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={t('users.otpTitle')}
      onCancel={onClose}
      closable={false}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('users.otpDone')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t(hints[part])} style={{ marginBottom: 16 }} />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {t(labels[part], { username })}
      </Typography.Paragraph>
      <Typography.Paragraph code copyable={{ text: password, tooltips: [t('common.copy'), t('common.copied')] }} style={{ fontSize: 18 }}>
        <span className="sf-selectable" data-testid="one-time-password">
          {password}
        </span>
      </Typography.Paragraph>
    </Modal>
  );
}
