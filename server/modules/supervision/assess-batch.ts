// The rules over a loaded batch (issue 11.5): the same function in this thread (a write about one
// person, PGlite's small runs) and in the recompute's worker threads (assess-pool.ts). What
// crosses to a thread is plain data: the inputs, each person's policy by index, the day.
import { assessPerson, type PersonOutcome } from '../../../core/rules/assessment';
import type { AbsenceInput, LeaveInput } from '../../../core/rules/leave';
import type { RecordInput } from '../../../core/rules/records';
import type { Measure } from '../../../core/rules/measures';
import type { Policy } from '../../../core/rules/policy';

export interface AssessBatch {
  persons: { id: string; policy: number }[];
  policies: Policy[];
  measures: Map<string, { measure: Measure }[]>;
  records: Map<string, unknown[]>;
  leaves: Map<string, unknown[]>;
  absences: Map<string, unknown[]>;
  today: string;
  timeDriven: boolean;
}

export function assessBatch(b: AssessBatch): Map<string, PersonOutcome> {
  const out = new Map<string, PersonOutcome>();
  for (const p of b.persons) {
    out.set(
      p.id,
      assessPerson({
        timeDriven: b.timeDriven,
        measures: (b.measures.get(p.id) ?? []).map((x) => x.measure),
        records: (b.records.get(p.id) ?? []) as RecordInput[],
        leaves: (b.leaves.get(p.id) ?? []) as LeaveInput[],
        absences: (b.absences.get(p.id) ?? []) as AbsenceInput[],
        policy: b.policies[p.policy]!,
        today: b.today,
      }),
    );
  }
  return out;
}
