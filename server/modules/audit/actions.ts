import { canonicalJson } from './canonical';
import { personSearchKind } from '../../../core/rules/person-search';
import { redactIdentifiers } from '../../lib/identifying';

/**
 * The registry of audit actions and what each may keep (RULES P6, 三员分立; issue 9 item 1).
 * The audit administrator reads the trail, so the trail holds the least that identifies: a
 * person is referred to by id; a change to a person's data records WHICH fields changed, never
 * their values; a search records its kind and counts, never its text. Each module registers
 * its actions (as it registers its messages); the audit service refuses an unregistered one, and
 * keeps of `details` only the keys the action declares, coerced to their kind.
 */
export type DetailKind =
  | 'count' // a number
  | 'flag' // a boolean
  | 'code' // a code: a letter, then letters, digits, _ . : -
  | 'codes' // a list of codes
  | 'id' // a uuid or a number
  | 'date' // YYYY-MM-DD
  | 'instant' // an ISO timestamp
  | 'counts' // an object of numbers (tallies)
  | 'hash' // a SHA-256 in hex (of a file: tells which file, not whose)
  | 'search' // a person search's text, stored as its kind (pinyin, id_last4, id_number, name)
  | 'filter' // a list's filters: codes, ids, numbers, flags and dates kept; `q` as its search kind
  | 'text' // free text (staff-side actions only), capped
  | 'json'; // anything (staff-side actions only)

export interface AuditActionDef {
  /** Rows of this action concern persons: no value of a person's data enters them. */
  person: boolean;
  /** Kept keys and their kinds; `'*'` gives the kind of every other key (tallies of a job). */
  details?: Record<string, DetailKind>;
}

const registry = new Map<string, AuditActionDef>();
const FREE: DetailKind[] = ['text', 'json'];

export function registerAuditActions(defs: Record<string, AuditActionDef>): void {
  for (const [action, def] of Object.entries(defs)) {
    const known = registry.get(action);
    if (known && canonicalJson(known) !== canonicalJson(def)) throw new Error(`audit action ${action} registered twice, differently`);
    if (def.person && Object.values(def.details ?? {}).some((k) => FREE.includes(k)))
      throw new Error(`audit action ${action} concerns persons: no free text or JSON in its details`);
    registry.set(action, def);
  }
}

/** Every registered action (the test that walks them all reads this). */
export const registeredAuditActions = (): ReadonlyMap<string, AuditActionDef> => registry;

export interface RawEntry {
  action: string;
  entityType?: string;
  personId?: string;
  purpose?: string;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

export interface CleanEntry {
  purpose: string | null;
  before: unknown;
  after: unknown;
  details: Record<string, unknown> | null;
}

const CODE = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function scalar(v: unknown): unknown {
  if (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v;
  if (typeof v === 'string' && (CODE.test(v) || UUID.test(v) || DATE.test(v))) return v;
  return undefined;
}

function filterOf(v: unknown): Record<string, unknown> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'q') out.q = personSearchKind(typeof x === 'string' ? x : null) ?? undefined;
    else if (Array.isArray(x)) out[k] = x.map(scalar).filter((y) => y !== undefined);
    else out[k] = scalar(x);
  }
  return out;
}

const coerce: Record<DetailKind, (v: unknown) => unknown> = {
  count: (v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined),
  flag: (v) => (typeof v === 'boolean' ? v : undefined),
  code: (v) => (typeof v === 'string' && CODE.test(v) ? v : v === null ? null : undefined),
  codes: (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string' && CODE.test(x)) : undefined),
  id: (v) => ((typeof v === 'string' && UUID.test(v)) || (typeof v === 'number' && Number.isSafeInteger(v)) ? v : v === null ? null : undefined),
  date: (v) => (typeof v === 'string' && DATE.test(v) ? v : v === null ? null : undefined),
  instant: (v) => (typeof v === 'string' && INSTANT.test(v) ? v : v instanceof Date ? v.toISOString() : undefined),
  hash: (v) => (typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? v : undefined),
  counts: (v) => (isObject(v) ? Object.fromEntries(Object.entries(v).filter(([, n]) => typeof n === 'number' && Number.isFinite(n))) : undefined),
  search: (v) => personSearchKind(typeof v === 'string' ? v : null),
  filter: filterOf,
  text: (v) => (typeof v === 'string' ? redactIdentifiers(v.slice(0, 500)) : v === null ? null : undefined),
  json: (v) => v,
};

/** Names of the fields that differ between two snapshots (all set fields when one is absent). */
export function changedFields(before: unknown, after: unknown): string[] {
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const empty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter((k) => (k in b && k in a ? canonicalJson(b[k]) !== canonicalJson(a[k]) : !empty(b[k] ?? a[k]))).sort();
}

/** What the trail keeps of an entry, by its action's declaration. */
export function cleanEntry(input: RawEntry): CleanEntry {
  // jsonb keeps what JSON keeps (dates become strings): normalise first.
  const entry = { ...input, before: plain(input.before), after: plain(input.after), details: plain(input.details) };
  const def = registry.get(entry.action);
  if (!def) throw new Error(`audit action ${entry.action} is not registered (registerAuditActions)`);
  const person = def.person || !!entry.personId || entry.entityType === 'person';
  if (person && !def.person) throw new Error(`audit action ${entry.action} concerns a person: register it with person: true`);
  const raw = isObject(entry.details) ? entry.details : {};
  const details: Record<string, unknown> = {};
  const declared = def.details ?? {};
  for (const [key, value] of Object.entries(raw)) {
    const kind = declared[key] ?? declared['*'];
    const v = kind ? coerce[kind](value) : undefined;
    if (v !== undefined) details[key] = v;
  }
  const changes = entry.before !== undefined || entry.after !== undefined;
  if (person && changes) details.changed = changedFields(entry.before, entry.after);
  return {
    purpose: entry.purpose ? redactIdentifiers(entry.purpose.slice(0, 500)) : null,
    before: person ? null : redactDeep(entry.before ?? null),
    after: person ? null : redactDeep(entry.after ?? null),
    details: Object.keys(details).length ? details : null,
  };
}

const plain = (v: unknown) => (v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as unknown));

/** Staff-side snapshots keep their values, but never an ID or phone number typed into them. */
function redactDeep(v: unknown): unknown {
  if (typeof v === 'string') return redactIdentifiers(v);
  if (Array.isArray(v)) return v.map(redactDeep);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactDeep(x)]));
  return v;
}
