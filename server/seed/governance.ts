// The demo city's work plan (issue 15 item 6): a year of targets and baselines set by the city
// office (the seed work plan's figures, seed 001 §3.2 and §3.4), a stricter 管控率 for the first
// district, and the plan's start on the first of January (milestones at 6/12/24/36/60 months).
// Like the rest of the generator it writes the tables directly.
import type { Executor } from '../db/client';
import { governancePlans, governanceTargets } from '../modules/governance/schema';
import { indicatorDefinitions } from '../../core/rules/indicators';

export interface GovernanceSeedSummary {
  targets: number;
}

export async function seedGovernance(
  exec: Executor,
  opts: { rootId: string; firstDistrictId: string | null; officeUserId: string; today: string },
): Promise<GovernanceSeedSummary> {
  const year = Number(opts.today.slice(0, 4));
  const at = new Date(`${opts.today}T00:00:00Z`);
  const rows: (typeof governanceTargets.$inferInsert)[] = indicatorDefinitions
    .filter((d) => d.seedTarget !== null && !d.noData)
    .map((d) => ({ orgUnitId: opts.rootId, year, indicator: d.code, baseline: d.seedBaseline, target: d.seedTarget, updatedBy: opts.officeUserId, updatedAt: at }));
  if (opts.firstDistrictId) rows.push({ orgUnitId: opts.firstDistrictId, year, indicator: 'K2', baseline: 70, target: 96, updatedBy: opts.officeUserId, updatedAt: at });
  await exec.insert(governanceTargets).values(rows);
  await exec.insert(governancePlans).values({ orgUnitId: opts.rootId, startDate: `${year}-01-01`, updatedBy: opts.officeUserId, updatedAt: at });
  return { targets: rows.length };
}
