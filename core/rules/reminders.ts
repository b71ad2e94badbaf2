// Reminders of tomorrow's tasks. The responsible worker hears of each task; the person, if he
// consented (P2), gets one SMS a day however many of his check-ins and tests fall on it, and
// only for those: the rest are the worker's visits. P1: the SMS says nothing of drugs.
import type { TaskKind } from './schedule';

export interface RemindableTask {
  personId: string;
  measureId: string;
  key: string;
  kind: TaskKind;
  /** The person's responsible worker, if any. */
  workerId: string | null;
}

/** The tasks the person himself is reminded of (P2). */
const PERSON_TASK_KINDS: ReadonlySet<TaskKind> = new Set(['check_in', 'drug_test']);

export interface ReminderPlan<T extends RemindableTask> {
  /** One in-app message per task to its worker. */
  worker: (T & { workerId: string })[];
  /** One SMS per consenting person and day. */
  sms: string[];
}

export function reminderPlan<T extends RemindableTask>(tasks: readonly T[], consented: ReadonlySet<string>): ReminderPlan<T> {
  const worker = tasks.filter((t): t is T & { workerId: string } => t.workerId !== null);
  const sms = [...new Set(tasks.filter((t) => PERSON_TASK_KINDS.has(t.kind) && consented.has(t.personId)).map((t) => t.personId))];
  return { worker, sms };
}
