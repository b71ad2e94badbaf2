// Code lists of supervision in display order, from the label catalogue (core/labels).
import type { RecordKind, TaskKind } from '../../api/supervision';
import type { Me } from '../../api/auth';
import { codesOf } from '../../../core/labels';

export const recordKinds = codesOf('recordKind');
export const testSamples = codesOf('testSample');
export const testMethods = codesOf('testMethod');
/** T3: exactly these five. */
export const testResults = codesOf('testResult');
export const contactModes = codesOf('contactMode');
export const absenceKinds = codesOf('absenceKind');

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
