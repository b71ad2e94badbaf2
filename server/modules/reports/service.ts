// Reports (issue 15 item 5): the monthly bulletin (月通报) of a unit as a .docx, asked for by the
// district or city office or made by the schedule on the 3rd for the month before. One row per
// unit and month: two asks at once share one job. Generation runs in the background of this
// process, one report at a time, writing its progress to the row; the figures come from the
// governance service (as its dashboards compute them), the month's events as counts from the
// persons, measures, supervision and warnings services.
import type { Db, Executor, Reader } from '../../db/client';
import type { Clock } from '../../clock';
import { conflict, fieldError, notFound } from '../../errors';
import { registerMessages } from '../../messages';
import { inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import { monthProblem, monthRange, scheduledMonth } from '../../../core/rules/bulletin';
import type { BulletinBody, ReportListQuery, ReportView } from '../../../core/contracts/reports';
import type { AuditService } from '../audit/service';
import type { OrgService } from '../org/service';
import type { UserService } from '../users/service';
import type { GovernanceService } from '../governance/service';
import type { PersonService } from '../persons/service';
import type { MeasureService } from '../measures/service';
import type { SupervisionService } from '../supervision/service';
import type { WarningService } from '../warnings/service';
import { bulletinDocx, type BulletinEvents } from './bulletin-docx';
import * as present from './presenter';
import * as q from './queries';
import './audit-actions';

registerMessages({
  'report.not_found': ['报告不存在', 'No such report'],
  'report.month_format': ['月份格式应为 YYYY-MM', 'The month is written YYYY-MM'],
  'report.month_future': ['不能生成尚未开始的月份的通报', 'A month that has not begun has no bulletin'],
  'report.not_ready': ['报告尚未生成完毕', 'The report is not ready yet'],
});

/** Advisory lock of the job `reports.monthly` (given by the lead). */
export const MONTHLY_LOCK = 7_263_180;
export const MONTHLY_EVERY_MS = 3_600_000;
/** A report running longer than this lost its process: the job queues it again. */
const STALE_MS = 15 * 60_000;

type Ctx = RequestContext & { actor: Principal };

export interface ReportDeps {
  db: Db;
  reader: Reader;
  clock: Clock;
  timeZone: string;
  audit: AuditService;
  org: Pick<OrgService, 'byId' | 'registerUsage'>;
  users: Pick<UserService, 'names'>;
  governance: Pick<GovernanceService, 'overviewFor' | 'childUnitsOf'>;
  persons: Pick<PersonService, 'filedCountIn'>;
  measures: Pick<MeasureService, 'endedCountsIn'>;
  supervision: Pick<SupervisionService, 'noticeCountsIn'>;
  warnings: Pick<WarningService, 'k17'>;
  log?: { error(obj: unknown, msg: string): void };
}

export function createReportService(deps: ReportDeps) {
  const { db, reader, audit } = deps;
  let draining: Promise<void> | null = null;
  let again = false;

  deps.org.registerUsage({ 'zh-CN': '报告', 'en-US': 'reports' }, (exec, unitId) => q.reportsOfUnit(exec, unitId));

  async function views(rows: q.ReportRow[]): Promise<ReportView[]> {
    const ids = [...new Set(rows.map((r) => r.generatedBy).filter((x): x is string => !!x))];
    const names = ids.length ? await deps.users.names(db, ids) : new Map<string, string>();
    return rows.map((r) => present.reportView(r, names));
  }

  /** A report the actor may read (report.read on its unit), else 404 like a missing one. */
  async function readable(ctx: Ctx, id: string) {
    const row = await q.byId(db, id);
    if (!row || !inScope(ctx.actor, 'report.read', row.unitPath)) throw notFound('report');
    return row;
  }

  /** Starts the background worker unless it runs; a kick while it runs makes it look again. */
  function kick(): Promise<void> {
    if (draining) {
      again = true;
      return draining;
    }
    draining = (async () => {
      do {
        again = false;
        for (;;) {
          const row = await q.claimNext(db, deps.clock.now());
          if (!row) break;
          await generate(row);
        }
      } while (again);
    })()
      .catch((err) => deps.log?.error({ err }, 'reports: worker failed'))
      .finally(() => {
        draining = null;
      });
    return draining;
  }

  async function generate(row: q.ReportRow) {
    try {
      const file = await bulletinOf(row);
      await q.finish(db, row.id, { file, fileName: present.fileNames(row).ascii, at: deps.clock.now() });
    } catch (err) {
      deps.log?.error({ err, report: row.id }, 'reports: generation failed');
      // The message is the error's code or class: a report's error never carries data.
      const code = err instanceof Error ? ((err as { code?: string }).code ?? err.name) : 'error';
      await q.fail(db, row.id, String(code).slice(0, 100), deps.clock.now());
    }
  }

  /** The bulletin's content and file; progress 5 → 90 over the units, 95 for the events, 100 done. */
  async function bulletinOf(row: q.ReportRow): Promise<Buffer> {
    const { from, to } = monthRange(row.period);
    const today = deps.clock.today();
    const step = (p: number) => q.setProgress(db, row.id, p);
    await step(5);
    const main = await reader.read(null, (exec) => deps.governance.overviewFor(exec, row.orgUnitId, from, to));
    const childUnits = await deps.governance.childUnitsOf(db, row.orgUnitId);
    await step(20);
    const children = [];
    for (const [i, child] of childUnits.entries()) {
      children.push(await reader.read(null, (exec) => deps.governance.overviewFor(exec, child.id, from, to)));
      await step(20 + Math.round((70 * (i + 1)) / childUnits.length));
    }
    const events = await reader.read(null, (exec) => eventsOf(exec, row.unitPath, from, to));
    await step(95);
    return bulletinDocx({ unitName: row.unitName, month: row.period, from, to, generatedOn: today, main, children, events });
  }

  async function eventsOf(exec: Executor, path: string, from: string, to: string): Promise<BulletinEvents> {
    const f = { path, from, to, timeZone: deps.timeZone };
    const k17 = await deps.warnings.k17(exec, path, from, to);
    return {
      filed: await deps.persons.filedCountIn(exec, f),
      ended: await deps.measures.endedCountsIn(exec, f),
      notices: await deps.supervision.noticeCountsIn(exec, f),
      alerts: { raised: k17.raised, owed: k17.denominator, handledInTime: k17.numerator },
    };
  }

  return {
    /** POST /api/reports/monthly-bulletin: the unit's bulletin of a month, queued (or the one already under way). */
    async requestBulletin(ctx: Ctx, body: BulletinBody): Promise<ReportView> {
      const unit = await deps.org.byId(db, body.orgUnitId);
      if (!unit || !unit.active || !inScope(ctx.actor, 'report.generate', unit.path)) throw notFound('org');
      const problem = monthProblem(body.month, deps.clock.today());
      if (problem) throw fieldError('month', problem);
      const id = await db.transaction(async (tx) => {
        const r = await q.request(tx, { kind: 'monthly_bulletin', orgUnitId: unit.id, period: body.month, generatedBy: ctx.actor.userId, at: deps.clock.now() });
        await audit.record(tx, ctx, {
          action: 'report.bulletin.request',
          entityType: 'report',
          entityId: r.id,
          orgPath: unit.path,
          details: { kind: 'monthly_bulletin', period: body.month, queued: r.queued },
        });
        return r.id;
      });
      void kick();
      return (await views([(await q.byId(db, id))!]))[0]!;
    },

    /** The reports of the units under a unit (default: the actor's whole scope), newest month first. */
    async list(ctx: Ctx, query: ReportListQuery): Promise<{ items: ReportView[] }> {
      let paths = scopePaths(ctx.actor, 'report.read');
      if (query.orgUnitId) {
        const unit = await deps.org.byId(db, query.orgUnitId);
        if (!unit || !inScope(ctx.actor, 'report.read', unit.path)) throw notFound('org');
        paths = [unit.path];
      }
      return { items: await views(await q.listUnder(db, paths, query.limit)) };
    },

    async get(ctx: Ctx, id: string): Promise<ReportView> {
      return (await views([await readable(ctx, id)]))[0]!;
    },

    /** The file of a done report; each download is audited. */
    async file(ctx: Ctx, id: string): Promise<{ bytes: Buffer; names: { ascii: string; utf8: string } }> {
      const row = await readable(ctx, id);
      if (row.state !== 'done') throw conflict('report.not_ready');
      const f = await q.fileOf(db, id);
      if (!f?.file) throw conflict('report.not_ready');
      await audit.record(db, ctx, {
        action: 'report.file.read',
        entityType: 'report',
        entityId: row.id,
        orgPath: row.unitPath,
        details: { kind: row.kind, period: row.period, size: f.file.length },
      });
      return { bytes: f.file, names: present.fileNames(row) };
    },

    /**
     * The job `reports.monthly` (hourly, advisory lock 7 263 180): from the 3rd of a month on, the
     * month before's bulletin of every district and the city, once (a row that exists is left);
     * running rows whose process died go back to the queue. The worker starts after the job's
     * transaction has committed (the job's `afterCommit`).
     */
    async runMonthly(tx: Executor): Promise<{ queued: number; requeued: number }> {
      const now = deps.clock.now();
      const requeued = await q.requeueStale(tx, new Date(now.getTime() - STALE_MS));
      let queued = 0;
      const month = scheduledMonth(deps.clock.today());
      if (month) for (const u of await q.scheduledUnits(tx)) if (await q.requestIfAbsent(tx, { kind: 'monthly_bulletin', orgUnitId: u.id, period: month, at: now })) queued++;
      return { queued, requeued };
    },

    /** Runs the queue now and resolves when it is empty (tests, the demo, the bench). */
    settle: () => kick(),

    /** The schedule's bulletins of a month for every district, made now and waited for (the demo's last month). */
    async generateForDistricts(month: string): Promise<ReportView[]> {
      const districts = (await q.scheduledUnits(db)).filter((u) => u.level === 'district');
      for (const u of districts) await q.requestIfAbsent(db, { kind: 'monthly_bulletin', orgUnitId: u.id, period: month, at: deps.clock.now() });
      await kick();
      const rows = await q.listUnder(
        db,
        districts.map((u) => u.path),
        500,
      );
      return views(rows.filter((r) => r.period === month && districts.some((u) => u.id === r.orgUnitId)));
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
