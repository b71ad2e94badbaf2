import { Descriptions, Typography } from 'antd';
import type { RecordView } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { formatTime } from '../../components/format';

/** Everything a record holds: the test or the visit form with its notes, the note, who and when. */
export function RecordDetails({ record: r }: { record: RecordView }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const items: { label: string; children: string }[] = [];
  const add = (label: string, value: string | null | undefined) => items.push({ label, children: value || '—' });
  if (r.drugTest) {
    const d = r.drugTest;
    add(t('sv.record.result'), label('testResult', d.result));
    add(t('sv.record.sample'), label('testSample', d.sample));
    add(t('sv.record.method'), label('testMethod', d.method));
    add(t('sv.record.tester'), d.tester);
    add(t('sv.print.random'), d.random ? t('sv.print.yes') : t('sv.print.no'));
  }
  if (r.form) {
    const f = r.form;
    const [open, close] = lang === 'zh-CN' ? ['（', '）'] : [' (', ')'];
    const withNote = (v: string, note?: string) => (note ? `${v}${open}${note}${close}` : v);
    if (r.contactMode) add(t('sv.record.contactMode'), label('contactMode', r.contactMode));
    add(t('sv.record.living'), withNote(label('livingSituation', f.livingSituation), f.livingNote));
    add(t('sv.record.employment'), withNote(label('employmentSituation', f.employment), f.employmentNote));
    add(t('sv.record.family'), withNote(label('familySituation', f.family), f.familyNote));
    add(t('sv.record.health'), withNote(label('health', f.health), f.healthNote));
    add(t('sv.record.mood'), label('mood', f.mood));
    add(t('sv.record.warningSigns'), f.warningSigns.map((s) => label('visitWarningSign', s)).join(t('common.listSep')) || '—');
    add(t('sv.record.needs'), withNote(f.needs.map((n) => label('assistanceNeed', n)).join(t('common.listSep')) || '—', f.needsNote));
    add(t('sv.record.nextStep'), withNote(label('nextStep', f.nextStep), f.nextStepNote));
  }
  add(t('sv.record.note'), r.note);
  add(t('sv.print.recordedAt'), formatTime(r.recordedAt, lang));
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items.map((i, n) => ({ key: n, ...i }))} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.id}
      </Typography.Text>
    </>
  );
}
