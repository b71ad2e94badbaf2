import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { DocumentKind } from '../../api/documents';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { afterToday } from '../../components/dates';
import { documentFieldSpecs } from './documentFields';

/** The structured fields of one document kind, under `fields.*` in the upload form. */
export function DocumentFieldInputs({ kind }: { kind: DocumentKind }) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <Row gutter={12}>
      {documentFieldSpecs[kind].map((spec) => (
        <Col key={spec.name} xs={24} sm={spec.type === 'textarea' || spec.type === 'list' ? 24 : 12}>
          <Form.Item
            name={['fields', spec.name]}
            label={label('documentField', spec.name)}
            rules={
              !spec.required
                ? []
                : spec.type === 'date' || spec.type === 'list'
                  ? [{ required: true, message: t('common.required') }]
                  : [{ required: true, whitespace: true, message: t('common.required') }]
            }
          >
            {spec.type === 'date' ? (
              <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
            ) : spec.type === 'textarea' ? (
              <Input.TextArea rows={2} maxLength={spec.max} showCount />
            ) : spec.type === 'list' ? (
              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} aria-label={label('documentField', spec.name)} />
            ) : (
              <Input maxLength={spec.max} />
            )}
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
