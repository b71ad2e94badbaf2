// Delisting from dynamic control (撤销管控, RULES D2, D3) and who may see a sealed file (P4, M4).
// Pure: the loaded measures and facts, the policy figures and `today` come in; the state and
// its reason go out, so the daily job, the list and the bench all judge a person the same way.

import { addDays, addYears, compareDates, daysBetween, maxDate, type IsoDate } from './dates';
import { isFinished, type MeasureKind, type MeasureStatus, type TerminationReason } from './measures';

export interface DelistingMeasure {
  kind: MeasureKind;
  status: MeasureStatus;
  decisionDate: IsoDate;
  /** Community measures: the day the person reported (M2); isolation: the decision's start. */
  startDate: IsoDate | null;
  endedOn: IsoDate | null;
  terminationReason: TerminationReason | null;
}

export interface DelistingFacts {
  measures: readonly DelistingMeasure[];
  /** Live relapses (positive tests, relapse notices), by fact date. */
  relapses: readonly IsoDate[];
  /** Live serious-breach notices (C5), by fact date. */
  seriousBreaches: readonly IsoDate[];
  /** Live refusal notices (C1, M5), by fact date. */
  refusals: readonly IsoDate[];
  /** D3: caught but not found addicted — the three years count from this day. */
  caughtOn?: IsoDate | null;
}

export interface DelistingFigures {
  cleanYears: number;
  upcomingDays: number;
}

export type DelistingState = 'eligible' | 'upcoming' | 'counting' | 'excluded' | 'not_started';
/** Why: the start the count runs from, or what stops it. */
export type DelistingBasis =
  'date_caught' | 'measure_start' | 'release' | 'relapse' | 'serious_breach' | 'refused' | 'in_isolation' | 'awaiting_report' | 'no_measure' | 'ended_otherwise';

export interface DelistingStatus {
  state: DelistingState;
  basis: DelistingBasis;
  /** The day the count runs from (start or last relapse), when it runs. */
  cleanSince: IsoDate | null;
  /** The day the person is (or will be) eligible, when the count runs. */
  eligibleOn: IsoDate | null;
  /** The date of the fact that excludes or stops the count (a breach, a refusal, the isolation's start). */
  factDate: IsoDate | null;
}

/** Kinds that are dynamic control; voluntary and maintenance treatment are medical (M4, M10) and never start or stop the count. */
const CONTROL_KINDS: ReadonlySet<MeasureKind> = new Set(['community_detox', 'community_rehab', 'compulsory_isolation']);

const stopped = (basis: DelistingBasis, factDate: IsoDate | null, state: DelistingState = 'not_started'): DelistingStatus => ({
  state,
  basis,
  cleanSince: null,
  eligibleOn: null,
  factDate,
});

/** The newest control measure: the one the count is judged by (a later order replaces an earlier one, M5). */
function latestControlMeasure(measures: readonly DelistingMeasure[]): DelistingMeasure | undefined {
  return [...measures].filter((m) => CONTROL_KINDS.has(m.kind)).sort((a, b) => compareDates(b.decisionDate, a.decisionDate))[0];
}

type Start = { ok: true; date: IsoDate; basis: DelistingBasis } | { ok: false; status: DelistingStatus };

/** D3: where the three years start for the measure the person is judged by. */
export function delistingStart(m: DelistingMeasure | undefined, caughtOn: IsoDate | null | undefined): Start {
  if (!m) return caughtOn ? { ok: true, date: caughtOn, basis: 'date_caught' } : { ok: false, status: stopped('no_measure', null) };
  if (m.status === 'terminated' && m.terminationReason === 'refused') return { ok: false, status: stopped('refused', m.endedOn, 'excluded') };
  if (m.kind === 'compulsory_isolation') {
    // D3: from release; while he is held, nothing counts.
    if (!isFinished(m.status) || !m.endedOn) return { ok: false, status: stopped('in_isolation', m.startDate ?? m.decisionDate) };
    return { ok: true, date: m.endedOn, basis: 'release' };
  }
  if (!m.startDate) return { ok: false, status: stopped('awaiting_report', m.decisionDate) };
  // A sentence or compulsory education ended it (C9): the police decide anew, the count does not run here.
  if (m.status === 'terminated') return { ok: false, status: stopped('ended_otherwise', m.endedOn) };
  return { ok: true, date: m.startDate, basis: 'measure_start' };
}

