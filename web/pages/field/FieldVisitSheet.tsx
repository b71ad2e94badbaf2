import { Form, Input, Radio } from 'antd';
import type { CreateRecord, RecordKind, VisitForm } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { todayIso } from '../../components/dates';
import { VisitFormFields, visitFormBody } from '../supervision/VisitFormFields';
import type { FieldTask } from './useFieldDay';
import { FieldSheet, useDeviceSave } from './FieldSheet';
import { visitFormOfPreset, visitPresets, type VisitPreset } from '../../../core/rules/visit-presets';

type Values = { contactMode?: 'in_person' | 'phone' | 'video'; form: Partial<VisitForm>; note?: string; preset?: VisitPreset | 'detailed' };
type ContactKind = Extract<RecordKind, 'visit' | 'follow_up' | 'talk' | 'grid_visit'>;
const isContactKind = (k: RecordKind): k is ContactKind => k === 'visit' || k === 'follow_up' || k === 'talk' || k === 'grid_visit';
const trimmed = (s: string | undefined) => s?.trim() || undefined;

/**
 * The visit recorded on the phone (JOURNEYS 2): the short lists, a line of text, save — kept on
 * the device at once whatever the signal (issue 17), dated by the server's calendar (the device's
 * clock is only "recorded at"). The save button sits at the bottom, under the thumb.
 */
/** A record of the outbox being merged after a clash (issue 17 §3): the sheet opens on it, and saving keeps it beside the other. */
export interface MergeDraft {
  seq: number;
  body: CreateRecord;
}

const valuesOf = (body: CreateRecord): Values => ('form' in body ? { contactMode: body.contactMode, form: body.form, note: body.note } : { form: { needs: [] }, note: body.note });

export function FieldVisitSheet({ task, onClose, draft }: { task: Pick<FieldTask, 'personId' | 'personName' | 'kind'>; onClose: () => void; draft?: MergeDraft }) {
  const { t } = useI18n();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const kind: ContactKind = draft && isContactKind(draft.body.kind) ? draft.body.kind : task.kind === 'follow_up' ? 'follow_up' : 'grid_visit';
  // A new grid visit starts with its one-tap outcomes (F2, issue 17 §4); the full form is one of them.
  const quick = kind === 'grid_visit' && !draft;
  const device = useDeviceSave(task, draft, onClose);
  const preset = Form.useWatch('preset', form);
  const choose = (p: VisitPreset | 'detailed') => {
    if (p !== 'detailed') form.setFieldsValue({ contactMode: 'in_person', form: visitFormOfPreset(p) });
  };
  const save = (v: Values) =>
    device.save(() => {
      const fields = { contactMode: v.contactMode ?? 'in_person', form: visitFormBody(v.form), note: trimmed(v.note) } as const;
      return { kind, date: draft?.body.date ?? todayIso(), place: draft?.body.place ?? t('sv.record.placeHome'), ...fields };
    });
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
        name="field-visit"
        layout="vertical"
        className="field-form"
        initialValues={draft ? valuesOf(draft.body) : { contactMode: 'in_person', form: { needs: [] } }}
        onFinish={(v) => void save(v)}
      >
        {quick && (
          <Form.Item name="preset" label={t('field.situation')} rules={[{ required: true, message: t('field.situationRequired') }]} style={{ marginBottom: 12 }}>
            <Radio.Group
              optionType="button"
              onChange={(e) => choose(e.target.value as VisitPreset | 'detailed')}
              options={[...visitPresets, 'detailed' as const].map((p) => ({ value: p, label: label('visitPreset', p) }))}
            />
          </Form.Item>
        )}
        {/* Kept mounted under a preset: its answers are the preset's, and the form submits them. */}
        <div style={quick && preset !== 'detailed' ? { display: 'none' } : undefined}>
          <VisitFormFields />
        </div>
        <Form.Item name="note" label={t('sv.record.note')} style={{ marginBottom: 0 }}>
          <Input maxLength={2000} />
        </Form.Item>
      </Form>
    </FieldSheet>
  );
}
