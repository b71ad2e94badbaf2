import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import type { Unmasked } from '../../api/persons';
import { useI18n } from '../../i18n/I18nProvider';
import { ContactLine } from '../../components/ContactLine';

/** The clear ID number, phone, addresses and contacts, after a stated purpose. */
export function ClearDetailsModal({ name, clear, onClose }: { name: string; clear: Unmasked; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={t('person.clearTitle', { name })}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
      destroyOnHidden
      width={560}
    >
      <Alert type="info" showIcon title={t('person.clearAudited')} style={{ marginBottom: 16 }} />
      <Descriptions column={1} size="small" bordered data-testid="clear-details">
        <Descriptions.Item label={t('persons.idNumber')}>
          <Typography.Text code copyable>
            {clear.idNumber}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('person.phone')}>{clear.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('person.registeredAddress')}>{clear.registeredAddress ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('person.residenceAddress')}>{clear.residenceAddress ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('person.sectionFamily')}>
          {clear.familyContacts.length === 0
            ? '—'
            : clear.familyContacts.map((c, i) => (
                <div key={i}>
                  <ContactLine contact={c} />
                </div>
              ))}
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}
