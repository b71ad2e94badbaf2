// Risk classification (RULES D4, D6; issue 13): a person's class high / medium / low from the
// facts on file, each factor weighed by the policy (`warning`), so that a worker sees why.
// Pure: the caller loads the facts and passes today and the policy in.

import { addDays, compareDates, type IsoDate } from './dates';
import type { Policy, RiskFactorCode } from './policy';

export type RiskClass = 'high' | 'medium' | 'low';

/** What one factor measured: a count (tests, records, drugs) or 1/0, and the records behind it. */
export interface FactorValue {
  value: number;
  recordIds: string[];
}

/** The loaded facts of one person, as the rule reads them. */
export interface RiskFacts {
  /** End dates (with ids) of the person's compulsory isolations (M7). */
  isolationReleases: { measureId: string; endedOn: IsoDate }[];
  /** Drug tests of the person's records (live rows only). */
  tests: { recordId: string; date: IsoDate; result: string }[];
  /** When the person's latest earlier measure ended: a positive after it is a relapse (D6). */
  earlierMeasureEndedOn: IsoDate | null;
  /** C5 counts of the current measure, and the C11 and C5 states, from the supervision status. */
  status: { refusals: number; evasions: number; level: 'none' | 'breach' | 'serious_breach'; lostContact: boolean; measureId: string } | null;
  /** Open C1 refusal notices (id of the notice's fact record or measure). */
  refusedMeasureIds: string[];
  /** The latest visit form within reach, with its record. */
  latestVisit: { recordId: string; date: IsoDate; mood: string; warningSigns: string[]; family: string; livingSituation: string; employment: string } | null;
  /** The assistance needs judged severe in the latest assessment (housing, relief), when the module has one. */
  severeNeeds: { assessmentId: string; needs: string[] } | null;
  useMethods: string[];
  drugTypes: string[];
  /** The current community measure's end and whether an approved assistance plan stands. */
  measureEnd: { measureId: string; endsOn: IsoDate } | null;
  hasPlan: boolean;
}

export interface FactorContribution {
  factor: RiskFactorCode;
  value: number;
  weight: number;
  threshold: number;
  /** The weight when the value reaches the threshold, else 0. */
  contribution: number;
  forcesHigh: boolean;
  recordIds: string[];
}

export interface RiskClassification {
  riskClass: RiskClass;
  score: number;
  /** Only the factors that hold (value ≥ threshold), strongest first. */
  factors: FactorContribution[];
  policyVersion: string;
}

const none: FactorValue = { value: 0, recordIds: [] };
const one = (recordIds: string[]): FactorValue => ({ value: 1, recordIds });

/** D4: released from compulsory isolation within the policy's days. */
function releasedRecently(f: RiskFacts, p: Policy, today: IsoDate): FactorValue {
  const since = addDays(today, -p.warning.releasedWithinDays);
  const hits = f.isolationReleases.filter((r) => compareDates(r.endedOn, since) >= 0 && compareDates(r.endedOn, today) <= 0);
  return hits.length ? one(hits.map((r) => r.measureId)) : none;
}

/** C5: refused and evaded tests of the current measure (the C5 count), with the test records. */
function missedTests(f: RiskFacts): FactorValue {
  if (!f.status) return none;
  const ids = f.tests.filter((t) => t.result === 'refused' || t.result === 'evaded').map((t) => t.recordId);
  return { value: f.status.refusals + f.status.evasions, recordIds: ids };
}

function positives(f: RiskFacts, p: Policy, today: IsoDate) {
  const since = addDays(today, -p.warning.positiveWithinDays);
  return f.tests.filter((t) => t.result === 'positive' && compareDates(t.date, since) >= 0);
}

/** T3, C6: positive tests within the policy's reach. */
function positiveTest(f: RiskFacts, p: Policy, today: IsoDate): FactorValue {
  const hits = positives(f, p, today);
  return { value: hits.length, recordIds: hits.map((t) => t.recordId) };
}

/** D6: a positive test after an earlier measure ended is a relapse. */
function relapse(f: RiskFacts, p: Policy, today: IsoDate): FactorValue {
  const ended = f.earlierMeasureEndedOn;
  if (!ended) return none;
  const hits = positives(f, p, today).filter((t) => compareDates(t.date, ended) > 0);
  return { value: hits.length, recordIds: hits.map((t) => t.recordId) };
}

function latestVisitWithin(f: RiskFacts, p: Policy, today: IsoDate) {
  const v = f.latestVisit;
  return v && compareDates(v.date, addDays(today, -p.warning.visitWithinDays)) >= 0 ? v : null;
}

/** D4: self-harm or psychiatric signs ticked at the latest visit: the count of signs. */
function distressSigns(f: RiskFacts, p: Policy, today: IsoDate): FactorValue {
  const v = latestVisitWithin(f, p, today);
  return v && v.warningSigns.length ? { value: v.warningSigns.length, recordIds: [v.recordId] } : none;
}

/** A low or agitated mood at the latest visit: a concern, not by itself a D4 sign. */
function moodConcern(f: RiskFacts, p: Policy, today: IsoDate): FactorValue {
  const v = latestVisitWithin(f, p, today);
  return v && (v.mood === 'low' || v.mood === 'agitated') ? one([v.recordId]) : none;
}

