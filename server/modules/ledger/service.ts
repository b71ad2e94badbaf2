import './audit-actions';
import type { Db, Executor, Reader } from '../../db/client';
import type { Clock } from '../../clock';
import type { DataCipher } from '../../lib/data-key';
import { AppError, badRequest, fieldError, forbidden, notFound } from '../../errors';
import { messageFor, registerMessages } from '../../messages';
import { hasPermission, inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import {
  ledgerHeaders, ledgerMaxRows, type ExportQuery, type ImportJobView, type ImportOutcome, type ImportReason, type ImportReportRow,
} from '../../../core/contracts/ledger';
import type { PersonListQuery } from '../../../core/contracts/persons';
import type { Permission } from '../../../core/contracts/permissions';
import type { AuditService } from '../audit/service';
import type { OrgService } from '../org/service';
import type { PersonService } from '../persons/service';
import type { DictionaryService } from '../dictionaries/service';
import { checkHeaders, LedgerFileError, readHeader, readLedger } from './parse';
import { columnOf, dictionaryColumns, mapRow, reason, type MappedRow, type RowLookups } from './rows';
import { exportWriter, formatLocalMinute, reportWorkbook, templateWorkbook, type Watermark } from './workbooks';
import * as q from './queries';

registerMessages({
  'import_job.not_found': ['导入任务不存在', 'No such import job'],
  'ledger.headers_invalid': ['表头与模板不一致：{detailZh}。请下载模板，按模板的表头填写', 'The header row does not match the template: {detailEn}. Download the template and keep its header row'],
  'ledger.header_missing': ['缺少列「{header}」', 'Missing column “{header}”'],
  'ledger.header_unknown': ['无法识别的列「{header}」', 'Unknown column “{header}”'],
  'ledger.header_duplicate': ['列「{header}」出现了不止一次', 'Column “{header}” appears more than once'],
  'ledger.header_order': ['第 {column} 列应为「{expected}」，实际为「{actual}」', 'Column {column} should be “{expected}”, not “{actual}”'],
  'ledger.too_many_rows': ['文件有 {count} 行数据，超过单次导入上限 {max} 行；未导入任何数据，请拆分后分别导入', 'The file has {count} data rows, more than the limit of {max}; nothing was imported. Split it and import the parts'],
  'ledger.file_too_large': ['文件超过 {max} MB，请拆分后导入', 'The file is larger than {max} MB: split it'],
  'ledger.file_required': ['请选择要导入的文件', 'Choose a file to import'],
  'ledger.file_empty': ['文件中没有表头或数据', 'The file has no header row or data'],
  'ledger.file_unreadable': ['无法读取该 Excel 文件，可能已损坏；请用 Excel 另存为 .xlsx 后重试', 'The Excel file cannot be read (damaged?): save it again as .xlsx and retry'],
  'ledger.file_type': ['只能导入 .xlsx 或 .csv 文件', 'Only .xlsx and .csv files can be imported'],
  'ledger.xls_unsupported': ['不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 后导入', 'The old .xls format is not supported: save the file as .xlsx'],
  'ledger.interrupted': ['导入因服务重启而中断；已写入的行保留，重新导入同一文件即可补齐其余行', 'The import was interrupted by a server restart; rows written stay written. Import the same file again to add the rest'],
  'ledger.failed': ['导入过程中发生错误而中止；已写入的行保留，重新导入同一文件即可补齐其余行', 'The import stopped on an error; rows written stay written. Import the same file again to add the rest'],
  'ledger.one_file': ['一次只能导入一个文件', 'Import one file at a time'],
  'ledger.busy': ['当前导入任务较多，请稍后再试', 'Too many imports are waiting: try again later'],
});

type Ctx = RequestContext & { actor: Principal };

const FILE_LEVELS = new Set(['street', 'community', 'grid']);
/**
 * Rows per transaction, written with bulk statements (row by row in savepoints only if the batch
 * fails). Bounded because a batch holds the audit chain's lock until it commits (and on PGlite the
 * only connection), so every other user's audited action waits for at most one batch.
 */
const BATCH = 200;
/** A queued or running job not touched for this long belongs to a process that died. */
export const STALE_MINUTES = 15;
const MAX_QUEUED = 10;

const STATUS_ZH: Record<string, string> = {
  in_compulsory_isolation: '强制隔离戒毒中', suspended: '中止', under_community_detox: '社区戒毒中', under_community_rehab: '社区康复中',
  awaiting_report: '待报到', no_active_measure: '无执行中措施',
};
const SEX_ZH = { male: '男', female: '女' } as const;
const RISK_ZH = { high: '高', medium: '中', low: '低' } as const;

/** The org paths covered by both lists of subtrees. */
export function intersectScopes(a: string[], b: string[]): string[] {
  const out = new Set<string>();
  for (const x of a) for (const y of b) {
    if (x.startsWith(y)) out.add(x);
    else if (y.startsWith(x)) out.add(y);
  }
  const sorted = [...out].sort();
  return sorted.filter((p, i) => !sorted.slice(0, i).some((o) => p.startsWith(o)));
}

const scopeOf = (actor: Principal, ...perms: Permission[]) => perms.map((p) => scopePaths(actor, p)).reduce((acc, s) => intersectScopes(acc, s));
const within = (scope: string[], path: string) => scope.some((s) => path.startsWith(s));
const normalizeKey = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

interface Task {
  jobId: string;
  ctx: Ctx;
  data: Buffer;
  fileName: string;
  orgUnitId: string;
}

interface StoredReport {
  counts: ImportJobView['counts'];
  rows: ImportReportRow[];
  error?: { code: string; message: ImportReason['message'] };
}

class Interrupted extends Error {}

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
}) {
  const { db, audit, persons } = deps;
  const log = deps.log ?? { error: (obj: unknown, msg: string) => console.error(msg, obj) };
  const queue: Task[] = [];
  let current: Task | null = null;
  let worker: Promise<void> | null = null;
  let stopping = false;

  /** Rows written by one import from which the person tables' statistics are refreshed. */
  const STATISTICS_AFTER_ROWS = 1000;

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
    const units = all.filter((u) => u.active && FILE_LEVELS.has(u.level));
    const parentName = (u: { parentId: string | null }) => (u.parentId ? byId.get(u.parentId)?.name ?? '' : '');
    const byName = new Map<string, typeof units>();
    for (const u of units) {
      const k = normalizeKey(u.name);
      byName.set(k, [...(byName.get(k) ?? []), u]);
    }
    const resolve: RowLookups['unit'] = (value) => {
      const parts = value.split(/[/／>＞\\]/).map((s) => s.trim()).filter(Boolean);
      const name = parts[parts.length - 1] ?? '';
      let found = byName.get(normalizeKey(name)) ?? [];
      if (parts.length > 1) {
        const parent = normalizeKey(parts[parts.length - 2]!);
        found = found.filter((u) => normalizeKey(parentName(u)) === parent);
      }
      if (found.length === 1) return { id: found[0]!.id };
      return { code: found.length ? 'ledger.unit_ambiguous' : 'ledger.unit_not_found' };
    };
    const labels = units.map((u) => ((byName.get(normalizeKey(u.name)) ?? []).length > 1 ? `${parentName(u)}/${u.name}` : u.name));
    return { units, resolve, labels };
  }

  /**
   * Dictionary values as ledgers write them: the code or the name (dictionaries.resolve), else a
   * common short form: the part in or before brackets (冰毒 for 甲基苯丙胺（冰毒）), 汉 for 汉族,
   * or a code without its leading zero (1 for 01).
   */
  function dictionaryLookup(exec: Executor): RowLookups['dictionary'] {
    const memo = new Map<string, string | undefined>();
    const aliases = new Map<string, Map<string, string | null>>();
    async function aliasIndex(kind: string) {
      let idx = aliases.get(kind);
      if (idx) return idx;
      idx = new Map();
      const add = (key: string, code: string) => {
        const k = normalizeKey(key);
        if (!k) return;
        const prev = idx!.get(k);
        idx!.set(k, prev === undefined || prev === code ? code : null);
      };
      for (const e of (await deps.dictionaries.list(kind, exec)).filter((x) => x.active)) {
        for (const part of e.nameZh.split(/[（）()]/)) add(part, e.code);
        for (const part of e.nameEn.split(/[()]/)) add(part, e.code);
        if (kind === 'ethnicity' && e.nameZh.endsWith('族')) add(e.nameZh.slice(0, -1), e.code);
        if (/^0\d$/.test(e.code)) add(e.code.slice(1), e.code);
      }
      aliases.set(kind, idx);
      return idx;
    }
    return async (kind, value) => {
      const key = `${kind}\u0000${value}`;
      if (memo.has(key)) return memo.get(key);
      let code = (await deps.dictionaries.resolve(kind, value, exec))?.code;
      if (!code) code = (await aliasIndex(kind)).get(normalizeKey(value)) ?? undefined;
      memo.set(key, code);
      return code;
    };
  }

  /** An error thrown for one row, as the row's reasons. */
  function reasonsOf(err: unknown): ImportReason[] {
    if (err instanceof AppError) {
      if (err.fields.length) return err.fields.map((f) => ({ column: columnOf(f.path), code: f.code, message: f.message }));
      const column = err.code.startsWith('person.exists') ? '证件号码' : err.code.startsWith('org.') ? '所属社区' : null;
      return [{ column, code: err.code, message: messageFor(err.code, err.params) }];
    }
    return [reason(null, 'ledger.write_failed')];
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
          if (stopping) await finishFailed(task, 'ledger.interrupted', {}, [], null);
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
    const { jobId, ctx } = task;
    const report: ImportReportRow[] = [];
    const counts = { total: 0, imported: 0, updated: 0, unchanged: 0, rejected: 0 };
    try {
      await q.updateJob(db, jobId, { status: 'running' });
      let parsed;
      try {
        parsed = await readLedger(task.data, task.fileName, { maxRows: ledgerMaxRows });
      } catch (err) {
        if (err instanceof LedgerFileError) return await finishFailed(task, err.code, err.params, [], counts);
        throw err;
      }
      task.data = Buffer.alloc(0);
      counts.total = parsed.count;
      await q.updateJob(db, jobId, { total: parsed.count });
      if (parsed.count > ledgerMaxRows) {
        const count = `${parsed.count.toLocaleString('en-US')}${parsed.countCapped ? '+' : ''}`;
        return await finishFailed(task, 'ledger.too_many_rows', { count, max: ledgerMaxRows.toLocaleString('en-US') }, [], counts);
      }
      const header = checkHeaders(parsed.header);
      if (!header.ok) return await finishFailed(task, 'ledger.headers_invalid', headerDetail(header), [], counts);

      // 1. Every row checked on its own, before anything is written.
      const { resolve: unit } = await importUnits(db, ctx.actor);
      const lookups: RowLookups = { dictionary: dictionaryLookup(db), unit };
      const today = deps.clock.today();
      const mapped: MappedRow[] = [];
      for (const raw of parsed.rows) {
        const m = await mapRow(raw, { lookups, defaultOrgUnitId: task.orgUnitId, today });
        if (m.input) {
          try {
            const identity = await persons.validate(db, m.input);
            m.identityKey = `${m.input.idType}:${identity.idNumber}`;
          } catch (err) {
            m.reasons.push(...reasonsOf(err));
            m.input = null;
          }
        }
        mapped.push(m);
        if (mapped.length % 2000 === 0) await keepAlive();
      }
      // The same person twice in one file: the first valid row wins, the others are named.
      const firstRow = new Map<string, number>();
      for (const m of mapped) {
        if (!m.input || !m.identityKey) continue;
        const first = firstRow.get(m.identityKey);
        if (first === undefined) firstRow.set(m.identityKey, m.row);
        else {
          m.reasons.push(reason('证件号码', 'ledger.duplicate_in_file', { row: first }));
          m.input = null;
        }
      }

      // 2. Written in batches; each row in its own savepoint, so a row is written whole or not at all.
      for (let i = 0; i < mapped.length; i += BATCH) {
        if (stopping) throw new Interrupted();
        const chunk = mapped.slice(i, i + BATCH);
        const batchCounts = { ...counts };
        const outcomes = await db.transaction(async (tx) => {
          const out: ImportReportRow[] = [];
          const valid = chunk.filter((m) => m.input);
          // Fast path: the whole batch in one savepoint with bulk statements; if any row fails
          // there (e.g. the same ID number filed meanwhile), the batch is redone row by row.
          let bulk: ImportOutcome[] | null = null;
          try {
            bulk = await tx.transaction((sp) => persons.importBatch(sp, ctx, valid.map((m) => m.input!)));
          } catch {
            bulk = null;
          }
          let next = 0;
          for (const m of chunk) {
            const base = { row: m.row, idNumberMasked: m.idNumberMasked, name: m.name };
            let entry: ImportReportRow;
            if (!m.input) entry = { ...base, outcome: 'rejected', reasons: m.reasons };
            else if (bulk) entry = { ...base, outcome: bulk[next++]!, reasons: [] };
            else {
              const input = m.input;
              try {
                const outcome: ImportOutcome = await tx.transaction((sp) => persons.upsertFromLedger(sp, ctx, input));
                entry = { ...base, outcome, reasons: [] };
              } catch (err) {
                if (!(err instanceof AppError)) log.error({ err, jobId, row: m.row }, 'ledger import: row write failed');
                entry = { ...base, outcome: 'rejected', reasons: reasonsOf(err) };
              }
            }
            batchCounts[entry.outcome]++;
            out.push(entry);
          }
          const { total: _t, ...tally } = batchCounts;
          await q.updateJob(tx, jobId, { processed: i + chunk.length, ...tally });
          return out;
        });
        report.push(...outcomes);
        Object.assign(counts, batchCounts);
        // The running job was touched with its counters; the queued ones wait on it.
        if (queue.length) await keepAlive();
      }

      const stored: StoredReport = { counts, rows: report };
      if (counts.imported + counts.updated >= STATISTICS_AFTER_ROWS) await persons.refreshStatistics(db);
      await db.transaction(async (tx) => {
        await q.updateJob(tx, jobId, { status: 'done', processed: mapped.length, report: stored, finishedAt: deps.clock.now() });
        await recordImport(tx, task, counts, null);
      });
    } catch (err) {
      const code = err instanceof Interrupted ? 'ledger.interrupted' : 'ledger.failed';
      if (code === 'ledger.failed') log.error({ err, jobId }, 'ledger import failed');
      await finishFailed(task, code, {}, report, counts);
    }
  }

  /** Ends a job as failed: the rows written so far stay, and the report says which they are. */
  async function finishFailed(task: Task, code: string, params: Record<string, string | number>, rows: ImportReportRow[], counts: StoredReport['counts'] | null) {
    const c = counts ?? { total: 0, imported: 0, updated: 0, unchanged: 0, rejected: 0 };
    const stored: StoredReport = { counts: c, rows, error: { code, message: messageFor(code, params) } };
    await db.transaction(async (tx) => {
      const { total: _t, ...tally } = c;
      await q.updateJob(tx, task.jobId, { status: 'failed', error: code, report: stored, processed: rows.length, ...tally, finishedAt: deps.clock.now() });
      await recordImport(tx, task, c, code);
    });
  }

  async function recordImport(tx: Executor, task: Task, counts: StoredReport['counts'], error: string | null) {
    const unit = await deps.org.byId(tx, task.orgUnitId);
    await audit.record(tx, task.ctx, {
      action: 'person.import', outcome: error ? 'failure' : 'success', entityType: 'import_job', entityId: task.jobId, orgPath: unit?.path ?? null,
      details: { fileName: task.fileName, orgUnitId: task.orgUnitId, counts, error },
    });
  }

  function headerDetail(h: Exclude<ReturnType<typeof checkHeaders>, { ok: true }>) {
    const zh: string[] = [];
    const en: string[] = [];
    if (h.missing.length) zh.push(`缺少 ${h.missing.join('、')}`), en.push(`missing ${h.missing.join(', ')}`);
    if (h.unknown.length) zh.push(`无法识别 ${h.unknown.join('、')}`), en.push(`unknown ${h.unknown.join(', ')}`);
    if (h.duplicate.length) zh.push(`重复 ${h.duplicate.join('、')}`), en.push(`repeated ${h.duplicate.join(', ')}`);
    if (h.misplaced.length) zh.push(`列的顺序不对（第 ${h.misplaced[0]!.column} 列应为 ${h.misplaced[0]!.expected}）`), en.push(`columns out of order (column ${h.misplaced[0]!.column} should be ${h.misplaced[0]!.expected})`);
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

  function viewOf(job: q.ImportJobRow, query: { outcome?: ImportOutcome; limit: number; offset: number }): ImportJobView {
    const stored = job.report as StoredReport | null;
    const rows = stored ? (query.outcome ? stored.rows.filter((r) => r.outcome === query.outcome) : stored.rows) : null;
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
        dictionaries[d.kind] = (await deps.dictionaries.list(d.kind)).filter((e) => e.active).sort((a, b) => a.sort - b.sort).map((e) => e.nameZh);
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
      if (!FILE_LEVELS.has(unit.level)) throw fieldError('orgUnitId', 'person.org_level');
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

    async job(ctx: Ctx, jobId: string, query: { outcome?: ImportOutcome; limit: number; offset: number }): Promise<ImportJobView> {
      return viewOf(await visibleJob(ctx.actor, jobId), query);
    },

    async reportXlsx(ctx: Ctx, jobId: string): Promise<{ fileName: string; data: Buffer }> {
      const job = await visibleJob(ctx.actor, jobId);
      const stored = job.report as StoredReport | null;
      if (!stored) throw notFound('import_job');
      const data = await reportWorkbook(
        { fileName: job.fileName, rows: stored.rows, counts: stored.counts, error: stored.error?.message['zh-CN'] ?? null },
        watermark(ctx.actor),
      );
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
      const nameOf = (kind: string, code: string | null) => (code ? names.get(kind)?.get(code) ?? code : '');
      const clear = (enc: string | null) => (enc ? deps.cipher.decrypt(enc) : '');

      const w = watermark(actor);
      const columns = [
        ...ledgerHeaders.map((h) => ({ header: h as string, width: h.includes('地址') ? 30 : h === '证件号码' ? 22 : 12 })),
        { header: '人员状态', width: 14 }, { header: '责任社工', width: 12 }, { header: '更新时间', width: 18 },
      ];
      const out = exportWriter(columns, w);
      let afterName = '';
      let afterId = '00000000-0000-0000-0000-000000000000';
      if (scope.length) {
        for (;;) {
          const page = await deps.reader.read(actor, (exec) => persons.listPage(exec, filter, afterName, afterId, 1000));
          for (const r of page) {
            const v = persons.view(r);
            const p = r.person;
            out.add([
              v.name, v.formerNames.join('、'), nameOf('id_type', v.idType),
              // Clear identifiers only for an unmasked export (P1, P6); decrypted here, never stored.
              unmasked ? clear(p.idNumberEnc) : v.idNumber,
              SEX_ZH[v.sex], v.birthDate, nameOf('ethnicity', v.ethnicity), nameOf('nationality', v.nationality),
              unmasked ? clear(p.phoneEnc) : v.phone ?? '',
              unmasked ? clear(p.registeredAddressEnc) : v.registeredAddress ?? '',
              unmasked ? clear(p.residenceAddressEnc) : v.residenceAddress ?? '',
              nameOf('education', v.education), nameOf('marital_status', v.maritalStatus), nameOf('employment_status', v.employmentStatus),
              v.employer ?? '', nameOf('occupation', v.occupation),
              v.drugTypes.map((c) => nameOf('drug_type', c)).join('、'), v.useMethods.map((c) => nameOf('use_method', c)).join('、'),
              v.firstUseDate ?? '', v.riskLevel ? RISK_ZH[v.riskLevel] : '', v.orgUnitName,
              STATUS_ZH[v.status] ?? v.status, v.responsibleWorkerName ?? '', formatLocalMinute(new Date(v.updatedAt), deps.timeZone),
            ]);
          }
          if (page.length < 1000) break;
          const last = page[page.length - 1]!.person;
          afterName = last.namePinyin;
          afterId = last.id;
        }
      }
      const data = await out.finish();
      await audit.record(db, ctx, {
        action: 'person.export', entityType: 'person', purpose: unmasked ? purpose : undefined,
        details: { filter: filterQuery, rows: out.count, unmasked, watermark: { username: w.username, at: w.at } },
      });
      const stamp = w.at.replace(/[-: ]/g, '').slice(0, 12);
      return { fileName: `人员台账_${stamp}.xlsx`, data, rows: out.count };
    },

    /** Scheduler job: fails jobs whose process died (their heartbeat went stale). */
    reapStale: (exec: Executor) => q.failStale(exec, STALE_MINUTES),

    /** Resolves when no import is queued or running in this process (tests, benchmarks). */
    async whenIdle(): Promise<void> {
      while (worker) await worker;
    },

    /** On shutdown: the running import stops after its current batch, queued ones are failed; both say "interrupted". */
    async shutdown(): Promise<void> {
      stopping = true;
      while (worker) await worker;
    },
  };
}

export type LedgerService = ReturnType<typeof createLedgerService>;
