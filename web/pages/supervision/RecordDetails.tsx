import { Descriptions, Typography } from 'antd';
import type { RecordView } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTime } from '../../components/format';

/** Everything a record holds: the test or the visit form with its notes, the note, who and when. */
export function RecordDetails({ record: r }: { record: RecordView }) {
  const { t, lang } = useI18n();
  const items: { label: string; children: string }[] = [];
  const add = (label: string, value: string | null | undefined) => items.push({ label, children: value || '—' });
  if (r.drugTest) {
    const d = r.drugTest;
    add(t('sv.record.result'), t(`sv.testResult.${d.result}`));
    add(t('sv.record.sample'), t(`sv.testSample.${d.sample}`));
    add(t('sv.record.method'), t(`sv.testMethod.${d.method}`));
    add(t('sv.record.tester'), d.tester);
    add(t('sv.print.random'), d.random ? t('sv.print.yes') : t('sv.print.no'));
  }
  if (r.form) {
    const f = r.form;
    const [open, close] = lang === 'zh-CN' ? ['（', '）'] : [' (', ')'];
    const withNote = (v: string, note?: string) => (note ? `${v}${open}${note}${close}` : v);
    if (r.contactMode) add(t('sv.record.contactMode'), t(`sv.contactMode.${r.contactMode}`));
    add(t('sv.record.living'), withNote(t(`sv.living.${f.livingSituation}`), f.livingNote));
    add(t('sv.record.employment'), withNote(t(`sv.employment.${f.employment}`), f.employmentNote));
    add(t('sv.record.family'), withNote(t(`sv.family.${f.family}`), f.familyNote));
    add(t('sv.record.health'), withNote(t(`sv.health.${f.health}`), f.healthNote));
    add(t('sv.record.mood'), t(`sv.mood.${f.mood}`));
    add(t('sv.record.needs'), withNote(f.needs.map((n) => t(`sv.needs.${n}`)).join(t('common.listSep')) || '—', f.needsNote));
    add(t('sv.record.nextStep'), withNote(t(`sv.nextStep.${f.nextStep}`), f.nextStepNote));
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
