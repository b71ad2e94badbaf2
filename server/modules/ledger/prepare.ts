// The per-row work of an import, away from the database (issue 11.4): map the cells, check the
// file, encrypt and hash it. Runs in the import's worker threads (import-worker.ts), or in this
// thread when workers cannot be had; the result is the same either way.
import crypto from 'node:crypto';
import type { ImportReason } from '../../../core/contracts/ledger';
import { AppError } from '../../errors';
import { messageFor } from '../../messages';
import type { DataCipher } from '../../lib/data-key';
import { buildMatcher, foldForMatch, type MatchableEntry } from '../dictionaries/matching';
import { prepareFile, type PreparedFile } from '../persons/prepare-file';
import { cellText, type RawRow } from './cells';
import { columnOf, mapRow, reason, type RowLookups } from './rows';

/** A unit rows may name in 所属社区: an active street, community or grid in the importer's scope. */
export interface ImportUnit {
  id: string;
  name: string;
  parentName: string;
}

/** Everything a worker needs besides the key: the day, the default unit, the dictionaries and the units. */
export interface PrepareContext {
  today: string;
  defaultOrgUnitId: string;
  dictionaries: Record<string, MatchableEntry[]>;
  units: ImportUnit[];
}

export interface PreparedRow {
  row: number;
  name: string;
  idNumberMasked: string;
  /** The ID number in its stored form, when readable: rows of one person in one file share it. */
  identityKey: string | null;
  /** Equal for two rows that say the same thing (the same person written twice), different otherwise. */
  detailKey: string;
  reasons: ImportReason[];
  notes: ImportReason[];
  /** Set only for a row with no problem: the file ready to write. */
  file: PreparedFile | null;
}

const unitKey = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** 所属社区 as written: a unit name, or "parent/unit" when several units share the name. */
export function unitResolver(units: ImportUnit[]): RowLookups['unit'] {
  const byName = new Map<string, ImportUnit[]>();
  for (const u of units) byName.set(unitKey(u.name), [...(byName.get(unitKey(u.name)) ?? []), u]);
  return (value) => {
    const parts = value
      .split(/[/／>＞\\]/)
      .map((s) => s.trim())
      .filter(Boolean);
    let found = byName.get(unitKey(parts[parts.length - 1] ?? '')) ?? [];
    if (parts.length > 1) found = found.filter((u) => unitKey(u.parentName) === unitKey(parts[parts.length - 2]!));
    if (found.length === 1) return { id: found[0]!.id };
    return { code: found.length ? 'ledger.unit_ambiguous' : 'ledger.unit_not_found' };
  };
}

/** An error thrown for one row, as the row's reasons. */
export function reasonsOf(err: unknown): ImportReason[] {
  if (err instanceof AppError) {
    if (err.fields.length) return err.fields.map((f) => ({ column: columnOf(f.path), code: f.code, message: f.message }));
    const column = err.code.startsWith('person.exists') ? '证件号码' : err.code.startsWith('org.') ? '所属社区' : null;
    return [{ column, code: err.code, message: messageFor(err.code, err.params) }];
  }
  return [reason(null, 'ledger.write_failed')];
}

/** The preparation of rows for one import: lookups built once, then row after row. */
export function createPreparer(ctx: PrepareContext, cipher: DataCipher): (rows: RawRow[]) => PreparedRow[] {
  const matchers = new Map(Object.entries(ctx.dictionaries).map(([kind, entries]) => [kind, buildMatcher(kind, entries)]));
  const codes = new Map(Object.entries(ctx.dictionaries).map(([kind, entries]) => [kind, new Set(entries.filter((e) => e.active).map((e) => e.code))]));
  // A ledger repeats a few dozen values over thousands of rows: each is matched once.
  const seen = new Map<string, ReturnType<RowLookups['dictionary']>>();
  const dictionary: RowLookups['dictionary'] = (kind, value) => {
    const key = `${kind}\u0000${value}`;
    if (!seen.has(key)) seen.set(key, matchers.get(kind)?.(value));
    return seen.get(key);
  };
  const lookups: RowLookups = { dictionary, unit: unitResolver(ctx.units) };
  const isCode = (kind: string, code: string) => !!codes.get(kind)?.has(code);
  const rawKey = (raw: RawRow) =>
    crypto
      .createHash('sha256')
      .update(raw.cells.map((c) => foldForMatch(cellText(c))).join('\u0001'))
      .digest('base64url');

  return (rows) =>
    rows.map((raw) => {
      const m = mapRow(raw, { lookups, defaultOrgUnitId: ctx.defaultOrgUnitId, today: ctx.today });
      let file: PreparedFile | null = null;
      if (m.input) {
        try {
          file = prepareFile(cipher, m.input, ctx.today, isCode);
        } catch (err) {
          m.reasons.push(...reasonsOf(err));
        }
      }
      // Keyed like the stored blind index, so no ID number in clear crosses back to the main thread.
      const identityKey = file ? file.idHash : m.identityKey ? cipher.blindIndex(m.identityKey, 'person.id_number') : null;
      const detailKey = file ? `${file.columns.contentHash}|${file.orgUnitId}` : rawKey(raw);
      return { row: m.row, name: m.name, idNumberMasked: m.idNumberMasked, identityKey, detailKey, reasons: m.reasons, notes: m.notes, file };
    });
}
