import { Alert, Checkbox, Col, Form, Input, Radio, Row, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { supervisionApi, supervisionKeys, type TestMethod, type TestResult } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { testMethods, testResults, testSamples } from './codes';

const resultColors: Partial<Record<TestResult, string>> = { positive: '#cf1322', refused: '#d46b08', evaded: '#d46b08' };

/**
 * The drug test part of the record form (T1–T3, T6): result first, then sample, method, tester.
 * On the phone (issue 17 §2, `phone`): sample and method are one-tap chips instead of lists, and
 * only the methods offered (offline a lab re-test cannot name the test it re-tests).
 */
export function DrugTestFields({
  personId,
  scheduled,
  phone = false,
  methods = testMethods,
}: {
  personId: string;
  scheduled: boolean;
  phone?: boolean;
  methods?: readonly TestMethod[];
}) {
  const { t } = useI18n();
  const label = useLabel();
  const form = Form.useFormInstance();
  const result = Form.useWatch<TestResult | undefined>('result', form);
  const method = Form.useWatch<TestMethod | undefined>('method', form);
  const retest = method === 'lab_retest';
  // Earlier tests of the person, only when a re-test must name one.
  const prior = useQuery({
    queryKey: [...supervisionKeys.records(personId), { kind: 'drug_test' }],
    queryFn: () => supervisionApi.records(personId, { kind: 'drug_test', limit: 50 }),
    enabled: retest,
  });
  return (
    <>
      <Form.Item name="result" label={t('sv.record.result')} rules={[{ required: true, message: t('sv.record.chooseResult') }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={testResults.map((r) => ({
            value: r,
            label: <span style={result === r ? undefined : { color: resultColors[r] }}>{label('testResult', r)}</span>,
          }))}
        />
      </Form.Item>
      {result === 'positive' && <Alert type="error" showIcon title={t('sv.record.positiveHint')} style={{ marginBottom: 16 }} />}
      {(result === 'refused' || result === 'evaded') && <Alert type="warning" showIcon title={t('sv.record.refusalHint')} style={{ marginBottom: 16 }} />}
      {phone ? (
        <>
          <Form.Item name="sample" label={t('sv.record.sample')} rules={[{ required: true, message: t('common.required') }]}>
            <Radio.Group optionType="button" options={testSamples.map((s) => ({ value: s, label: label('testSample', s) }))} />
          </Form.Item>
          <Form.Item name="method" label={t('sv.record.method')} rules={[{ required: true, message: t('common.required') }]}>
            <Radio.Group optionType="button" options={methods.map((m) => ({ value: m, label: label('testMethod', m) }))} />
          </Form.Item>
          <Form.Item name="tester" label={t('sv.record.tester')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={60} />
          </Form.Item>
        </>
      ) : (
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item name="sample" label={t('sv.record.sample')} rules={[{ required: true, message: t('common.required') }]}>
              <Select options={testSamples.map((s) => ({ value: s, label: label('testSample', s) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="method" label={t('sv.record.method')} rules={[{ required: true, message: t('common.required') }]}>
              <Select options={methods.map((m) => ({ value: m, label: label('testMethod', m) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="tester" label={t('sv.record.tester')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
        </Row>
      )}
      {retest && (
        <Form.Item name="retestOf" label={t('sv.record.retestOf')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            loading={prior.isPending}
            options={(prior.data?.items ?? []).map((r) => ({
              value: r.id,
              label: t('sv.record.retestOption', {
                date: r.date,
                result: r.drugTest ? label('testResult', r.drugTest.result) : '',
                method: r.drugTest ? label('testMethod', r.drugTest.method) : '',
              }),
            }))}
          />
        </Form.Item>
      )}
      {!scheduled && (
        <Form.Item name="random" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{t('sv.record.random')}</Checkbox>
        </Form.Item>
      )}
    </>
  );
}
