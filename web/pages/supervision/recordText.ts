import type { RecordView } from '../../api/supervision';
import type { Translate } from '../../i18n/I18nProvider';
import type { LabelOf } from '../../components/useLabel';

/** A record in one line: the test's result, sample, method and tester; or the visit's short lists. */
export function recordSummary(r: RecordView, t: Translate, label: LabelOf): string {
  if (r.drugTest) {
    const d = r.drugTest;
    return [label('testResult', d.result), label('testSample', d.sample), label('testMethod', d.method), d.tester].filter(Boolean).join(' · ');
  }
  if (r.form) {
    const f = r.form;
    return [
      r.contactMode ? label('contactMode', r.contactMode) : null,
      label('livingSituation', f.livingSituation),
      label('employmentSituation', f.employment),
      label('familySituation', f.family),
      label('mood', f.mood),
      ...f.warningSigns.map((s) => label('visitWarningSign', s)),
      `${t('sv.record.nextStep')}${t('common.colon')}${label('nextStep', f.nextStep)}`,
    ]
      .filter(Boolean)
      .join(' · ');
  }
  return r.note ?? '—';
}
