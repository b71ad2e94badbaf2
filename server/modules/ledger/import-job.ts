// One ledger import, from the uploaded bytes to the report (decision record 0005, issue 11.4).
//
//   read (main thread, streaming) ──chunks──▶ prepare (worker threads: map, check, encrypt)
//        └─ count ≤ 50,000, header ok ─┐                         │
//                                      ▼                         ▼
//                         one person per ID number in the file (duplicates named, both rows)
//                                      ▼
//                write in batches of 1,000 rows, each one transaction: files, assignments,
//                audit rows and the job's counters commit together (a kill -9 leaves whole
//                batches, and the job says how many)
import os from 'node:os';
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import type { DataCipher } from '../../lib/data-key';
import { AppError } from '../../errors';
import { messageFor, type Localized } from '../../messages';
import type { RequestContext, Principal } from '../../http/context';
import { ledgerMaxRows, type ImportJobView, type ImportOutcome, type ImportReason, type ImportReportRow } from '../../../core/contracts/ledger';
import type { AuditService } from '../audit/service';
import type { OrgService } from '../org/service';
import type { PersonService } from '../persons/service';
import type { DictionaryService } from '../dictionaries/service';
import { checkHeaders, LedgerFileError, readLedger, type ReadResult } from './parse';
import { dictionaryColumns, reason } from './rows';
import { reasonsOf, type ImportUnit, type PrepareContext, type PreparedRow } from './prepare';
import { createWorkerPool, inlinePool, type PreparePool, type WorkerPool } from './pool';
import * as q from './queries';

type Ctx = RequestContext & { actor: Principal };

export interface Task {
  jobId: string;
  ctx: Ctx;
  data: Buffer;
  fileName: string;
  orgUnitId: string;
}

export interface StoredReport {
  counts: ImportJobView['counts'];
  rows: ImportReportRow[];
  error?: { code: string; message: ImportReason['message'] };
}

/**
 * Rows per write transaction. Large enough that the statements per batch cost little per row,
 * small enough that a batch commits in a fraction of a second: on PGlite other users wait for
 * at most one batch (its only connection), and a kill -9 loses at most one batch's work.
 */
export const WRITE_BATCH = 1000;
/** Rows per chunk sent to a worker thread. */
const PREPARE_CHUNK = 500;
/**
 * Files smaller than this (about 3,000 rows) are prepared in the main thread: starting the
 * worker threads (about half a second each, loading the code) costs more than it saves.
 */
const WORKERS_FROM_BYTES = 256 * 1024;
/** How often a running job says it is alive (the reaper fails jobs silent for STALE_SECONDS). */
const HEARTBEAT_MS = 3000;
/** Rows written by one import from which the person tables' statistics are refreshed. */
const STATISTICS_AFTER_ROWS = 1000;
/** Every dictionary a file is checked against (the ledger's columns, and relations of contacts). */
const KINDS = [...dictionaryColumns.map((d) => d.kind), 'relation'];

export class Interrupted extends Error {}

type Counts = StoredReport['counts'];
type HeaderDetail = (h: Exclude<ReturnType<typeof checkHeaders>, { ok: true }>) => { detailZh: string; detailEn: string };
const emptyCounts = (): Counts => ({ total: 0, imported: 0, updated: 0, unchanged: 0, rejected: 0 });

/** Where an import's time went: reading done, preparation done (both from the start), then the writes. */
export interface ImportStages {
  rows: number;
  readMs: number;
  preparedMs: number;
  writeMs: number;
  writers: number;
}

export interface ImportRunnerDeps {
  db: Db;
  clock: Clock;
  cipher: DataCipher;
  audit: AuditService;
  org: OrgService;
  persons: PersonService;
  dictionaries: DictionaryService;
  log: { error(obj: unknown, msg: string): void };
  /** Worker threads per import (default: the cores, at most 2); 0 prepares rows in this thread. */
  workers?: number;
  /**
   * Batches written at once, each on its own connection (default 1). On PostgreSQL two: the
   * server maintains the indexes of one batch while the other is sent (issue 11.4). PGlite has
   * one connection.
   */
  writers?: number;
}

/**
 * Rows of one person in one file (the same ID number in its stored form): the same details
 * twice keep the first row; different details keep none, and every row names the others (9.19),
 * since nothing tells which is right.
 */
export function markDuplicates(rows: PreparedRow[]): void {
  const groups = new Map<string, PreparedRow[]>();
  for (const r of rows) if (r.identityKey) groups.set(r.identityKey, [...(groups.get(r.identityKey) ?? []), r]);
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    if (g.every((r) => r.detailKey === g[0]!.detailKey)) {
      for (const r of g.slice(1)) {
        r.reasons.push(reason('证件号码', 'ledger.duplicate_in_file', { row: g[0]!.row }));
        r.file = null;
      }
      continue;
    }
    for (const r of g) {
      const others = g.filter((o) => o !== r).map((o) => o.row);
      const rows: Localized = { 'zh-CN': others.join('、'), 'en-US': others.join(', ') };
      r.reasons.push(reason('证件号码', 'ledger.duplicate_conflict', { rows }));
      r.file = null;
    }
  }
}

