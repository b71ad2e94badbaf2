// Code lists of supervision, as the contracts define them. Plain values, so the web bundle does
// not pull in the contracts' schema library; `satisfies` keeps them in step.
import type { AbsenceKind, ContactMode, RecordKind, TaskKind, TestMethod, TestResult, TestSample, VisitForm } from '../../api/supervision';
import type { Me } from '../../api/auth';

export const recordKinds = ['drug_test', 'check_in', 'visit', 'follow_up', 'talk', 'grid_visit'] as const satisfies readonly RecordKind[];
export const testSamples = ['urine', 'hair', 'blood', 'saliva'] as const satisfies readonly TestSample[];
export const testMethods = ['on_site', 'lab', 'lab_retest'] as const satisfies readonly TestMethod[];
/** T3: exactly these five. */
export const testResults = ['negative', 'positive', 'refused', 'evaded', 'invalid'] as const satisfies readonly TestResult[];
export const contactModes = ['in_person', 'phone', 'video'] as const satisfies readonly ContactMode[];
export const absenceKinds = ['away', 'hospital_stay'] as const satisfies readonly AbsenceKind[];

export const livingOptions = ['stable_home', 'with_family', 'alone', 'unstable', 'unknown'] as const satisfies readonly VisitForm['livingSituation'][];
export const employmentOptions = ['employed', 'unemployed', 'job_seeking', 'in_training', 'unable_to_work', 'unknown'] as const satisfies readonly VisitForm['employment'][];
export const familyOptions = ['supportive', 'strained', 'conflict', 'no_contact', 'unknown'] as const satisfies readonly VisitForm['family'][];
export const healthOptions = ['good', 'fair', 'poor', 'unknown'] as const satisfies readonly VisitForm['health'][];
export const moodOptions = ['stable', 'anxious', 'low', 'agitated', 'unknown'] as const satisfies readonly VisitForm['mood'][];
export const needOptions = [
  'employment', 'skills_training', 'counselling', 'family_repair', 'relief', 'medical', 'housing', 'legal',
] as const satisfies readonly VisitForm['needs'][number][];
export const nextStepOptions = ['continue', 'follow_up_soon', 'refer_assistance', 'report_to_officer'] as const satisfies readonly VisitForm['nextStep'][];

/** Record kinds with the structured visit form (JOURNEYS 2). */
export const contactKinds: ReadonlySet<RecordKind> = new Set(['visit', 'follow_up', 'talk', 'grid_visit']);

/** The record kinds that resolve a task of this kind (a follow-up is resolved by a visit or a talk too). */
export const recordKindsFor = (task: TaskKind): RecordKind[] => (task === 'follow_up' ? ['follow_up', 'visit', 'talk'] : [task]);

/** Social workers and grid workers start their day on 今日待办 and see their own caseload first. */
export const isFieldWorker = (me: Me) => me.grants.some((g) => g.roleCode === 'social_worker' || g.roleCode === 'grid_worker');

/**
 * Whose day 今日待办 shows first: a social worker's own caseload (the persons they are responsible
 * for); everyone else, grid workers included (no person names them), the unit they hold.
 */
export const defaultScope = (me: Me): 'mine' | 'unit' => (me.grants.some((g) => g.roleCode === 'social_worker') ? 'mine' : 'unit');

/** The unit a supervisor's lists start on: the first unit they hold supervision.read on. */
export const firstSupervisionUnit = (me: Me) => me.grants.find((g) => g.permissions.includes('supervision.read'))?.orgUnitId;
