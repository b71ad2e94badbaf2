import './audit-actions';
import type { Db, Executor } from '../../db/client';
import type { RequestContext, Principal } from '../../http/context';
import { badRequest, conflict, notFound } from '../../errors';
import { messageFor, registerMessages } from '../../messages';
import type { AuditService } from '../audit/service';
import { dictionarySeed } from './seed';
import { buildMatcher, foldForMatch, keysOf, type DictionaryMatch } from './matching';
import * as q from './queries';

export type DictionaryRow = q.DictionaryRow;

registerMessages({
  'dictionary.unknown_value': ['不是字典中的有效取值：{value}', 'Not a value of the dictionary: {value}'],
  'dictionary.not_found': ['字典项不存在', 'No such dictionary entry'],
  'dictionary.code_taken': ['该字典中已有此代码', 'This code exists in the dictionary already'],
  'dictionary.alias_taken': ['别名「{alias}」已是本字典另一项（{entry}）的名称或别名', 'The alias “{alias}” already names another entry of this dictionary ({entry})'],
});

export type { DictionaryMatch };
export interface DictionaryInput {
  kind: string;
  code: string;
  nameZh: string;
  nameEn: string;
  category?: string | null;
  sort?: number;
  aliases?: string[];
}
export type DictionaryPatch = Partial<Omit<DictionaryInput, 'kind' | 'code'>> & { active?: boolean };

type Ctx = RequestContext & { actor: Principal };

/**
 * Dictionaries are read on every validation, so they are cached in memory; the cache is
 * dropped on every write here and after a minute, so other instances catch up too.
 */
export function createDictionaryService(deps: { db: Db; audit: AuditService; now: () => number }) {
  let cache: { at: number; rows: DictionaryRow[]; byKind: Map<string, Map<string, DictionaryRow>>; matchers: Map<string, (v: string) => DictionaryMatch | undefined> } | null =
    null;

  // `exec` matters on PGlite: inside a transaction, only the transaction may query (one connection).
  async function load(exec: Executor = deps.db): Promise<NonNullable<typeof cache>> {
    if (cache && deps.now() - cache.at < 60_000) return cache;
    const rows = await q.all(exec);
    const byKind = new Map<string, Map<string, DictionaryRow>>();
    for (const r of rows) {
      if (!byKind.has(r.kind)) byKind.set(r.kind, new Map());
      byKind.get(r.kind)!.set(r.code, r);
    }
    cache = { at: deps.now(), rows, byKind, matchers: new Map() };
    return cache;
  }

  /** Refuses an alias that folds to the code, a name or an alias of another entry of the kind (it would be ambiguous). */
  async function assertAliasesFree(exec: Executor, kind: string, selfId: string | null, aliases: string[] | undefined) {
    if (!aliases?.length) return;
    const others = (await q.all(exec)).filter((r) => r.kind === kind && r.id !== selfId);
    for (const alias of aliases) {
      const k = foldForMatch(alias);
      const clash = others.find((o) => keysOf(o).includes(k));
      if (clash) throw conflict('dictionary.alias_taken', { alias, entry: clash.nameZh });
    }
  }
  async function match(kind: string, value: string, exec?: Executor): Promise<DictionaryMatch | undefined> {
    const c = await load(exec);
    let m = c.matchers.get(kind);
    if (!m) c.matchers.set(kind, (m = buildMatcher(kind, [...(c.byKind.get(kind)?.values() ?? [])])));
    return m(value);
  }

  const cleanAliases = (aliases: string[] | undefined) => (aliases ? [...new Set(aliases.map((a) => a.trim()).filter(Boolean))] : undefined);

  return {
    async seed(exec: Executor = deps.db) {
      const rows = dictionarySeed();
      await q.insertMissing(exec, rows);
      await q.fillUnsetAliases(
        exec,
        rows.filter((r) => r.aliases).map((r) => ({ kind: r.kind, code: r.code, aliases: r.aliases! })),
      );
      cache = null;
    },

    /**
     * How a written value reads in a dictionary: by code, name, alias or short form, folding
     * width and brackets (9.19); undefined if unknown or ambiguous.
     */
    match,

    async list(kind?: string, exec?: Executor) {
      const c = await load(exec);
      return kind ? c.rows.filter((r) => r.kind === kind) : c.rows;
    },

    /** The active entry of `kind` with `code`, or undefined. */
    async entry(kind: string, code: string, exec?: Executor) {
      const e = (await load(exec)).byKind.get(kind)?.get(code);
      return e?.active ? e : undefined;
    },

    /** Looks a value up by code, name or alias (ledgers carry names); the entry, or undefined. */
    async resolve(kind: string, value: string, exec?: Executor): Promise<DictionaryRow | undefined> {
      const m = await match(kind, value, exec);
      return m ? (await load(exec)).byKind.get(kind)?.get(m.code) : undefined;
    },

    /** A synchronous "is this an active code of that kind" over the current entries (pure checks run on it). */
    async codeCheck(exec?: Executor): Promise<(kind: string, code: string) => boolean> {
      const c = await load(exec);
      return (kind, code) => !!c.byKind.get(kind)?.get(code)?.active;
    },

    /** The active entries of the given kinds, to match values where the database is not at hand (import workers). */
    async snapshot(kinds: string[], exec?: Executor): Promise<Record<string, DictionaryRow[]>> {
      const c = await load(exec);
      return Object.fromEntries(kinds.map((k) => [k, [...(c.byKind.get(k)?.values() ?? [])].filter((e) => e.active)]));
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

    create: (ctx: Ctx, input: DictionaryInput) =>
      deps.db.transaction(async (tx) => {
        if (await q.byKindCode(tx, input.kind, input.code)) throw conflict('dictionary.code_taken');
        const aliases = cleanAliases(input.aliases);
        await assertAliasesFree(tx, input.kind, null, aliases);
        const row = await q.insert(tx, { ...input, category: input.category ?? null, sort: input.sort ?? 0, aliases: aliases ?? null });
        await deps.audit.record(tx, ctx, { action: 'dictionary.create', entityType: 'dictionary', entityId: row.id, after: { ...input, aliases } });
        cache = null;
        return row;
      }),

    /** An edit, aliases included (9.19); audited with the entry before and after. */
    update: (ctx: Ctx, id: string, patch: DictionaryPatch) =>
      deps.db.transaction(async (tx) => {
        const before = await q.byId(tx, id);
        if (!before) throw notFound('dictionary');
        const aliases = cleanAliases(patch.aliases);
        await assertAliasesFree(tx, before.kind, id, aliases);
        const row = await q.update(tx, id, { ...patch, ...(aliases ? { aliases } : {}) });
        await deps.audit.record(tx, ctx, { action: 'dictionary.update', entityType: 'dictionary', entityId: id, before, after: row });
        cache = null;
        return row;
      }),
  };
}

export type DictionaryService = ReturnType<typeof createDictionaryService>;
