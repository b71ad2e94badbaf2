import { Button, Col, Form, Input, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { teamRoles } from '../../components/codes';

/** The work team (C3) as rows of role, name and phone. */
export function WorkTeamField() {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <Form.List name="workTeam">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Row key={f.key} gutter={8} wrap={false} align="top">
              <Col flex="1 1 0" style={{ minWidth: 0 }}>
                <Row gutter={8}>
                  <Col xs={12} sm={8}>
                    <Form.Item name={[f.name, 'role']} rules={[{ required: true, message: t('common.required') }]} style={{ marginBottom: 8 }}>
                      <Select placeholder={t('person.teamRole')} aria-label={t('person.teamRole')} options={teamRoles.map((r) => ({ value: r, label: label('teamRole', r) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={8}>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('common.required') }]} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('person.teamName')} aria-label={t('person.teamName')} maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={8}>
                    <Form.Item name={[f.name, 'phone']} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('person.teamPhone')} aria-label={t('person.teamPhone')} maxLength={20} inputMode="tel" />
                    </Form.Item>
                  </Col>
                </Row>
              </Col>
              <Col flex="none">
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => remove(f.name)} />
              </Col>
            </Row>
          ))}
          {fields.length < 20 && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
              {t('person.addMember')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
