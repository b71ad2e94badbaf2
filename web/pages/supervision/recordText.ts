import type { RecordView } from '../../api/supervision';
import type { Translate } from '../../i18n/I18nProvider';

/** A record in one line: the test's result, sample, method and tester; or the visit's short lists. */
export function recordSummary(r: RecordView, t: Translate): string {
  if (r.drugTest) {
    const d = r.drugTest;
    return [t(`sv.testResult.${d.result}`), t(`sv.testSample.${d.sample}`), t(`sv.testMethod.${d.method}`), d.tester].filter(Boolean).join(' · ');
  }
  if (r.form) {
    const f = r.form;
    return [
      r.contactMode ? t(`sv.contactMode.${r.contactMode}`) : null,
      t(`sv.living.${f.livingSituation}`),
      t(`sv.employment.${f.employment}`),
      t(`sv.family.${f.family}`),
      t(`sv.mood.${f.mood}`),
      `${t('sv.record.nextStep')}${t('common.colon')}${t(`sv.nextStep.${f.nextStep}`)}`,
    ].filter(Boolean).join(' · ');
  }
  return r.note ?? '—';
}
