import { useState } from 'react';
import { Alert, Col, DatePicker, Form, Grid, Input, Modal, Radio, Row, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { supervisionApi, type CreateRecord, type RecordKind, type RecordResult, type RecordView, type TaskView, type VisitForm } from '../../api/supervision';
import dayjs from 'dayjs';
import { useSignedIn } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { afterToday, toIsoDate, today, todayIso } from '../../components/dates';
import { contactKinds, recordKinds, recordKindsFor } from './codes';
import { DrugTestFields } from './DrugTestFields';
import { VisitFormFields, visitFormBody } from './VisitFormFields';
import { useSupervisionMutation } from './useSupervisionMutation';
import './supervision.css';
import { errorText } from './errorText';

/** Whom the record is about, as the list it is opened from knows them. */
export interface RecordTarget {
  personId: string;
  personName: string;
  orgUnitName: string;
}

type FormNotes = Partial<Record<'livingNote' | 'employmentNote' | 'familyNote' | 'healthNote' | 'needsNote' | 'nextStepNote', string>>;

interface Values {
  /** Issue 9.14: why a record is corrected. */
  reason?: string;
  kind: RecordKind;
  date: Dayjs;
  place: string;
  note?: string;
  sample?: 'urine' | 'hair' | 'blood' | 'saliva';
  method?: 'on_site' | 'lab' | 'lab_retest';
  result?: 'negative' | 'positive' | 'refused' | 'evaded' | 'invalid';
  tester?: string;
  random?: boolean;
  retestOf?: string;
  contactMode?: 'in_person' | 'phone' | 'video';
  form?: Partial<Omit<VisitForm, keyof FormNotes>> & FormNotes;
}

const trimmed = (s: string | undefined) => s?.trim() || undefined;

function toBody(v: Values): CreateRecord {
  const base = { date: toIsoDate(v.date), place: v.place.trim(), note: trimmed(v.note) };
  if (v.kind === 'check_in') return { kind: v.kind, ...base };
  if (v.kind === 'drug_test') {
    return {
      kind: v.kind,
      ...base,
      sample: v.sample,
      method: v.method,
      result: v.result!,
      tester: trimmed(v.tester),
      random: !!v.random,
      retestOf: v.method === 'lab_retest' ? v.retestOf : undefined,
    };
  }
  const f = v.form ?? {};
  const form: VisitForm = visitFormBody(f);
  return { kind: v.kind, ...base, contactMode: v.contactMode, form };
}

/**
 * 登记: a check-in, drug test, visit, follow-up, talk or grid visit. Opened for a task it is
 * prefilled for it (kind, today, me as tester, on-site urine test), so a test takes three taps.
 */
/** Issue 9.14: the form prefilled with the record being corrected. */
function valuesOf(r: RecordView): Partial<Values> {
  return {
    kind: r.kind,
    date: dayjs(r.date),
    place: r.place,
    note: r.note ?? undefined,
    ...(r.drugTest
      ? {
          sample: r.drugTest.sample,
          method: r.drugTest.method,
          result: r.drugTest.result,
          tester: r.drugTest.tester ?? undefined,
          random: r.drugTest.random,
          retestOf: r.drugTest.retestOf ?? undefined,
        }
      : {}),
    ...(r.form ? { contactMode: r.contactMode ?? undefined, form: r.form } : {}),
  };
}

export function RecordFormModal({
  target,
  task,
  correcting,
  onClose,
  onSaved,
}: {
  target: RecordTarget;
  task?: Pick<TaskView, 'kind' | 'dueDate' | 'windowStart' | 'windowEnd' | 'state'>;
  /** Correct this record (issue 9.14): the old version is kept, voided, with the reason. */
  correcting?: RecordView;
  onClose: () => void;
  onSaved: (r: RecordResult) => void;
}) {
  const { t, pick } = useI18n();
  const label = useLabel();
  const me = useSignedIn();
  const mobile = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const offered = task ? recordKindsFor(task.kind) : [...recordKinds];
  const kind = Form.useWatch('kind', form) ?? offered[0]!;
  const placeFor = (k: RecordKind) => (k === 'drug_test' || k === 'check_in' ? t('sv.record.placeStation', { unit: target.orgUnitName }) : t('sv.record.placeHome'));
  const save = useSupervisionMutation(
    target.personId,
    (v: Values): Promise<RecordResult> =>
      correcting
        ? supervisionApi.correctRecord(target.personId, correcting.id, (v.reason ?? '').trim(), toBody(v)).then((r) => ({ ...r, record: r.record! }))
        : supervisionApi.createRecord(target.personId, toBody(v)),
    {
      form,
      success: (r) => (correcting ? t('sv.records.corrected', { notices: r.noticesWithdrawn.length }) : t('sv.record.saved', { kind: label('recordKind', r.record.kind) })),
      onDone: onSaved,
      onError: (err) => setProblem(errorText(err, pick, t('common.loadFailed'))),
    },
  );
  const late = task && task.state === 'overdue' && task.windowEnd < todayIso();
  return (
    <Modal
      open
      title={
        correcting
          ? t('sv.records.correctTitle', { kind: label('recordKind', correcting.kind), date: correcting.date })
          : t('sv.record.title', { kind: label('recordKind', kind), name: target.personName })
      }
      okText={t('sv.record.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      width={640}
      style={mobile ? { top: 8, paddingBottom: 8 } : undefined}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />}
      {task && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {t('sv.record.forTask', { kind: label('taskKind', task.kind), date: task.dueDate, from: task.windowStart, to: task.windowEnd })}
        </Typography.Paragraph>
      )}
      {late && <Alert type="info" showIcon title={t('sv.record.lateTask', { date: task.windowEnd })} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        name="supervision-record"
        layout="vertical"
        className="sv-compact-form"
        initialValues={{
          kind: offered[0],
          date: today(),
          place: placeFor(offered[0]!),
          sample: 'urine',
          method: 'on_site',
          tester: me.user.displayName,
          random: false,
          contactMode: 'in_person',
          form: { needs: [] },
          ...(correcting ? valuesOf(correcting) : {}),
        }}
        onValuesChange={(changed: Partial<Values>, all: Values) => {
          // A place still at the default of the previous kind follows the new kind.
          if (changed.kind && offered.some((k) => all.place === placeFor(k))) form.setFieldValue('place', placeFor(changed.kind));
        }}
        onFinish={(v) => {
          setProblem(null);
          // With one kind offered there is no kind field, so the form's values lack it.
          save.mutate({ ...v, kind });
        }}
      >
        {correcting && (
          <Form.Item name="reason" label={t('sv.records.changeReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('sv.records.changeReasonRequired') }]}>
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        )}
        {offered.length > 1 && (
          <Form.Item name="kind" label={t('sv.record.kind')} style={{ marginBottom: 12 }}>
            <Radio.Group optionType="button" options={offered.map((k) => ({ value: k, label: label('recordKind', k) }))} />
          </Form.Item>
        )}
        {kind === 'drug_test' && <DrugTestFields personId={target.personId} scheduled={!!task} />}
        <Row gutter={12}>
          <Col xs={11} sm={10}>
            <Form.Item name="date" label={t('sv.record.date')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker disabledDate={afterToday} allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={13} sm={14}>
            <Form.Item name="place" label={t('sv.record.place')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        {contactKinds.has(kind) && <VisitFormFields />}
        <Form.Item name="note" label={t('sv.record.note')} style={{ marginBottom: 0 }}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
