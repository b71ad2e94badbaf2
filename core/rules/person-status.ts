// A person's current status, derived from their measures (never typed in), and the rule that
// a person is under at most one supervision measure at a time.

import { compareDates, type IsoDate } from './dates';
import { isFinished, type Measure, type MeasureKind } from './measures';

export type PersonStatus = 'in_compulsory_isolation' | 'suspended' | 'under_community_detox' | 'under_community_rehab' | 'awaiting_report' | 'no_active_measure';

export interface PersonStatusSummary {
  status: PersonStatus;
  /** The measure the status comes from; null for no_active_measure. */
  measureId: string | null;
  /** M10: maintenance treatment runs alongside, so it is a flag rather than a status. */
  inMaintenanceTreatment: boolean;
}

/** Measures that put the person under supervision or isolation; only one at a time. */
const SUPERVISION_KINDS: ReadonlySet<MeasureKind> = new Set(['community_detox', 'community_rehab', 'compulsory_isolation']);

/**
 * Which status wins if the data ever holds more than one open measure: the one that says most
 * about where the person is. Isolation means he is in a facility whatever else is open; a
 * suspension means he is held by police; then a running community measure; then an order not
 * yet reported to.
 */
function statusOf(m: Measure): PersonStatus | null {
  if (m.kind === 'compulsory_isolation' && m.status === 'active') return 'in_compulsory_isolation';
  if (m.kind !== 'community_detox' && m.kind !== 'community_rehab') return null;
  if (m.status === 'suspended') return 'suspended';
  if (m.status === 'awaiting_report') return 'awaiting_report';
  if (m.status !== 'active') return null;
  return m.kind === 'community_detox' ? 'under_community_detox' : 'under_community_rehab';
}

const PRECEDENCE: readonly PersonStatus[] = ['in_compulsory_isolation', 'suspended', 'under_community_detox', 'under_community_rehab', 'awaiting_report'];

/** Newest decision first, then id, so the result never depends on the order of the input. */
const newestFirst = (a: Measure, b: Measure) => compareDates(b.decisionDate, a.decisionDate) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The person's status on `today`. Measures decided after `today` are not yet in force and are
 * ignored. Voluntary treatment never shows (M4: it is confidential and not passed to dynamic
 * control), and maintenance treatment only as the flag (M10).
 */
export function derivePersonStatus(measures: readonly Measure[], today: IsoDate): PersonStatusSummary {
  const inForce = measures.filter((m) => compareDates(m.decisionDate, today) <= 0 && !isFinished(m.status));
  const inMaintenanceTreatment = inForce.some((m) => m.kind === 'maintenance_treatment');
  const candidates = inForce
    .map((m) => ({ m, status: statusOf(m) }))
    .filter((c): c is { m: Measure; status: PersonStatus } => c.status !== null)
    .sort((a, b) => PRECEDENCE.indexOf(a.status) - PRECEDENCE.indexOf(b.status) || newestFirst(a.m, b.m));
  const winner = candidates[0];
  if (!winner) return { status: 'no_active_measure', measureId: null, inMaintenanceTreatment };
  return { status: winner.status, measureId: winner.m.id, inMaintenanceTreatment };
}

/**
 * Days a measure occupies: from its decision (a person awaiting report is already ordered)
 * up to, but not including, the day it ended, so a new measure may begin the day the previous
 * one ends (release from isolation and community rehab on the same day, M9). An open measure
 * runs on indefinitely.
 */
function occupies(m: Measure, day: IsoDate): boolean {
  return compareDates(m.decisionDate, day) <= 0 && (m.endedOn === null || compareDates(day, m.endedOn) < 0);
}

export function measuresOverlap(a: Measure, b: Measure): boolean {
  const laterStart = compareDates(a.decisionDate, b.decisionDate) >= 0 ? a.decisionDate : b.decisionDate;
  return occupies(a, laterStart) && occupies(b, laterStart);
}

export type NewMeasureCheck = { ok: true } | { ok: false; code: 'measure.overlap'; conflictingMeasureId: string };

/**
 * Community detox, community rehab and compulsory isolation exclude each other: a new one is
 * allowed only once the previous one has ended (terminated, converted or completed; M5, M8).
 * Maintenance treatment runs alongside any of them (M10), and so does voluntary treatment,
 * which is a medical programme kept apart from control (M4); each of those two only excludes
 * a second programme of its own kind.
 */
export function checkNewMeasure(existing: readonly Measure[], candidate: Measure): NewMeasureCheck {
  const conflicting = existing.filter((m) => m.id !== candidate.id && excludes(m.kind, candidate.kind) && measuresOverlap(m, candidate)).sort(newestFirst)[0];
  return conflicting ? { ok: false, code: 'measure.overlap', conflictingMeasureId: conflicting.id } : { ok: true };
}

function excludes(a: MeasureKind, b: MeasureKind): boolean {
  return (SUPERVISION_KINDS.has(a) && SUPERVISION_KINDS.has(b)) || a === b;
}
