import { Alert, Button, Card, Col, Form, Input, Row } from 'antd';
import { DeleteOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import type { PersonView } from '../../api/persons';
import { useI18n } from '../../i18n/I18nProvider';
import { ContactLine } from '../../components/ContactLine';
import { DictSelect } from '../../components/DictSelect';

/**
 * 家庭联系人 as a list of small cards. When the file's contacts are only known masked, they are
 * shown read-only, with the way to unmask them (saving masked phones back would destroy them).
 */
export function FamilyContactsField({ locked, onUnmask }: { locked?: PersonView['familyContacts']; onUnmask?: () => void }) {
  const { t } = useI18n();
  if (locked) {
    return (
      <>
        <Alert
          type="warning"
          showIcon
          title={onUnmask ? t('person.contactsLocked') : t('person.contactsLockedNoPii')}
          action={
            onUnmask && (
              <Button size="small" icon={<EyeOutlined />} onClick={onUnmask}>
                {t('person.unmask')}
              </Button>
            )
          }
          style={{ marginBottom: 12 }}
        />
        {locked.map((c, i) => (
          <div key={i} style={{ marginBottom: 4 }}>
            <ContactLine contact={c} />
          </div>
        ))}
      </>
    );
  }
  return (
    <Form.List name="familyContacts">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <Card
              key={f.key}
              size="small"
              title={t('person.contactN', { n: i + 1 })}
              extra={<Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => remove(f.name)} />}
              style={{ marginBottom: 8 }}
              styles={{ body: { paddingBottom: 0 } }}
            >
              <Row gutter={8} align="top">
                <Col xs={12} sm={6}>
                  <Form.Item name={[f.name, 'name']} label={t('person.contactName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                    <Input maxLength={40} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={6}>
                  <Form.Item name={[f.name, 'relation']} label={t('person.relation')} rules={[{ required: true, message: t('common.required') }]}>
                    <DictSelect kind="relation" allowClear={false} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={[f.name, 'phone']} label={t('person.contactPhone')} rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('person.phoneInvalid') }]}>
                    <Input maxLength={20} inputMode="tel" />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name={[f.name, 'address']} label={t('person.contactAddress')}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          {fields.length < 10 && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
              {t('person.addContact')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
