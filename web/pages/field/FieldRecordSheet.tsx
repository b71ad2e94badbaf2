import { Form, Input, Radio, Typography } from 'antd';
import type { CreateRecord, TestMethod, TestResult, TestSample } from '../../api/supervision';
import { useSignedIn } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { todayIso } from '../../components/dates';
import { DrugTestFields } from '../supervision/DrugTestFields';
import { contactModes } from '../supervision/codes';
import { notAskedForm } from '../../../core/rules/visit-presets';
import type { FieldTask } from './useFieldDay';
import { FieldSheet, useDeviceSave } from './FieldSheet';
import type { MergeDraft } from './FieldVisitSheet';

/** What the phone records besides the round's visit (issue 17 §2): a drug test, a check-in, a short note (a talk). */
export const fieldKinds = ['drug_test', 'check_in', 'talk'] as const;
export type FieldKind = (typeof fieldKinds)[number];
export const isFieldKind = (k: string): k is FieldKind => (fieldKinds as readonly string[]).includes(k);

/** Offline a lab re-test cannot name the test it re-tests (that needs the server): the phone offers these. */
const PHONE_METHODS: readonly TestMethod[] = ['on_site', 'lab'];

interface Values {
  kind: FieldKind;
  result?: TestResult;
  sample?: TestSample;
  method?: TestMethod;
  tester?: string;
  random?: boolean;
  place?: string;
  contactMode?: 'in_person' | 'phone' | 'video';
  note?: string;
}

const trimmed = (s: string | undefined) => s?.trim() || undefined;

function valuesOf(body: CreateRecord): Partial<Values> {
  if (body.kind === 'drug_test')
    return { kind: 'drug_test', result: body.result, sample: body.sample, method: body.method, tester: body.tester, random: body.random, place: body.place, note: body.note };
  if (body.kind === 'talk') return { kind: 'talk', contactMode: body.contactMode, note: body.note, place: body.place };
  return { kind: 'check_in', place: body.place, note: body.note };
}

/**
 * A drug test (T1–T3, T6), a check-in or a short note recorded on the phone (issue 17 §2): kept
 * on the device at once whatever the signal, sent in order with its client key, dated by the
 * server's calendar (the device's clock is only "recorded at"). The kind and every choice are
 * one-tap chips of at least 44 px; the tester is the signed-in worker; save sits under the thumb.
 * With `draft`, the record of a clash being merged (issue 17 §3): saving keeps it beside the other.
 */
export function FieldRecordSheet({
  task,
  onClose,
  draft,
  initialKind = 'drug_test',
  scheduled = false,
}: {
  task: Pick<FieldTask, 'personId' | 'personName'> & Partial<Pick<FieldTask, 'orgUnitName'>>;
  onClose: () => void;
  draft?: MergeDraft;
  /** The kind it opens on: the task's when opened for a drug test or check-in due. */
  initialKind?: FieldKind;
  /** Opened for the task due (T4): a test is then the scheduled one, not a random one (T6). */
  scheduled?: boolean;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const me = useSignedIn();
  const [form] = Form.useForm<Values>();
  const device = useDeviceSave(task, draft, onClose);
  const first: FieldKind = draft && isFieldKind(draft.body.kind) ? draft.body.kind : initialKind;
  const kind = (Form.useWatch('kind', form) ?? first) as FieldKind;
  const station = t('sv.record.placeStation', { unit: task.orgUnitName ?? '' });
  const placeFor = (k: FieldKind) => (k === 'talk' ? t('sv.record.placeHome') : station);

  const bodyOf = (v: Values): CreateRecord => {
    const date = draft?.body.date ?? todayIso();
    const place = trimmed(v.place) ?? placeFor(v.kind);
    const note = trimmed(v.note);
    if (v.kind === 'drug_test')
      return { kind: 'drug_test', date, place, note, result: v.result!, sample: v.sample, method: v.method, tester: trimmed(v.tester) ?? me.user.displayName, random: !!v.random };
    if (v.kind === 'talk') return { kind: 'talk', date, place, note, contactMode: v.contactMode ?? 'in_person', form: notAskedForm() };
    return { kind: 'check_in', date, place, note };
  };

  const save = (v: Values) => device.save(() => bodyOf({ ...v, kind }));

  return (
    <FieldSheet
      title={t('field.formTitle', { name: task.personName, kind: label('recordKind', kind) })}
      saving={device.saving}
      problem={device.problem}
      onSave={() => form.submit()}
      onClose={onClose}
    >
      <Form
        form={form}
        name="field-record"
        layout="vertical"
        className="field-form"
        initialValues={{
          kind: first,
          sample: 'urine',
          method: 'on_site',
          tester: me.user.displayName,
          random: false,
          contactMode: 'in_person',
          place: placeFor(first),
          ...(draft ? valuesOf(draft.body) : {}),
        }}
        onValuesChange={(changed: Partial<Values>, all: Values) => {
          // A place still at the default of the previous kind follows the new kind.
          if (changed.kind && fieldKinds.some((k) => all.place === placeFor(k))) form.setFieldValue('place', placeFor(changed.kind));
        }}
        onFinish={(v) => void save(v)}
      >
        {!draft && (
          <Form.Item name="kind" label={t('field.kind')} style={{ marginBottom: 12 }}>
            <Radio.Group optionType="button" options={fieldKinds.map((k) => ({ value: k, label: label('recordKind', k) }))} />
          </Form.Item>
        )}
        {kind === 'drug_test' && <DrugTestFields personId={task.personId} scheduled={scheduled} phone methods={PHONE_METHODS} />}
        {kind === 'talk' && (
          <>
            <Form.Item name="contactMode" label={t('sv.record.contactMode')} style={{ marginBottom: 12 }}>
              <Radio.Group optionType="button" options={contactModes.map((m) => ({ value: m, label: label('contactMode', m) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('field.talkNote')} rules={[{ required: true, whitespace: true, message: t('field.talkNoteRequired') }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
            </Form.Item>
            <Typography.Paragraph type="secondary">{t('field.talkHelp')}</Typography.Paragraph>
          </>
        )}
        {kind !== 'talk' && (
          <>
            <Form.Item name="place" label={t('sv.record.place')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="note" label={t('sv.record.note')} style={{ marginBottom: 0 }}>
              <Input maxLength={2000} />
            </Form.Item>
          </>
        )}
      </Form>
    </FieldSheet>
  );
}
