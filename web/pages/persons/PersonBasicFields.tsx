import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { riskLevels } from '../../components/codes';
import { afterToday } from '../../components/dates';
import { DictSelect } from '../../components/DictSelect';

/** 基本信息: name, sex and birth date (read from a resident ID number), the dictionaries, risk. */
export function PersonBasicFields({ fromId }: { fromId: boolean }) {
  const { t } = useI18n();
  const label = useLabel();
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Row gutter={12}>
      <Col xs={24} sm={12}>
        <Form.Item name="name" label={t('persons.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="formerNames" label={t('person.formerNames')} tooltip={t('person.formerNamesHint')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} aria-label={t('person.formerNames')} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6}>
        <Form.Item name="sex" label={t('persons.sex')} rules={required} extra={fromId ? t('person.fromIdNumber') : undefined}>
          <Select disabled={fromId} options={(['male', 'female'] as const).map((s) => ({ value: s, label: label('sex', s) }))} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6}>
        <Form.Item name="birthDate" label={t('person.birthDate')} rules={required}>
          <DatePicker disabled={fromId} disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6}>
        <Form.Item name="ethnicity" label={t('person.ethnicity')}>
          <DictSelect kind="ethnicity" />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6}>
        <Form.Item name="nationality" label={t('person.nationality')}>
          <DictSelect kind="nationality" allowClear={false} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6}>
        <Form.Item name="education" label={t('person.education')}>
          <DictSelect kind="education" />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6}>
        <Form.Item name="maritalStatus" label={t('person.maritalStatus')}>
          <DictSelect kind="marital_status" />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6}>
        <Form.Item name="employmentStatus" label={t('person.employmentStatus')}>
          <DictSelect kind="employment_status" />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6}>
        <Form.Item name="riskLevel" label={t('persons.risk')}>
          <Select allowClear options={riskLevels.map((r) => ({ value: r, label: label('riskLevel', r) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="occupation" label={t('person.occupation')}>
          <DictSelect kind="occupation" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="employer" label={t('person.employer')}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
    </Row>
  );
}
