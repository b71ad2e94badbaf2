// Shapes what other modules' services returned for one person into the facts the rules read
// (core/rules/risk.ts, core/rules/alerts.ts). No I/O: the caller loaded every row.
import { addDays, compareDates, type IsoDate } from '../../../core/rules/dates';
import { computeEndDate, isCommunityMeasure, type Measure } from '../../../core/rules/measures';
import { currentMeasure, type PersonOutcome } from '../../../core/rules/assessment';
import type { Policy } from '../../../core/rules/policy';
import type { RiskClass, RiskFacts } from '../../../core/rules/risk';
import type { AlertFacts } from '../../../core/rules/alerts';
import type { LeaveInput } from '../../../core/rules/leave';

export interface Loaded {
  measures: Measure[];
  tests: { id: string; date: IsoDate; result: string | null }[];
  leaves: LeaveInput[];
  visit: { id: string; date: IsoDate; form: unknown } | null;
  use: { drugTypes: string[]; useMethods: string[] } | null;
  assistance: { severe: { assessmentId: string; needs: string[] } | null; planned: boolean };
  outcome: PersonOutcome;
}

/** C1 refusals the assessment stands by: `refused|measure:<id>` (core/rules/notices.ts noticeFact). */
const refusedMeasures = (o: PersonOutcome): string[] => o.standing.notices.filter((n) => n.startsWith('refused|measure:')).map((n) => n.slice('refused|measure:'.length));

/** D4, D6: the facts of the classification. */
export function riskFacts(l: Loaded, policy: Policy): RiskFacts {
  const current = currentMeasure(l.measures);
  const s = l.outcome.status;
  const form = (l.visit?.form ?? null) as { mood?: string; warningSigns?: string[]; family?: string; livingSituation?: string; employment?: string } | null;
  const earlier = l.measures.filter((m) => m.id !== current?.id && m.endedOn && (!current?.startDate || compareDates(m.endedOn, current.startDate) <= 0));
  const endsOn = current && current.status === 'active' && isCommunityMeasure(current.kind) ? computeEndDate(current, policy) : null;
  return {
    isolationReleases: l.measures.filter((m) => m.kind === 'compulsory_isolation' && m.endedOn).map((m) => ({ measureId: m.id, endedOn: m.endedOn! })),
    tests: l.tests.filter((t) => t.result).map((t) => ({ recordId: t.id, date: t.date, result: t.result! })),
    earlierMeasureEndedOn:
      earlier
        .map((m) => m.endedOn!)
        .sort(compareDates)
        .at(-1) ?? null,
    status: s
      ? { refusals: s.assessment.counts.refusals, evasions: s.assessment.counts.evasions, level: s.assessment.level, lostContact: s.lostContact.lost, measureId: s.measureId }
      : null,
    refusedMeasureIds: refusedMeasures(l.outcome),
    latestVisit:
      l.visit && form
        ? {
            recordId: l.visit.id,
            date: l.visit.date,
            mood: form.mood ?? 'unknown',
            warningSigns: form.warningSigns ?? [],
            family: form.family ?? 'unknown',
            livingSituation: form.livingSituation ?? 'unknown',
            employment: form.employment ?? 'unknown',
          }
        : null,
    severeNeeds: l.assistance.severe,
    useMethods: l.use?.useMethods ?? [],
    drugTypes: l.use?.drugTypes ?? [],
    measureEnd: current && endsOn ? { measureId: current.id, endsOn } : null,
    hasPlan: l.assistance.planned,
  };
}

/** The facts the alerts read. */
export function alertFacts(l: Loaded, riskClass: RiskClass, highSince: IsoDate | null, policy: Policy, today: IsoDate): AlertFacts {
  const s = l.outcome.status;
  return {
    tasks: l.outcome.tasks.map((t) => ({ measureId: t.measureId, key: t.key, kind: t.kind, windowEnd: t.windowEnd, state: t.state })),
    tests: l.tests.filter((t) => t.result).map((t) => ({ recordId: t.id, date: t.date, result: t.result! })),
    leaves: l.leaves,
    status: s
      ? {
          measureId: s.measureId,
          refusals: s.assessment.counts.refusals,
          evasions: s.assessment.counts.evasions,
          untilTests: s.assessment.untilSerious.tests,
          lostContact: s.lostContact.lost,
          lastInPersonContact: s.lostContact.lastInPersonContact,
          level: s.assessment.level,
        }
      : null,
    refusedMeasureIds: refusedMeasures(l.outcome),
    riskClass,
    highSince,
    since: addDays(today, -policy.warning.alertFactsWithinDays),
  };
}
