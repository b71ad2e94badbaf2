import './audit-actions';
import type { Db, Executor, Reader } from '../../db/client';
import type { Clock } from '../../clock';
import type { DataCipher } from '../../lib/data-key';
import { AppError, badRequest, fieldError, forbidden, notFound } from '../../errors';
import { messageFor, registerMessages } from '../../messages';
import { hasPermission, inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import { ledgerHeaders, type ExportQuery, type ImportJobView, type ImportOutcome } from '../../../core/contracts/ledger';
import type { PersonListQuery } from '../../../core/contracts/persons';
import { label } from '../../../core/labels';
import { isFileLevel } from '../../../core/rules/filing';
import type { Permission } from '../../../core/contracts/permissions';
import type { AuditService } from '../audit/service';
import type { OrgService } from '../org/service';
import type { PersonService } from '../persons/service';
import type { DictionaryService } from '../dictionaries/service';
import { checkHeaders, LedgerFileError, readHeader } from './parse';
import { dictionaryColumns } from './rows';
import { createImportRunner, type StoredReport, type Task } from './import-job';
import type { ImportUnit } from './prepare';
import { exportWriter, formatLocalMinute, reportWorkbook, templateWorkbook, type Watermark } from './workbooks';
import * as q from './queries';

registerMessages({
  'import_job.not_found': ['导入任务不存在', 'No such import job'],
  'ledger.headers_invalid': [
    '表头与模板不一致：{detailZh}。请下载模板，按模板的表头填写',
    'The header row does not match the template: {detailEn}. Download the template and keep its header row',
  ],
  'ledger.header_missing': ['缺少列「{header}」', 'Missing column “{header}”'],
  'ledger.header_unknown': ['无法识别的列「{header}」', 'Unknown column “{header}”'],
  'ledger.header_duplicate': ['列「{header}」出现了不止一次', 'Column “{header}” appears more than once'],
  'ledger.header_order': ['第 {column} 列应为「{expected}」，实际为「{actual}」', 'Column {column} should be “{expected}”, not “{actual}”'],
  'ledger.too_many_rows': [
    '文件有 {count} 行数据，超过单次导入上限 {max} 行；未导入任何数据，请拆分后分别导入',
    'The file has {count} data rows, more than the limit of {max}; nothing was imported. Split it and import the parts',
  ],
  'ledger.file_too_large': ['文件超过 {max} MB，请拆分后导入', 'The file is larger than {max} MB: split it'],
  'ledger.file_required': ['请选择要导入的文件', 'Choose a file to import'],
  'ledger.file_empty': ['文件中没有表头或数据', 'The file has no header row or data'],
  'ledger.file_unreadable': ['无法读取该 Excel 文件，可能已损坏；请用 Excel 另存为 .xlsx 后重试', 'The Excel file cannot be read (damaged?): save it again as .xlsx and retry'],
  'ledger.file_type': ['只能导入 .xlsx 或 .csv 文件', 'Only .xlsx and .csv files can be imported'],
  'ledger.csv_malformed': [
    'CSV 文件第 {line} 行附近的引号不成对，无法读取；请用 Excel 另存为 .xlsx 或 CSV 后重试',
    'The CSV file has an unbalanced quote near line {line}: save it again from Excel (.xlsx or CSV) and retry',
  ],
  'ledger.xls_unsupported': ['不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 后导入', 'The old .xls format is not supported: save the file as .xlsx'],
  'ledger.interrupted': [
    '导入因服务重启而中断；已写入的行保留，重新导入同一文件即可补齐其余行',
    'The import was interrupted by a server restart; rows written stay written. Import the same file again to add the rest',
  ],
  'ledger.failed': [
    '导入过程中发生错误而中止；已写入的行保留，重新导入同一文件即可补齐其余行',
    'The import stopped on an error; rows written stay written. Import the same file again to add the rest',
  ],
  'ledger.one_file': ['一次只能导入一个文件', 'Import one file at a time'],
  'ledger.busy': ['当前导入任务较多，请稍后再试', 'Too many imports are waiting: try again later'],
});

type Ctx = RequestContext & { actor: Principal };

/**
 * A queued or running job not touched for this long belongs to a process that died (a running
 * job is touched every 3 seconds, see import-job.ts), and is failed as interrupted: with the
 * batches it wrote, and the counts of them (decision record 0005).
 */
export const STALE_SECONDS = 15;
const MAX_QUEUED = 10;

/** The ledger's own short values of its 风险等级 column (what rows.ts reads back), not the display labels. */
const LEDGER_RISK = { high: '高', medium: '中', low: '低' } as const;

/** The org paths covered by both lists of subtrees. */
export function intersectScopes(a: string[], b: string[]): string[] {
  const out = new Set<string>();
  for (const x of a)
    for (const y of b) {
      if (x.startsWith(y)) out.add(x);
      else if (y.startsWith(x)) out.add(y);
    }
  const sorted = [...out].sort();
  return sorted.filter((p, i) => !sorted.slice(0, i).some((o) => p.startsWith(o)));
}

const scopeOf = (actor: Principal, ...perms: Permission[]) => perms.map((p) => scopePaths(actor, p)).reduce((acc, s) => intersectScopes(acc, s));
const within = (scope: string[], path: string) => scope.some((s) => path.startsWith(s));
const normalizeKey = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export function createLedgerService(deps: {
  db: Db;
  /** Exports may be served by the read replica (docs/architecture.md, "Data"). */
  reader: Reader;
  clock: Clock;
  timeZone: string;
  cipher: DataCipher;
  audit: AuditService;
  org: OrgService;
  persons: PersonService;
  dictionaries: DictionaryService;
  log?: { error(obj: unknown, msg: string): void };
  /** Worker threads per import (default: the cores, at most 2); 0 prepares rows in the main thread. */
  importWorkers?: number;
  /** True on PGlite: no other process can be running an import (the data directory is locked). */
  singleProcess?: boolean;
}) {
  const { db, audit, persons } = deps;
  const log = deps.log ?? { error: (obj: unknown, msg: string) => console.error(msg, obj) };
  const runner = createImportRunner({ ...deps, log, workers: deps.importWorkers, writers: deps.singleProcess ? 1 : 2 });
  const queue: Task[] = [];
  let current: Task | null = null;
  let worker: Promise<void> | null = null;
  let stopping = false;

  const watermark = (actor: Principal): Watermark => {
    const now = deps.clock.now();
    return { username: actor.username, displayName: actor.displayName, at: formatLocalMinute(now, deps.timeZone), created: now };
  };

  // ---------------------------------------------------------------------------------------------
  // Scope and lookups

  /** Units the actor may file persons into by import: street, community or grid, active, in scope. */
  async function importUnits(exec: Executor, actor: Principal) {
    const scope = scopeOf(actor, 'person.import', 'person.write');
    const all = await q.unitsUnder(exec, scope);
    const byId = new Map(all.map((u) => [u.id, u]));
    // Parents of the top units of the scope, so "上级/单位" works for them too.
    for (const u of all) {
      if (u.parentId && !byId.has(u.parentId)) {
        const p = await deps.org.byId(exec, u.parentId);
        if (p) byId.set(p.id, { id: p.id, parentId: p.parentId, name: p.name, level: p.level, path: p.path, active: p.active });
      }
    }
    const units = all.filter((u) => u.active && isFileLevel(u.level));
    const parentName = (u: { parentId: string | null }) => (u.parentId ? (byId.get(u.parentId)?.name ?? '') : '');
    const importUnitsList: ImportUnit[] = units.map((u) => ({ id: u.id, name: u.name, parentName: parentName(u) }));
    const sameName = (u: { name: string }) => units.filter((o) => normalizeKey(o.name) === normalizeKey(u.name)).length > 1;
    const labels = units.map((u) => (sameName(u) ? `${parentName(u)}/${u.name}` : u.name));
    return { units: importUnitsList, labels };
  }

  async function visibleJob(actor: Principal, jobId: string) {
    const job = await q.jobById(db, jobId);
    if (!job) throw notFound('import_job');
    if (job.userId === actor.userId) return job;
    const unit = await deps.org.byId(db, job.orgUnitId);
    if (!unit || !inScope(actor, 'person.import', unit.path)) throw notFound('import_job');
    return job;
  }

  // ---------------------------------------------------------------------------------------------
  // The import job

  function kick() {
    if (worker) return;
    worker = (async () => {
      while (queue.length) {
        const task = queue.shift()!;
        current = task;
        try {
          if (stopping) await runner.finishFailed(task, 'ledger.interrupted', {}, [], null);
          else await run(task);
        } catch (err) {
          log.error({ err, jobId: task.jobId }, 'ledger import: could not record the job outcome');
        }
        current = null;
      }
      worker = null;
    })();
  }

  async function keepAlive() {
    const ids = [current, ...queue].filter((t): t is Task => !!t).map((t) => t.jobId);
    await q.touch(db, ids);
  }

  async function run(task: Task) {
    const { units } = await importUnits(db, task.ctx.actor);
    await runner.run(task, {
      units,
      stopping: () => stopping,
      keepAlive,
      headerDetail,
    });
  }

  function headerDetail(h: Exclude<ReturnType<typeof checkHeaders>, { ok: true }>) {
    const zh: string[] = [];
    const en: string[] = [];
    if (h.missing.length) {
      zh.push(`缺少 ${h.missing.join('、')}`);
      en.push(`missing ${h.missing.join(', ')}`);
    }
    if (h.unknown.length) {
      zh.push(`无法识别 ${h.unknown.join('、')}`);
      en.push(`unknown ${h.unknown.join(', ')}`);
    }
    if (h.duplicate.length) {
      zh.push(`重复 ${h.duplicate.join('、')}`);
      en.push(`repeated ${h.duplicate.join(', ')}`);
    }
    if (h.misplaced.length) {
      zh.push(`列的顺序不对（第 ${h.misplaced[0]!.column} 列应为 ${h.misplaced[0]!.expected}）`);
      en.push(`columns out of order (column ${h.misplaced[0]!.column} should be ${h.misplaced[0]!.expected})`);
    }
    return { detailZh: zh.join('；'), detailEn: en.join('; ') };
  }

  function headerError(h: Exclude<ReturnType<typeof checkHeaders>, { ok: true }>): AppError {
    const f = (code: string, params: Record<string, string | number>) => ({ path: 'file', code, message: messageFor(code, params) });
    const fields = [
      ...h.missing.map((header) => f('ledger.header_missing', { header })),
      ...h.unknown.map((header) => f('ledger.header_unknown', { header })),
      ...h.duplicate.map((header) => f('ledger.header_duplicate', { header })),
      ...h.misplaced.map((m) => f('ledger.header_order', m)),
    ];
    return badRequest('ledger.headers_invalid', fields, headerDetail(h));
  }

  function viewOf(job: q.ImportJobRow, query: { outcome?: ImportOutcome; noted?: 'true' | 'false'; limit: number; offset: number }): ImportJobView {
    const stored = job.report as StoredReport | null;
    const rows = stored?.rows.filter((r) => (!query.outcome || r.outcome === query.outcome) && (query.noted !== 'true' || !!r.notes?.length)) ?? null;
    const errorCode = job.error ?? stored?.error?.code ?? null;
    return {
      id: job.id,
      fileName: job.fileName,
      orgUnitId: job.orgUnitId,
      userId: job.userId,
      status: job.status,
      total: job.total,
      processed: job.processed,
      progress: job.status === 'done' ? 1 : job.total > 0 ? Math.min(1, job.processed / job.total) : 0,
      counts: { total: job.total, imported: job.imported, updated: job.updated, unchanged: job.unchanged, rejected: job.rejected },
      error: errorCode ? { code: errorCode, message: stored?.error?.code === errorCode ? stored.error.message : messageFor(errorCode) } : null,
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
      report: rows ? { rows: rows.slice(query.offset, query.offset + query.limit), total: rows.length } : null,
    };
  }

  return {
    /** The import template, with this user's units and the current dictionaries in its drop-downs. */
    async template(ctx: Ctx): Promise<Buffer> {
      const dictionaries: Record<string, string[]> = {};
      for (const d of dictionaryColumns) {
        dictionaries[d.kind] = (await deps.dictionaries.list(d.kind))
          .filter((e) => e.active)
          .sort((a, b) => a.sort - b.sort)
          .map((e) => e.nameZh);
      }
      const { labels } = await importUnits(db, ctx.actor);
      return templateWorkbook({ dictionaries, units: labels }, watermark(ctx.actor));
    },

    /**
     * Accepts an upload: refuses at once a unit out of scope, a file that cannot be read or a
     * wrong header row (nothing is stored then); else stores the job and queues it.
     */
    async startImport(ctx: Ctx, input: { fileName: string; data: Buffer; orgUnitId: string }): Promise<{ jobId: string; status: 'queued' }> {
      const unit = await deps.org.byId(db, input.orgUnitId);
      if (!unit || !within(scopeOf(ctx.actor, 'person.import', 'person.write'), unit.path)) throw notFound('org');
      if (!isFileLevel(unit.level)) throw fieldError('orgUnitId', 'person.org_level');
      if (!input.data.length) throw badRequest('ledger.file_required');
      let header;
      try {
        header = (await readHeader(input.data, input.fileName)).header;
      } catch (err) {
        if (err instanceof LedgerFileError) throw badRequest(err.code, [], err.params);
        throw err;
      }
      const check = checkHeaders(header);
      if (!check.ok) throw headerError(check);
      if (queue.length >= MAX_QUEUED || stopping) throw new AppError('ledger.busy', 503);
      const job = await q.insertJob(db, { userId: ctx.actor.userId, orgUnitId: unit.id, fileName: input.fileName });
      queue.push({ jobId: job.id, ctx, data: input.data, fileName: input.fileName, orgUnitId: unit.id });
      kick();
      return { jobId: job.id, status: 'queued' };
    },

    async job(ctx: Ctx, jobId: string, query: { outcome?: ImportOutcome; noted?: 'true' | 'false'; limit: number; offset: number }): Promise<ImportJobView> {
      return viewOf(await visibleJob(ctx.actor, jobId), query);
    },

    async reportXlsx(ctx: Ctx, jobId: string): Promise<{ fileName: string; data: Buffer }> {
      const job = await visibleJob(ctx.actor, jobId);
      const stored = job.report as StoredReport | null;
      if (!stored) throw notFound('import_job');
      const data = await reportWorkbook({ fileName: job.fileName, rows: stored.rows, counts: stored.counts, error: stored.error?.message['zh-CN'] ?? null }, watermark(ctx.actor));
      return { fileName: `导入报告_${job.fileName.replace(/\.[^.]+$/, '')}.xlsx`, data };
    },

    /**
     * The current list as .xlsx: only persons in the actor's export scope, identifiers masked
     * unless person.pii.read and a purpose; watermarked; one audit row with the filter and count.
     */
    async exportXlsx(ctx: Ctx, query: ExportQuery): Promise<{ fileName: string; data: Buffer; rows: number }> {
      const actor = ctx.actor;
      const unmasked = query.unmasked === 'true';
      if (unmasked && !hasPermission(actor, 'person.pii.read')) throw forbidden();
      if (unmasked && !query.purpose) throw fieldError('purpose', 'person.purpose_required');
      const scope = unmasked ? scopeOf(actor, 'person.export', 'person.read', 'person.pii.read') : scopeOf(actor, 'person.export', 'person.read');
      let under: string | undefined;
      if (query.orgUnitId) {
        const unit = await deps.org.byId(db, query.orgUnitId);
        if (!unit || !inScope(actor, 'person.export', unit.path)) throw notFound('org');
        under = unit.path;
      }
      const { unmasked: _u, purpose, ...filterQuery } = query;
      const filter = { ...persons.filterOf({ ...filterQuery, limit: 0, offset: 0 } as PersonListQuery, scope), under };

      const names = new Map<string, Map<string, string>>();
      for (const d of dictionaryColumns) names.set(d.kind, new Map((await deps.dictionaries.list(d.kind)).map((e) => [e.code, e.nameZh])));
      const nameOf = (kind: string, code: string | null) => (code ? (names.get(kind)?.get(code) ?? code) : '');
      const w = watermark(actor);
      const columns = [
        ...ledgerHeaders.map((h) => ({ header: h as string, width: h.includes('地址') ? 30 : h === '证件号码' ? 22 : 12 })),
        { header: '人员状态', width: 14 },
        { header: '责任社工', width: 12 },
        { header: '更新时间', width: 18 },
      ];
      const out = exportWriter(columns, w);
      // Clear identifiers only for an unmasked export (P1, P6): the persons service decrypts them.
      if (scope.length) {
        for await (const page of persons.exportPages(actor, filter, unmasked)) {
          for (const { view: v, clear } of page) {
            out.add([
              v.name,
              v.formerNames.join('、'),
              nameOf('id_type', v.idType),
              clear ? clear.idNumber : v.idNumber,
              label('sex', v.sex, 'zh-CN'),
              v.birthDate,
              nameOf('ethnicity', v.ethnicity),
              nameOf('nationality', v.nationality),
              clear ? clear.phone : (v.phone ?? ''),
              clear ? clear.registeredAddress : (v.registeredAddress ?? ''),
              clear ? clear.residenceAddress : (v.residenceAddress ?? ''),
              nameOf('education', v.education),
              nameOf('marital_status', v.maritalStatus),
              nameOf('employment_status', v.employmentStatus),
              v.employer ?? '',
              nameOf('occupation', v.occupation),
              v.drugTypes.map((c) => nameOf('drug_type', c)).join('、'),
              v.useMethods.map((c) => nameOf('use_method', c)).join('、'),
              v.firstUseDate ?? '',
              v.riskLevel ? LEDGER_RISK[v.riskLevel] : '',
              v.orgUnitName,
              label('personStatus', v.status, 'zh-CN'),
              v.responsibleWorkerName ?? '',
              formatLocalMinute(new Date(v.updatedAt), deps.timeZone),
            ]);
          }
        }
      }
      const data = await out.finish();
      await audit.record(db, ctx, {
        action: 'person.export',
        entityType: 'person',
        purpose: unmasked ? purpose : undefined,
        details: { filter: filterQuery, rows: out.count, unmasked, watermark: { username: w.username, at: w.at } },
      });
      const stamp = w.at.replace(/[-: ]/g, '').slice(0, 12);
      return { fileName: `人员台账_${stamp}.xlsx`, data, rows: out.count };
    },

    /** Scheduler job: fails jobs whose process died (their heartbeat went stale). */
    reapStale: (exec: Executor) => q.failStale(exec, STALE_SECONDS),

    /**
     * At start: jobs left running or queued by a process that died (kill -9, power) are failed as
     * interrupted, so the user sees what was written. With PGlite this process holds the data
     * directory, so every such job is dead; on PostgreSQL other instances may be importing, so
     * only jobs silent for STALE_SECONDS (the scheduler's reaper finds the others within a minute).
     */
    recoverInterrupted: () => q.failStale(db, deps.singleProcess ? 0 : STALE_SECONDS),

    /** Stage times of the last import (benchmarks). */
    lastImportStages: () => runner.lastStages(),

    /** Resolves when no import is queued or running in this process (tests, benchmarks). */
    async whenIdle(): Promise<void> {
      while (worker) await worker;
    },

    /** On shutdown: the running import stops after its current batch, queued ones are failed; both say "interrupted". */
    async shutdown(): Promise<void> {
      stopping = true;
      while (worker) await worker;
      await runner.stop();
    },
  };
}

export type LedgerService = ReturnType<typeof createLedgerService>;
