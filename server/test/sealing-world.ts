// Shared set-up of the sealing tests (issue 14): a person whose community measure ran its term
// years ago with clean drug tests, written straight to the tables (like buildMeasureRow), since
// living three years through the services would take three years of tasks.
import crypto from 'node:crypto';
import { expect } from 'vitest';
import { createMeasure } from '../../core/rules/measures';
import { defaultPolicy } from '../../core/rules/policy';
import { measures } from '../modules/measures/schema';
import { supervisionRecords } from '../modules/supervision/schema';
import type { Client, TestApp } from './harness';
import { freshIdNumber } from './factories';

export interface CleanPerson {
  personId: string;
  measureId: string;
  idNumber: string;
}

/**
 * A person filed over HTTP by `by`, whose community detox started on `startDate` and completed
 * on `endedOn`, with a negative drug test on each of `tests` (D2: three clean years).
 */
export async function cleanPerson(t: TestApp, by: Client, opts: { orgUnitId: string; name: string; startDate: string; endedOn: string; tests: string[] }): Promise<CleanPerson> {
  const idNumber = freshIdNumber();
  const res = await by.post('/api/persons', { orgUnitId: opts.orgUnitId, name: opts.name, idNumber });
  expect(res.statusCode, res.body).toBe(201);
  const personId = res.json().id as string;
  const measureId = crypto.randomUUID();
  const state = {
    ...createMeasure({ id: measureId, kind: 'community_detox', decisionDate: opts.startDate }),
    status: 'completed' as const,
    startDate: opts.startDate,
    endedOn: opts.endedOn,
  };
  await t.database.db.insert(measures).values({
    id: measureId,
    personId,
    kind: 'community_detox',
    status: 'completed',
    decisionDate: opts.startDate,
    reportDate: opts.startDate,
    startDate: opts.startDate,
    endDate: opts.endedOn,
    state,
    policyVersion: defaultPolicy.version,
  });
  if (opts.tests.length) {
    await t.database.db.insert(supervisionRecords).values(
      opts.tests.map((date) => ({
        personId,
        measureId,
        kind: 'drug_test' as const,
        date,
        place: '社区戒毒康复工作站',
        recordedAt: new Date(`${date}T02:00:00Z`),
        recordedBy: crypto.randomUUID(),
        sample: 'urine' as const,
        method: 'on_site' as const,
        result: 'negative' as const,
      })),
    );
  }
  return { personId, measureId, idNumber };
}
