// The demo city's delisting and sealed files (issue 14 item 9): a few persons three clean years
// after the start of their community measure (RULES D2, D3: eligible now, or coming up within
// weeks), each with the negative tests of those years; a few persons delisted and sealed after it
// (P4); a few in voluntary treatment, sealed from the start (M4). They are the first persons the
// generator files (so the city keeps its size and its staffing, K12), with these measures and
// tests instead of a generated history; `seedSealing` then writes the delistings and the seals,
// and the daily run (the seed's `delisting` hook) judges the open files, so the delisting review
// list and the sealed views are not empty on the first start.
import crypto from 'node:crypto';
import type { Executor } from '../db/client';
import { addDays, addYears } from '../../core/rules/dates';
import { createMeasure, type Measure } from '../../core/rules/measures';
import { delistings, seals } from '../modules/sealing/schema';
import type { PersonHistory } from './history';
import { Random, uuidFrom } from './random';

export interface SealingSeedSummary {
  /** Three clean years passed (D2): on the review list now. */
  eligible: number;
  /** Within weeks of three clean years: on the list as coming up. */
  upcoming: number;
  /** Delisted (D2) and sealed after it (P4). */
  delisted: number;
  /** Voluntary treatment, sealed from the start (M4, P4). */
  voluntary: number;
  /** A sealed file's whole ID number (synthetic), for trying the sealed-file lookup in the demo (P5). */
  sealedIdNumber: string | null;
}

export type SealingKind = 'eligible' | 'upcoming' | 'delisted' | 'voluntary';
const PLAN: SealingKind[] = ['eligible', 'eligible', 'eligible', 'upcoming', 'upcoming', 'delisted', 'delisted', 'voluntary', 'voluntary'];

/** The kind of the generator's `index`-th person, or null: only a city of 50 persons or more gets them. */
export const sealingKindOf = (index: number, persons: number): SealingKind | null => (persons >= 50 ? (PLAN[index] ?? null) : null);

/** A filed person of the plan, as the generator wrote him: what `seedSealing` needs for the delisting and the seal. */
export interface SealingPerson {
  kind: SealingKind;
  personId: string;
  name: string;
  idNumber: string;
  orgPath: string;
  orgUnitName: string;
  officerId: string;
  measure: Measure;
  tests: string[];
}

/** The measure of each kind: when its community measure started and ended (D3: the count starts with the measure). */
export function sealingMeasure(kind: SealingKind, index: number, today: string): Measure {
  const id = crypto.randomUUID();
  if (kind === 'voluntary') return createMeasure({ id, kind: 'voluntary_treatment', decisionDate: addDays(today, -40 - 30 * index) });
  // eligible: started three years and some days ago; upcoming: three years less a few weeks; delisted: three and a half years.
  const threeYearsAgo = addYears(today, -3);
  const start =
    kind === 'eligible' ? addDays(threeYearsAgo, -10 - 12 * index) : kind === 'upcoming' ? addDays(threeYearsAgo, 9 + 7 * index) : addDays(threeYearsAgo, -180 - 20 * index);
  const end = addYears(start, 3);
  const done = end <= today;
  return {
    ...createMeasure({ id, kind: 'community_detox', decisionDate: addDays(start, -7), decisionReceivedDate: addDays(start, -6) }),
    status: done ? 'completed' : 'active',
    startDate: start,
    endedOn: done ? end : null,
  };
}

/** D2's evidence in place of a generated history: a negative test each quarter since the start (none for voluntary treatment, M4). */
export function sealingHistory(r: Random, personId: string, m: Measure, today: string, workerId: string, workerName: string): { history: PersonHistory; tests: string[] } {
  const tests: string[] = [];
  if (m.kind === 'community_detox' && m.startDate) for (let d = addDays(m.startDate, 30); d <= (m.endedOn ?? today) && d <= today; d = addDays(d, 91)) tests.push(d);
  const records = tests.map((date) => ({
    id: uuidFrom(r),
    personId,
    measureId: m.id,
    kind: 'drug_test' as const,
    date,
    place: '社区戒毒康复工作站',
    recordedAt: new Date(`${date}T02:00:00Z`),
    recordedBy: workerId,
    random: false,
    sample: 'urine' as const,
    method: 'on_site' as const,
    result: 'negative' as const,
    tester: workerName,
  }));
  return { history: { records, leaves: [], leaveEvents: [], absences: [] }, tests };
}

/** The delistings approved and the seals (P4) of the persons of the plan, once they are filed. */
export async function seedSealing(tx: Executor, people: SealingPerson[], today: string): Promise<SealingSeedSummary> {
  const summary: SealingSeedSummary = { eligible: 0, upcoming: 0, delisted: 0, voluntary: 0, sealedIdNumber: null };
  for (const [i, p] of people.entries()) {
    if (p.kind === 'delisted') {
      // Reviewed by the street officer, approved a month ago; sealed that day (P4).
      const cleanSince = p.measure.startDate!;
      const decisionDate = addDays(today, -30 - i);
      await tx.insert(delistings).values({
        personId: p.personId,
        orgPath: p.orgPath,
        state: 'approved',
        eligibleOn: addYears(cleanSince, 3),
        cleanSince,
        reviewedBy: p.officerId,
        reviewedAt: new Date(`${addDays(decisionDate, -3)}T02:00:00Z`),
        decidedBy: p.officerId,
        decidedAt: new Date(`${decisionDate}T02:00:00Z`),
        decisionDate,
        // The notice for the police as the service builds it: the person, the unit, the tests since the count began (D2).
        notice: {
          personName: p.name,
          idLast4: p.idNumber.slice(-4),
          orgUnitName: p.orgUnitName,
          tests: p.tests.map((date) => ({ date, result: 'negative', sample: 'urine', method: 'on_site' })),
          counts: { total: p.tests.length, negative: p.tests.length, other: 0 },
        },
      });
      await tx.insert(seals).values({ personId: p.personId, reason: 'delisted', sealedOn: decisionDate, orgPath: p.orgPath });
    }
    if (p.kind === 'voluntary') await tx.insert(seals).values({ personId: p.personId, reason: 'voluntary', sealedOn: p.measure.decisionDate, orgPath: p.orgPath });
    summary[p.kind]++;
    if (p.kind === 'delisted' || p.kind === 'voluntary') summary.sealedIdNumber ??= p.idNumber;
  }
  return summary;
}
