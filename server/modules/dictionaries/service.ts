import './audit-actions';
import type { Db, Executor } from '../../db/client';
import type { RequestContext, Principal } from '../../http/context';
import { badRequest, conflict, notFound } from '../../errors';
import { messageFor, registerMessages } from '../../messages';
import type { AuditService } from '../audit/service';
import { dictionarySeed } from './seed';
import * as q from './queries';

export type DictionaryRow = q.DictionaryRow;

registerMessages({
  'dictionary.unknown_value': ['不是字典中的有效取值：{value}', 'Not a value of the dictionary: {value}'],
  'dictionary.not_found': ['字典项不存在', 'No such dictionary entry'],
  'dictionary.code_taken': ['该字典中已有此代码', 'This code exists in the dictionary already'],
});

type Ctx = RequestContext & { actor: Principal };

/**
 * Dictionaries are read on every validation, so they are cached in memory; the cache is
 * dropped on every write here and after a minute, so other instances catch up too.
 */
export function createDictionaryService(deps: { db: Db; audit: AuditService; now: () => number }) {
  let cache: { at: number; rows: DictionaryRow[]; byKind: Map<string, Map<string, DictionaryRow>> } | null = null;

  // `exec` matters on PGlite: inside a transaction, only the transaction may query (one connection).
  async function load(exec: Executor = deps.db): Promise<NonNullable<typeof cache>> {
    if (cache && deps.now() - cache.at < 60_000) return cache;
    const rows = await q.all(exec);
    const byKind = new Map<string, Map<string, DictionaryRow>>();
    for (const r of rows) {
      if (!byKind.has(r.kind)) byKind.set(r.kind, new Map());
      byKind.get(r.kind)!.set(r.code, r);
    }
    cache = { at: deps.now(), rows, byKind };
    return cache;
  }

  return {
    async seed(exec: Executor = deps.db) {
      await q.insertMissing(exec, dictionarySeed());
      cache = null;
    },

    async list(kind?: string, exec?: Executor) {
      const c = await load(exec);
      return kind ? c.rows.filter((r) => r.kind === kind) : c.rows;
    },

    /** The active entry of `kind` with `code`, or undefined. */
    async entry(kind: string, code: string, exec?: Executor) {
      const e = (await load(exec)).byKind.get(kind)?.get(code);
      return e?.active ? e : undefined;
    },

    /** Looks a value up by code or by its Chinese or English name (ledgers carry names). */
    async resolve(kind: string, value: string, exec?: Executor): Promise<DictionaryRow | undefined> {
      const entries = (await load(exec)).byKind.get(kind);
      if (!entries) return undefined;
      const v = value.trim();
      const direct = entries.get(v);
      if (direct?.active) return direct;
      for (const e of entries.values()) if (e.active && (e.nameZh === v || e.nameEn.toLowerCase() === v.toLowerCase())) return e;
      return undefined;
    },

    /** Throws a 400 naming every field whose value is not an active entry of its dictionary. */
    async assertCodes(checks: { path: string; kind: string; values: (string | null | undefined)[] }[], exec?: Executor) {
      const c = await load(exec);
      const fields = [];
      for (const check of checks) {
        for (const v of check.values) {
          if (v === null || v === undefined) continue;
          if (!c.byKind.get(check.kind)?.get(v)?.active) {
            fields.push({ path: check.path, code: 'dictionary.unknown_value', message: messageFor('dictionary.unknown_value', { value: v }) });
          }
        }
      }
      if (fields.length) throw badRequest('validation.failed', fields);
    },

    create: (ctx: Ctx, input: { kind: string; code: string; nameZh: string; nameEn: string; category?: string | null; sort?: number }) =>
      deps.db.transaction(async (tx) => {
        if (await q.byKindCode(tx, input.kind, input.code)) throw conflict('dictionary.code_taken');
        const row = await q.insert(tx, { ...input, category: input.category ?? null, sort: input.sort ?? 0 });
        await deps.audit.record(tx, ctx, { action: 'dictionary.create', entityType: 'dictionary', entityId: row.id, after: input });
        cache = null;
        return row;
      }),

    update: (ctx: Ctx, id: string, patch: { nameZh?: string; nameEn?: string; category?: string | null; sort?: number; active?: boolean }) =>
      deps.db.transaction(async (tx) => {
        const before = await q.byId(tx, id);
        if (!before) throw notFound('dictionary');
        const row = await q.update(tx, id, patch);
        await deps.audit.record(tx, ctx, { action: 'dictionary.update', entityType: 'dictionary', entityId: id, before, after: row });
        cache = null;
        return row;
      }),
  };
}

export type DictionaryService = ReturnType<typeof createDictionaryService>;
