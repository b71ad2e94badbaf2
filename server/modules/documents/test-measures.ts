import crypto from 'node:crypto';
import type { Db } from '../../db/client';
import { measures } from '../measures/schema';
import { createMeasure, type MeasureKind, type MeasureStatus } from '../../../core/rules/measures';
import { defaultPolicy } from '../../../core/rules/policy';

/**
 * Test helper: a measure row in any kind and status, written straight to the table, so the
 * document tests can set up every checklist case without walking the measure lifecycle.
 */
export async function insertMeasure(
  db: Db,
  personId: string,
  kind: MeasureKind,
  status: MeasureStatus,
  opts: { decisionDate?: string; reportDate?: string | null } = {},
): Promise<string> {
  const id = crypto.randomUUID();
  const decisionDate = opts.decisionDate ?? '2026-10-01';
  const state = { ...createMeasure({ id, kind, decisionDate }), status };
  await db.insert(measures).values({
    id, personId, kind, status, decisionDate, reportDate: opts.reportDate ?? null, state, policyVersion: defaultPolicy.version,
  });
  return id;
}
