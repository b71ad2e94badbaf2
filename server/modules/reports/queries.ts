// All SQL of the reports module: its own table, and the org paths it scopes by.
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { getTableColumns } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { orgUnits } from '../org/schema';
import { reports } from './schema';

export type ReportRow = Omit<typeof reports.$inferSelect, 'file'> & { unitName: string; unitLevel: string; unitPath: string };

const { file: _file, ...meta } = getTableColumns(reports);
const withUnit = { ...meta, unitName: orgUnits.name, unitLevel: orgUnits.level, unitPath: orgUnits.path };
const underPaths = (paths: string[]): SQL => (paths.length ? or(...paths.map((p) => sql`${orgUnits.path} like ${`${p}%`}`))! : sql`false`);

export async function byId(exec: Executor, id: string): Promise<ReportRow | undefined> {
  return (await exec.select(withUnit).from(reports).innerJoin(orgUnits, eq(orgUnits.id, reports.orgUnitId)).where(eq(reports.id, id)))[0];
}

export async function fileOf(exec: Executor, id: string): Promise<{ file: Buffer | null; fileName: string | null } | undefined> {
  return (await exec.select({ file: reports.file, fileName: reports.fileName }).from(reports).where(eq(reports.id, id)))[0];
}

export async function listUnder(exec: Executor, paths: string[], limit: number): Promise<ReportRow[]> {
  return exec
    .select(withUnit)
    .from(reports)
    .innerJoin(orgUnits, eq(orgUnits.id, reports.orgUnitId))
    .where(underPaths(paths))
    .orderBy(desc(reports.period), desc(reports.createdAt), orgUnits.name)
    .limit(limit);
}

/**
 * Asks for a report: a new row queued, or a finished one (done or failed) queued anew; a row
 * still queued or running is left alone and returned, so concurrent asks share one job (the
 * unique index makes the second wait for the first and then meet its row).
 */
export async function request(
  exec: Executor,
  r: { kind: 'monthly_bulletin'; orgUnitId: string; period: string; generatedBy: string | null; at: Date },
): Promise<{ id: string; queued: boolean }> {
  const rows = await exec
    .insert(reports)
    .values({ kind: r.kind, orgUnitId: r.orgUnitId, period: r.period, state: 'queued', progress: 0, generatedBy: r.generatedBy, createdAt: r.at })
    .onConflictDoUpdate({
      target: [reports.kind, reports.orgUnitId, reports.period],
      set: {
        state: 'queued',
        progress: 0,
        file: null,
        fileName: null,
        sizeBytes: null,
        error: null,
        generatedBy: r.generatedBy,
        createdAt: r.at,
        startedAt: null,
        finishedAt: null,
      },
      setWhere: inArray(reports.state, ['done', 'failed']),
    })
    .returning({ id: reports.id });
  if (rows[0]) return { id: rows[0].id, queued: true };
  const [existing] = await exec
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.kind, r.kind), eq(reports.orgUnitId, r.orgUnitId), eq(reports.period, r.period)));
  return { id: existing!.id, queued: false };
}

/** The schedule's ask: a row only where none exists for the unit and month (idempotent). */
export async function requestIfAbsent(exec: Executor, r: { kind: 'monthly_bulletin'; orgUnitId: string; period: string; at: Date }): Promise<boolean> {
  const rows = await exec
    .insert(reports)
    .values({ kind: r.kind, orgUnitId: r.orgUnitId, period: r.period, state: 'queued', progress: 0, generatedBy: null, createdAt: r.at })
    .onConflictDoNothing()
    .returning({ id: reports.id });
  return rows.length > 0;
}

/** Takes the oldest queued report for this process (another instance skips it). */
export async function claimNext(exec: Executor, at: Date): Promise<ReportRow | undefined> {
  const claimed = await exec.execute(sql`
    update ${reports} set state = 'running', progress = 1, started_at = ${at.toISOString()}::timestamptz
    where id = (select id from ${reports} where state = 'queued' order by created_at limit 1 for update skip locked)
    returning id`);
  const rows = (Array.isArray(claimed) ? claimed : (claimed as { rows: unknown[] }).rows) as { id: string }[];
  return rows[0] ? byId(exec, rows[0].id) : undefined;
}

export async function setProgress(exec: Executor, id: string, progress: number) {
  await exec
    .update(reports)
    .set({ progress })
    .where(and(eq(reports.id, id), eq(reports.state, 'running')));
}

export async function finish(exec: Executor, id: string, f: { file: Buffer; fileName: string; at: Date }) {
  await exec
    .update(reports)
    .set({ state: 'done', progress: 100, file: f.file, fileName: f.fileName, sizeBytes: f.file.length, finishedAt: f.at, error: null })
    .where(eq(reports.id, id));
}

export async function fail(exec: Executor, id: string, error: string, at: Date) {
  await exec.update(reports).set({ state: 'failed', error, finishedAt: at }).where(eq(reports.id, id));
}

/** Running rows whose process went away (started long ago) go back to the queue. */
export async function requeueStale(exec: Executor, startedBefore: Date): Promise<number> {
  const rows = await exec
    .update(reports)
    .set({ state: 'queued', progress: 0, startedAt: null })
    .where(and(eq(reports.state, 'running'), lt(reports.startedAt, startedBefore)))
    .returning({ id: reports.id });
  return rows.length;
}

/** The units the schedule makes a bulletin for: every active district and city. */
export async function scheduledUnits(exec: Executor): Promise<{ id: string; path: string; level: string }[]> {
  return exec
    .select({ id: orgUnits.id, path: orgUnits.path, level: orgUnits.level })
    .from(orgUnits)
    .where(and(eq(orgUnits.active, true), inArray(orgUnits.level, ['city', 'district'])));
}

export async function reportsOfUnit(exec: Executor, unitId: string): Promise<number> {
  const [r] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(reports)
    .where(eq(reports.orgUnitId, unitId));
  return Number(r?.n ?? 0);
}