export function createImportRunner(deps: ImportRunnerDeps) {
  const { db, persons } = deps;
  const workers = deps.workers ?? Math.min(2, os.availableParallelism());
  const writers = Math.max(1, deps.writers ?? 1);
  let lastStages: ImportStages | null = null;
  let shared: WorkerPool | null = null;

  /** Worker threads when there are cores for them; a chunk a worker fails on is done here instead. */
  function openPool(context: PrepareContext, bytes: number): PreparePool {
    const inline = inlinePool(context, deps.cipher);
    if (workers < 1 || bytes < WORKERS_FROM_BYTES) return inline;
    let threads: PreparePool;
    try {
      threads = (shared ??= createWorkerPool(workers, deps.cipher)).session(context);
    } catch (err) {
      deps.log.error({ err }, 'ledger import: worker threads unavailable, rows prepared in the main thread');
      return inline;
    }
    let closed = false;
    return {
      // Chunks still in flight when the job ends early (too many rows) are dropped, not redone.
      prepare: (rows) =>
        threads.prepare(rows).catch((err) => {
          if (closed) return [];
          deps.log.error({ err }, 'ledger import: a worker failed, its rows are prepared in the main thread');
          return inline.prepare(rows);
        }),
      close: () => ((closed = true), threads.close()),
    };
  }

  async function recordImport(tx: Executor, task: Task, counts: Counts, error: string | null) {
    const unit = await deps.org.byId(tx, task.orgUnitId);
    await deps.audit.record(tx, task.ctx, {
      action: 'person.import',
      outcome: error ? 'failure' : 'success',
      entityType: 'import_job',
      entityId: task.jobId,
      orgPath: unit?.path ?? null,
      details: { fileName: task.fileName, orgUnitId: task.orgUnitId, counts, error },
    });
  }

  /** Ends a job as failed: the batches written so far stay, and the report says which rows they hold. */
  async function finishFailed(task: Task, code: string, params: Record<string, string | number>, rows: ImportReportRow[], counts: Counts | null) {
    const c = counts ?? emptyCounts();
    const stored: StoredReport = { counts: c, rows, error: { code, message: messageFor(code, params) } };
    await db.transaction(async (tx) => {
      const { total: _t, ...tally } = c;
      await q.updateJob(tx, task.jobId, { status: 'failed', error: code, report: stored, processed: rows.length, ...tally, finishedAt: deps.clock.now() });
      await recordImport(tx, task, c, code);
    });
  }

  /**
   * One batch in one transaction; the bulk write first, row by row in savepoints if it fails.
   * The job's counters are raised by what the batch wrote, last, so that batches written at once
   * each add theirs (the job row's lock orders their commits) and a kill leaves the sum of the
   * committed ones.
   */
  async function writeBatch(task: Task, chunk: PreparedRow[], counts: Counts): Promise<ImportReportRow[]> {
    return db.transaction(async (tx) => {
      const { ctx, jobId } = task;
      const valid = chunk.filter((r) => r.file);
      let bulk: ImportOutcome[] | null;
      try {
        bulk = await tx.transaction((sp) =>
          persons.importPrepared(
            sp,
            ctx,
            valid.map((r) => r.file!),
            jobId,
          ),
        );
      } catch {
        bulk = null;
      }
      const out: ImportReportRow[] = [];
      const mine = emptyCounts();
      let next = 0;
      for (const r of chunk) {
        const base = { row: r.row, idNumberMasked: r.idNumberMasked, name: r.name, notes: r.notes };
        let entry: ImportReportRow;
        if (!r.file) entry = { ...base, outcome: 'rejected', reasons: r.reasons };
        else if (bulk) entry = { ...base, outcome: bulk[next++]!, reasons: [] };
        else {
          const file = r.file;
          try {
            const [outcome] = await tx.transaction((sp) => persons.importPrepared(sp, ctx, [file], jobId));
            entry = { ...base, outcome: outcome!, reasons: [] };
          } catch (err) {
            if (!(err instanceof AppError)) deps.log.error({ err, jobId, row: r.row }, 'ledger import: row write failed');
            entry = { ...base, outcome: 'rejected', reasons: reasonsOf(err) };
          }
        }
        r.file = null; // written: its ciphertexts need not stay in memory
        mine[entry.outcome]++;
        out.push(entry);
      }
      const { total: _t, ...tally } = mine;
      await q.addToJob(tx, jobId, { processed: chunk.length, ...tally });
      for (const k of ['imported', 'updated', 'unchanged', 'rejected'] as const) counts[k] += mine[k];
      return out;
    });
  }

  /**
   * The batches in file order, `writers` at a time. A failure stops the others after their
   * current batch; the report holds the batches that committed, in file order.
   */
  async function writeAll(task: Task, rows: PreparedRow[], counts: Counts, report: ImportReportRow[], stopping: () => boolean) {
    const done: ImportReportRow[][] = [];
    let next = 0;
    let failure: unknown = null;
    const writer = async () => {
      while (failure === null) {
        if (stopping()) throw new Interrupted();
        const i = next++;
        if (i * WRITE_BATCH >= rows.length) return;
        done[i] = await writeBatch(task, rows.slice(i * WRITE_BATCH, (i + 1) * WRITE_BATCH), counts);
        // Let other requests in between batches: PGlite runs a query without giving up the
        // thread, so without this one import would hold every user until its last batch.
        await new Promise((r) => setImmediate(r));
      }
    };
    await Promise.all(Array.from({ length: writers }, () => writer().catch((err) => void (failure ??= err))));
    for (const batch of done) if (batch) report.push(...batch);
    if (failure !== null) throw failure;
  }

  /** What the workers need to judge rows as the database would: the day, the default unit, dictionaries, units. */
  async function contextOf(task: Task, units: ImportUnit[]): Promise<PrepareContext> {
    const snapshot = await deps.dictionaries.snapshot(KINDS, db);
    const dictionaries = Object.fromEntries(
      Object.entries(snapshot).map(([k, rows]) => [k, rows.map((e) => ({ code: e.code, nameZh: e.nameZh, nameEn: e.nameEn, aliases: e.aliases, active: e.active }))]),
    );
    return { today: deps.clock.today(), defaultOrgUnitId: task.orgUnitId, dictionaries, units };
  }

  /** Reads the file while its rows are being prepared; a file that is not a ledger fails the job, nothing written. */
  type Failed = { failed: { code: string; params: Record<string, string | number> }; count: number };
  async function readAndPrepare(task: Task, pool: PreparePool, headerDetail: HeaderDetail): Promise<{ parsed: ReadResult; rows: Promise<PreparedRow[][]> } | Failed> {
    const chunks: Promise<PreparedRow[]>[] = [];
    let parsed: ReadResult;
    try {
      parsed = await readLedger(task.data, task.fileName, { maxRows: ledgerMaxRows, chunkSize: PREPARE_CHUNK, onRows: (rows) => void chunks.push(pool.prepare(rows)) });
    } catch (err) {
      if (err instanceof LedgerFileError) return { failed: { code: err.code, params: err.params }, count: 0 };
      throw err;
    }
    task.data = Buffer.alloc(0);
    if (parsed.count > ledgerMaxRows) {
      const count = `${parsed.count.toLocaleString('en-US')}${parsed.countCapped ? '+' : ''}`;
      return { failed: { code: 'ledger.too_many_rows', params: { count, max: ledgerMaxRows.toLocaleString('en-US') } }, count: parsed.count };
    }
    const header = checkHeaders(parsed.header);
    if (!header.ok) return { failed: { code: 'ledger.headers_invalid', params: headerDetail(header) }, count: parsed.count };
    return { parsed, rows: Promise.all(chunks) };
  }

  /** Runs one job to its end; `stopping` is asked between batches (shutdown stops after the current one). */
  async function run(task: Task, hooks: { units: ImportUnit[]; stopping(): boolean; keepAlive(): Promise<void>; headerDetail: HeaderDetail }): Promise<void> {
    const { jobId } = task;
    const report: ImportReportRow[] = [];
    const counts = emptyCounts();
    const beat = setInterval(() => void hooks.keepAlive().catch(() => {}), HEARTBEAT_MS);
    beat.unref();
    let pool: PreparePool | null = null;
    try {
      await q.updateJob(db, jobId, { status: 'running' });
      const t0 = performance.now();
      const since = () => Math.round(performance.now() - t0);
      pool = openPool(await contextOf(task, hooks.units), task.data.length);
      const read = await readAndPrepare(task, pool, hooks.headerDetail);
      const readMs = since();
      if ('failed' in read) {
        counts.total = read.count;
        if (read.count) await q.updateJob(db, jobId, { total: read.count });
        return await finishFailed(task, read.failed.code, read.failed.params, [], counts);
      }
      counts.total = read.parsed.count;
      await q.updateJob(db, jobId, { total: read.parsed.count });
      const rows = (await read.rows).flat();
      const preparedMs = since();
      markDuplicates(rows);
      await writeAll(task, rows, counts, report, hooks.stopping);
      lastStages = { rows: rows.length, readMs, preparedMs, writeMs: since() - preparedMs, writers };
      if (counts.imported + counts.updated >= STATISTICS_AFTER_ROWS) await persons.refreshStatistics(db);
      await db.transaction(async (tx) => {
        await q.updateJob(tx, jobId, { status: 'done', processed: rows.length, report: { counts, rows: report } satisfies StoredReport, finishedAt: deps.clock.now() });
        await recordImport(tx, task, counts, null);
      });
    } catch (err) {
      const code = err instanceof Interrupted ? 'ledger.interrupted' : 'ledger.failed';
      if (code === 'ledger.failed') deps.log.error({ err, jobId }, 'ledger import failed');
      await finishFailed(task, code, {}, report, counts);
    } finally {
      clearInterval(beat);
      await pool?.close();
    }
  }

  /** Stops the worker threads (shutdown); an import after this starts them again. */
  async function stop() {
    await shared?.stop();
    shared = null;
  }

  return {
    run,
    finishFailed,
    stop,
    /** When the last import that got to its writes finished each stage, ms from its start (benchmarks). */
    lastStages: () => lastStages,
  };
}