const onOrAfter = (dates: readonly IsoDate[], from: IsoDate) => dates.filter((d) => compareDates(d, from) >= 0).sort(compareDates);

/**
 * D2, D3: three years without relapse from the start, none for a person who refused or seriously
 * breached the measure he is judged by. A relapse after the start restarts the count from its day.
 */
export function delistingStatus(facts: DelistingFacts, figures: DelistingFigures, today: IsoDate): DelistingStatus {
  const m = latestControlMeasure(facts.measures);
  const start = delistingStart(m, facts.caughtOn);
  if (!start.ok) return start.status;
  // D3: a refusal or a serious breach of this measure excludes it, whatever came after.
  const judgedFrom = m ? m.decisionDate : start.date;
  const breach = onOrAfter(facts.seriousBreaches, judgedFrom)[0];
  if (breach) return stopped('serious_breach', breach, 'excluded');
  const refusal = onOrAfter(facts.refusals, judgedFrom)[0];
  if (refusal) return stopped('refused', refusal, 'excluded');
  const relapse = onOrAfter(facts.relapses, start.date).pop();
  const cleanSince = relapse ? maxDate(start.date, relapse) : start.date;
  const eligibleOn = addYears(cleanSince, figures.cleanYears);
  const basis = relapse ? 'relapse' : start.basis;
  const state: DelistingState = compareDates(eligibleOn, today) <= 0 ? 'eligible' : daysBetween(today, eligibleOn) <= figures.upcomingDays ? 'upcoming' : 'counting';
  return { state, basis, cleanSince, eligibleOn, factDate: relapse ?? null };
}

/** A person's measure kinds that seal his file from the start: voluntary treatment and nothing of control (M4, P4). */
export function sealedFromStart(kinds: readonly MeasureKind[]): boolean {
  return kinds.length > 0 && kinds.every((k) => k === 'voluntary_treatment');
}

/** P4: the day a file whose control ended (every measure finished, none since) is sealed; null while control runs. */
export function sealAfterCompletionOn(measures: readonly DelistingMeasure[], retentionYears: number): IsoDate | null {
  const control = measures.filter((m) => CONTROL_KINDS.has(m.kind));
  if (control.length === 0 || control.some((m) => !isFinished(m.status) || !m.endedOn)) return null;
  const lastEnd = control
    .map((m) => m.endedOn!)
    .sort(compareDates)
    .pop()!;
  return addYears(lastEnd, retentionYears);
}

/** P4: a file whose control ended (every measure finished, none since) is sealed once the retention period has run. */
export function sealAfterCompletionDue(measures: readonly DelistingMeasure[], retentionYears: number, today: IsoDate): boolean {
  const on = sealAfterCompletionOn(measures, retentionYears);
  return on !== null && compareDates(on, today) <= 0;
}

/**
 * D2: the first day a standing changes by the passing of time alone (its inputs unchanged): a
 * count enters the coming-up window, a coming-up person becomes eligible; null when it never does
 * (eligible, excluded, not started: only a new fact changes them).
 */
export function delistingChangesOn(s: DelistingStatus, figures: DelistingFigures): IsoDate | null {
  if (!s.eligibleOn) return null;
  if (s.state === 'counting') return addDays(s.eligibleOn, -figures.upcomingDays);
  if (s.state === 'upcoming') return s.eligibleOn;
  return null;
}

/** P4, P7: a sealed file's personal data is purged once the policy's keeping period after sealing has run. */
export function purgeDue(sealedOn: IsoDate, purgeAfterYears: number, today: IsoDate): boolean {
  return compareDates(addYears(sealedOn, purgeAfterYears), today) <= 0;
}

/** A grant as the M4 check reads it. */
export interface ViewerGrant {
  roleCode: string;
  permissions: readonly string[];
}

/** M4: police roles never see voluntary treatment — the police role, or any role that acknowledges police notices. */
export function isPoliceViewer(grants: readonly ViewerGrant[]): boolean {
  return grants.some((g) => g.roleCode === 'police_officer' || g.permissions.includes('notice.acknowledge'));
}

/** Permissions a sealed-file opening or a break-the-glass read may use: reading only (P4). */
export const readOnlyPermissions: readonly string[] = ['person.read', 'document.read', 'supervision.read', 'assistance.read', 'notice.read'];

/** When an opening of a given length ends. */
export function openingEnds(openedAt: Date, hours: number): Date {
  return new Date(openedAt.getTime() + hours * 3_600_000);
}