function familyConflict(f: RiskFacts, p: Policy, today: IsoDate): FactorValue {
  const v = latestVisitWithin(f, p, today);
  return v && v.family === 'conflict' ? one([v.recordId]) : none;
}

/** The visit saw unstable housing, or the assistance assessment judged housing severe. */
function noStableHousing(f: RiskFacts, p: Policy, today: IsoDate): FactorValue {
  const v = latestVisitWithin(f, p, today);
  const ids = [...(v && v.livingSituation === 'unstable' ? [v.recordId] : []), ...(f.severeNeeds?.needs.includes('housing') ? [f.severeNeeds.assessmentId] : [])];
  return ids.length ? one(ids) : none;
}

function noIncome(f: RiskFacts, p: Policy, today: IsoDate): FactorValue {
  const v = latestVisitWithin(f, p, today);
  const ids = [...(v && v.employment === 'unemployed' ? [v.recordId] : []), ...(f.severeNeeds?.needs.includes('relief') ? [f.severeNeeds.assessmentId] : [])];
  return ids.length ? one(ids) : none;
}

/** D6: injecting use, or repeated use of two drugs or more, or a relapse after a measure. */
function severeAddiction(f: RiskFacts, p: Policy, today: IsoDate): FactorValue {
  const relapsed = relapse(f, p, today);
  const holds = f.useMethods.includes('injecting') || f.drugTypes.length >= 2 || relapsed.value > 0;
  return holds ? one(relapsed.recordIds) : none;
}

/** The community measure ends within the policy's days and no approved plan stands. */
function measureEndingUnplanned(f: RiskFacts, p: Policy, today: IsoDate): FactorValue {
  const m = f.measureEnd;
  if (!m || f.hasPlan) return none;
  const soon = compareDates(m.endsOn, today) >= 0 && compareDates(m.endsOn, addDays(today, p.warning.measureEndingWithinDays)) <= 0;
  return soon ? one([m.measureId]) : none;
}

/** One measuring function per factor (the table the tests walk). */
export const riskFactorValues: Record<RiskFactorCode, (f: RiskFacts, p: Policy, today: IsoDate) => FactorValue> = {
  released_recently: releasedRecently,
  missed_tests: missedTests,
  positive_test: positiveTest,
  relapse,
  lost_contact: (f) => (f.status?.lostContact ? one([f.status.measureId]) : none),
  serious_breach: (f) => (f.status?.level === 'serious_breach' ? one([f.status.measureId]) : none),
  refused_measure: (f) => (f.refusedMeasureIds.length ? one(f.refusedMeasureIds) : none),
  distress_signs: distressSigns,
  mood_concern: moodConcern,
  family_conflict: familyConflict,
  no_stable_housing: noStableHousing,
  no_income: noIncome,
  injecting_use: (f) => (f.useMethods.includes('injecting') ? one([]) : none),
  severe_addiction: severeAddiction,
  measure_ending_unplanned: measureEndingUnplanned,
};

/** D4: a forcing factor makes the class high; otherwise the score against the policy's bounds. */
export function classOf(score: number, forced: boolean, p: Policy): RiskClass {
  if (forced || score >= p.warning.highFromScore) return 'high';
  return score >= p.warning.mediumFromScore ? 'medium' : 'low';
}

/** D4, D6: the class, the score and every factor that holds with its contribution and records. */
export function classifyRisk(f: RiskFacts, p: Policy, today: IsoDate): RiskClassification {
  const factors: FactorContribution[] = [];
  for (const [code, measure] of Object.entries(riskFactorValues) as [RiskFactorCode, (typeof riskFactorValues)[RiskFactorCode]][]) {
    const { weight, threshold, forcesHigh } = p.warning.factors[code];
    const v = measure(f, p, today);
    if (v.value < threshold) continue;
    factors.push({ factor: code, value: v.value, weight, threshold, contribution: weight, forcesHigh, recordIds: v.recordIds });
  }
  factors.sort((a, b) => Number(b.forcesHigh) - Number(a.forcesHigh) || b.contribution - a.contribution || a.factor.localeCompare(b.factor));
  const score = factors.reduce((s, x) => s + x.contribution, 0);
  return {
    riskClass: classOf(
      score,
      factors.some((x) => x.forcesHigh),
      p,
    ),
    score,
    factors,
    policyVersion: p.version,
  };
}

const rank: Record<RiskClass, number> = { low: 0, medium: 1, high: 2 };

/** The class in force: the street's override while it has not expired, else the computed one. */
export function effectiveClass(computed: RiskClass, override: { riskClass: RiskClass; expiresOn: IsoDate } | null, today: IsoDate): RiskClass {
  return override && compareDates(override.expiresOn, today) >= 0 ? override.riskClass : computed;
}

/** Whether a change of class is a rise to high (an alert kind). */
export function roseToHigh(before: RiskClass | null, after: RiskClass): boolean {
  return after === 'high' && (before === null ? false : rank[before] < rank.high);
}
