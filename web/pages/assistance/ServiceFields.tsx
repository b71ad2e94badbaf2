import { Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { codesOf } from '../../../core/labels';
import type { ServiceDetails } from '../../api/assistance';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { toIsoDate } from '../../components/dates';

/** The form values of a service: dates as pickers hold them. */
export type ServiceValues = Record<string, unknown> & { kind: ServiceDetails['kind']; date: Dayjs; outcome: string };

/** The per-kind fields of a service (issue 12 item 3), under `details`. */
export function ServiceFields({ kinds }: { kinds: readonly ServiceDetails['kind'][] }) {
  const { t } = useI18n();
  const label = useLabel();
  const kind = Form.useWatch('kind', Form.useFormInstance()) as ServiceDetails['kind'] | undefined;
  const required = [{ required: true, message: t('common.required') }];
  const opts = (list: Parameters<typeof codesOf>[0]) => codesOf(list).map((c) => ({ value: c, label: label(list, c) }));
  const item = (name: string, text: string, control: React.ReactNode, rules = required) => (
    <Form.Item name={['details', name]} label={text} rules={rules}>
      {control}
    </Form.Item>
  );
  return (
    <>
      <Form.Item name="kind" label={t('as.svc.kind')} rules={required}>
        <Select options={kinds.map((k) => ({ value: k, label: label('serviceKind', k) }))} />
      </Form.Item>
      {kind === 'counselling' && (
        <>
          {item('provider', t('as.svc.counsellor'), <Input maxLength={100} />)}
          {item('minutes', t('as.svc.minutes'), <InputNumber min={5} max={600} precision={0} style={{ width: '100%' }} />)}
          {item('topic', t('as.svc.topic'), <Input maxLength={200} />)}
          {item('mode', t('as.svc.mode'), <Radio.Group optionType="button" options={opts('counsellingMode')} />)}
        </>
      )}
      {kind === 'skills_training' && (
        <>
          {item('course', t('as.svc.course'), <Input maxLength={200} />)}
          {item('hours', t('as.svc.hours'), <InputNumber min={1} max={2000} precision={0} style={{ width: '100%' }} />)}
          <Form.Item name={['details', 'certificate']} valuePropName="checked">
            <Checkbox>{t('as.svc.certificate')}</Checkbox>
          </Form.Item>
        </>
      )}
      {kind === 'job_placement' && (
        <>
          {item('job', t('as.svc.job'), <Input maxLength={100} />)}
          {item('wageBand', t('as.svc.wageBand'), <Select options={opts('wageBand')} />)}
          {item('startDate', t('as.svc.startDate'), <DatePicker style={{ width: '100%' }} />)}
          {item('endDate', t('as.svc.endDate'), <DatePicker style={{ width: '100%' }} />, [])}
        </>
      )}
      {kind === 'family_repair' && (
        <>
          {item('parties', t('as.svc.parties'), <Input maxLength={200} />)}
          <Form.Item name={['details', 'repaired']} valuePropName="checked">
            <Checkbox>{t('as.svc.repaired')}</Checkbox>
          </Form.Item>
        </>
      )}
      {kind === 'relief' && (
        <>
          {item('scheme', t('as.svc.scheme'), <Select options={opts('reliefScheme')} />)}
          {item('submittedOn', t('as.svc.submittedOn'), <DatePicker style={{ width: '100%' }} />)}
          {item('decision', t('as.svc.decision'), <Select options={opts('reliefDecision')} />)}
          {item('amount', t('as.svc.amount'), <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />, [])}
        </>
      )}
      {kind === 'treatment_referral' && (
        <>
          {item('clinic', t('as.svc.clinic'), <Input maxLength={100} />)}
          {item('status', t('as.svc.treatmentStatus'), <Select options={opts('treatmentStatus')} />)}
        </>
      )}
      {kind === 'legal_aid' && item('matter', t('as.svc.matter'), <Input maxLength={200} />)}
      <Form.Item name="date" label={t('as.svc.date')} rules={required}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="outcome" label={t('as.svc.outcome')} rules={required}>
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
    </>
  );
}

/** The body the API takes from the form's values: dates as ISO strings, booleans as booleans. */
export function serviceBody(v: ServiceValues & { details?: Record<string, unknown> }) {
  const d = { ...(v.details ?? {}) } as Record<string, unknown>;
  for (const k of ['startDate', 'endDate', 'submittedOn']) if (d[k]) d[k] = toIsoDate(d[k] as Dayjs);
  for (const k of ['certificate', 'repaired']) if (v.kind === 'skills_training' || v.kind === 'family_repair') d[k] = d[k] ?? false;
  for (const k of Object.keys(d)) if (d[k] === undefined || d[k] === null || d[k] === '') delete d[k];
  if (v.kind !== 'skills_training') delete d.certificate;
  if (v.kind !== 'family_repair') delete d.repaired;
  return { date: toIsoDate(v.date)!, outcome: v.outcome, details: { ...d, kind: v.kind } as ServiceDetails };
}
