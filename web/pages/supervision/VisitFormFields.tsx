import { Checkbox, Collapse, Form, Input, Radio } from 'antd';
import type { MessageKey } from '../../i18n/zh-CN';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { codesOf, type LabelList } from '../../../core/labels';
import type { VisitForm } from '../../api/supervision';
import { contactModes } from './codes';

/** The structured visit form (JOURNEYS 2): short lists, the needs, the next step, notes if wanted. */
export function VisitFormFields() {
  const { t } = useI18n();
  const label = useLabel();
  const opts = (list: LabelList) => codesOf(list).map((c) => ({ value: c, label: label(list, c) }));
  // One short list as a row of buttons: one tap on a phone.
  const pick = (name: string, title: MessageKey, options: { value: string; label: string }[]) => (
    <Form.Item name={['form', name]} label={t(title)} rules={[{ required: true, message: t('common.required') }]} style={{ marginBottom: 12 }}>
      <Radio.Group optionType="button" size="small" options={options} />
    </Form.Item>
  );
  const note = (name: string, title: MessageKey) => (
    <Form.Item key={name} name={['form', name]} label={t(title)} style={{ marginBottom: 8 }}>
      <Input.TextArea rows={1} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
    </Form.Item>
  );
  return (
    <>
      <Form.Item name="contactMode" label={t('sv.record.contactMode')} style={{ marginBottom: 12 }}>
        <Radio.Group optionType="button" size="small" options={contactModes.map((m) => ({ value: m, label: label('contactMode', m) }))} />
      </Form.Item>
      {pick('livingSituation', 'sv.record.living', opts('livingSituation'))}
      {pick('employment', 'sv.record.employment', opts('employmentSituation'))}
      {pick('family', 'sv.record.family', opts('familySituation'))}
      {pick('health', 'sv.record.health', opts('health'))}
      {pick('mood', 'sv.record.mood', opts('mood'))}
      {/* D4: ticking a sign makes the person high risk and raises an alert; nothing ticked, none seen. */}
      <Form.Item name={['form', 'warningSigns']} label={t('sv.record.warningSigns')} extra={t('sv.record.warningSignsHint')} style={{ marginBottom: 12 }}>
        <Checkbox.Group options={opts('visitWarningSign')} />
      </Form.Item>
      <Form.Item name={['form', 'needs']} label={t('sv.record.needs')} style={{ marginBottom: 12 }}>
        <Checkbox.Group options={opts('assistanceNeed')} />
      </Form.Item>
      {pick('nextStep', 'sv.record.nextStep', opts('nextStep'))}
      <Collapse
        size="small"
        ghost
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'notes',
            label: t('sv.record.sectionNotes'),
            forceRender: true,
            children: [
              note('livingNote', 'sv.record.livingNote'),
              note('employmentNote', 'sv.record.employmentNote'),
              note('familyNote', 'sv.record.familyNote'),
              note('healthNote', 'sv.record.healthNote'),
              note('needsNote', 'sv.record.needsNote'),
              note('nextStepNote', 'sv.record.nextStepNote'),
            ],
          },
        ]}
      />
    </>
  );
}

const trimmedNote = (s: string | undefined) => s?.trim() || undefined;

/** The structured form as these fields leave it (the required choices checked by the form), notes trimmed. */
export function visitFormBody(f: Partial<VisitForm>): VisitForm {
  return {
    livingSituation: f.livingSituation!,
    employment: f.employment!,
    family: f.family!,
    health: f.health!,
    mood: f.mood!,
    warningSigns: f.warningSigns ?? [],
    needs: f.needs ?? [],
    nextStep: f.nextStep!,
    livingNote: trimmedNote(f.livingNote),
    employmentNote: trimmedNote(f.employmentNote),
    familyNote: trimmedNote(f.familyNote),
    healthNote: trimmedNote(f.healthNote),
    needsNote: trimmedNote(f.needsNote),
    nextStepNote: trimmedNote(f.nextStepNote),
  };
}
