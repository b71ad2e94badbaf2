// Issue 15 item 2: the rollups of the supervision indicators, kept fresh by a job. The triggers
// of this module's migration mark a unit dirty in the statement that changes one of its persons'
// facts; every tick takes the marks and rebuilds those units' rows for the whole rollup window,
// in one transaction under the scheduler's advisory lock, so the job is idempotent and at most one
// instance runs it. When the calendar day changes every unit is rebuilt: tasks fall due and
// periods move with the date alone (decision 0015).
import type { Executor } from '../../db/client';
import { supervisionIndicators, tally, type PersonFacts } from '../../../core/rules/indicators';
import { rollupPeriods } from '../../../core/rules/targets';
import type { PolicyResolver } from '../policy/service';
import * as q from './queries';

export interface RollupDeps {
  today: () => string;
  now: () => Date;
  resolver: (exec: Executor) => Promise<PolicyResolver>;
}

/** How often the job runs: a write shows in the overview within this and one rebuild (≤ 60 s). */
export const ROLLUP_EVERY_MS = 15_000;
/** Units rebuilt per statement batch, so one tick never holds the facts of the whole city at once. */
const UNITS_PER_BATCH = 50;

/** The rollup rows of these units as of `today`, computed from their own persons' facts. */
export async function rollupRowsFor(exec: Executor, units: { id: string; path: string }[], today: string, resolve: PolicyResolver): Promise<q.RollupRow[]> {
  const periods = rollupPeriods(today);
  const from = periods.reduce((a, p) => (p.from < a ? p.from : a), today);
  const to = periods.reduce((a, p) => (p.to > a ? p.to : a), today);
  const facts = await q.loadFacts(exec, { unitIds: units.map((u) => u.id) }, from, to);
  const byUnit = new Map<string, PersonFacts[]>();
  for (const f of facts) byUnit.set(f.orgUnitId, [...(byUnit.get(f.orgUnitId) ?? []), f]);
  const rows: q.RollupRow[] = [];
  for (const u of units) {
    const own = byUnit.get(u.id);
    if (!own?.length) continue; // no person, no row: a sum over nothing is zero over zero
    const ctx = { today, reportWithinDays: resolve(u.path).policy.lifecycle.reportWithinDays };
    for (const p of periods) {
      for (const code of supervisionIndicators) {
        const x = tally(code, own, p, ctx);
        if (x.denominator > 0) rows.push({ orgUnitId: u.id, periodKind: p.kind, periodStart: p.from, indicator: code, numerator: x.numerator, denominator: x.denominator });
      }
    }
  }
  return rows;
}

async function rebuild(exec: Executor, deps: RollupDeps, units: { id: string; path: string }[], today: string) {
  const resolve = await deps.resolver(exec);
  for (let i = 0; i < units.length; i += UNITS_PER_BATCH) {
    const batch = units.slice(i, i + UNITS_PER_BATCH);
    await q.replaceRollups(
      exec,
      batch.map((u) => u.id),
      await rollupRowsFor(exec, batch, today, resolve),
      deps.now(),
    );
  }
}

/** One tick of the job: the dirty units, or every unit on a new day. Returns what it rebuilt. */
export async function refreshRollups(exec: Executor, deps: RollupDeps): Promise<{ units: number; full: boolean; ms: number }> {
  const started = Date.now();
  const today = deps.today();
  const state = await q.rollupState(exec);
  const full = !state || state.builtFor !== today;
  let units: { id: string; path: string }[];
  if (full) {
    await q.clearDirty(exec);
    units = await q.allUnitIds(exec);
  } else {
    const dirty = await q.takeDirty(exec);
    if (!dirty.length) return { units: 0, full, ms: 0 };
    units = await q.unitPaths(exec, dirty);
  }
  await rebuild(exec, deps, units, today);
  const ms = Date.now() - started;
  await q.saveRollupState(exec, { builtFor: today, refreshedAt: deps.now(), unitsLastRun: units.length, msLastRun: ms });
  return { units: units.length, full, ms };
}
