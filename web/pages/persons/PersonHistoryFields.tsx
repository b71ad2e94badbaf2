import { Col, DatePicker, Form, Row } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { afterToday } from '../../components/dates';
import { DictSelect } from '../../components/DictSelect';

/** 吸毒史: drugs (grouped traditional / synthetic), methods, first use. */
export function PersonHistoryFields() {
  const { t } = useI18n();
  return (
    <Row gutter={12}>
      <Col xs={24} sm={12}>
        <Form.Item name="drugTypes" label={t('person.drugTypes')}>
          <DictSelect kind="drug_type" multiple />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="useMethods" label={t('person.useMethods')}>
          <DictSelect kind="use_method" multiple />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="firstUseDate" label={t('person.firstUseDate')}>
          <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </Row>
  );
}
