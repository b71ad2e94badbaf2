// Staff capacity (issue 16 item 3; RULES K12): the state of a qualification from its dates,
// caseloads and the unit's 1 : 30 ratio from the real assignments, and which grade's pay band
// applies. Pure: no I/O, no clock (`today` is passed in); the numbers come from the policy's
// `capacity` section.
import { daysBetween, compareDates, type IsoDate } from './dates';
import { socialWorkerGrades, type Policy, type SocialWorkerGrade } from './policy';

export type CapacityPolicy = Policy['capacity'];

/** Certificates a social worker may hold; the first three back a grade (社会工作者职业资格). */
export const qualificationKinds = ['sw_assistant', 'sw_intermediate', 'sw_senior', 'drug_control_post', 'counsellor', 'other'] as const;
export type QualificationKind = (typeof qualificationKinds)[number];

/** The grade a certificate proves, if it is one of the social-work qualifications. */
export const gradeOfCertificate: Partial<Record<QualificationKind, SocialWorkerGrade>> = {
  sw_assistant: 'assistant',
  sw_intermediate: 'intermediate',
  sw_senior: 'senior',
};

export type QualificationState = 'valid' | 'expiring' | 'expired';

/**
 * A qualification on `today`: without an expiry date it stays valid; it is valid through its
 * expiry day and expired from the day after; within `expiringWithinDays` of that day (the day
 * itself included) it is expiring. `daysLeft` counts to the expiry day (negative once past).
 */
export function qualificationState(expiresOn: IsoDate | null, today: IsoDate, expiringWithinDays: number): { state: QualificationState; daysLeft: number | null } {
  if (!expiresOn) return { state: 'valid', daysLeft: null };
  const daysLeft = daysBetween(today, expiresOn);
  if (daysLeft < 0) return { state: 'expired', daysLeft };
  return { state: daysLeft <= expiringWithinDays ? 'expiring' : 'valid', daysLeft };
}

/** A certificate counts for its dates when it was issued by `today` and has not expired. */
export function qualificationHolds(q: { issuedOn: IsoDate; expiresOn: IsoDate | null }, today: IsoDate): boolean {
  return compareDates(q.issuedOn, today) <= 0 && (q.expiresOn === null || compareDates(q.expiresOn, today) >= 0);
}

const rank = (g: SocialWorkerGrade) => socialWorkerGrades.indexOf(g);

/**
 * The grade whose pay band applies: the recorded grade as far as a social-work certificate in
 * force backs it. A grade above what the certificates prove is paid at the highest proved one
 * (none in force: `unqualified`, 未取得); `unqualified` needs no certificate. An expiring
 * certificate still holds; an expired one does not.
 */
export function payGrade(
  grade: SocialWorkerGrade,
  qualifications: readonly { kind: QualificationKind; issuedOn: IsoDate; expiresOn: IsoDate | null }[],
  today: IsoDate,
): SocialWorkerGrade {
  let proved: SocialWorkerGrade = 'unqualified';
  for (const q of qualifications) {
    const g = gradeOfCertificate[q.kind];
    if (g && qualificationHolds(q, today) && rank(g) > rank(proved)) proved = g;
  }
  return rank(grade) <= rank(proved) ? grade : proved;
}

/** The monthly pay band of the grade that applies (see `payGrade`). */
export function payBandFor(grade: SocialWorkerGrade, policy: CapacityPolicy): { minYuan: number; maxYuan: number } {
  return policy.payBandsYuan[grade];
}

/** Persons under a community measure by responsible worker (null: no worker assigned). */
export interface Caseload {
  workerId: string | null;
  persons: number;
}

/** One worker's caseload against the target: over when more than `personsPerWorker`. */
export function workerCaseload(loads: readonly Caseload[], workerId: string, policy: CapacityPolicy): { persons: number; target: number; over: boolean } {
  const persons = loads.find((l) => l.workerId === workerId)?.persons ?? 0;
  return { persons, target: policy.personsPerWorker, over: persons > policy.personsPerWorker };
}

/**
 * K12 of a unit from its real assignments: the persons under a measure, the workers
 * responsible for them, the workers needed (one per `personsPerWorker`, and one where there is
 * anyone), persons per worker, and whether the ratio holds. Persons without a worker count in
 * the persons and are shown apart; a worker without persons is no staffing for K12.
 */
export function unitStaffing(loads: readonly Caseload[], policy: CapacityPolicy) {
  const assigned = loads.filter((l) => l.workerId !== null && l.persons > 0);
  const persons = loads.reduce((n, l) => n + l.persons, 0);
  const workers = assigned.length;
  const workersNeeded = persons === 0 ? 0 : Math.max(1, Math.ceil(persons / policy.personsPerWorker));
  return {
    persons,
    workers,
    unassigned: loads.filter((l) => l.workerId === null).reduce((n, l) => n + l.persons, 0),
    workersNeeded,
    personsPerWorker: workers > 0 ? persons / workers : null,
    target: policy.personsPerWorker,
    maxCaseload: Math.max(0, ...assigned.map((l) => l.persons)),
    overCaseload: assigned.filter((l) => l.persons > policy.personsPerWorker).length,
    met: workers >= workersNeeded,
  };
}
