import type { Executor } from '../../db/client';
import { fieldError } from '../../errors';
import { timelineCursor, type TimelineKind } from '../../../core/contracts/persons';

/**
 * One line of a person's timeline. Modules contribute lines about what they own.
 * `tie` and `key` make the order total (issue 9 item 20): lines of one fact date and one entry
 * instant are ordered by the kind of line (`tie`, see `TIE`), then by `key` (unique per line), so
 * a page boundary never falls between two lines that could swap.
 */
export interface TimelineEntry {
  at: Date;
  date: string;
  kind: TimelineKind;
  title: { 'zh-CN': string; 'en-US': string };
  detail: string | null;
  refId: string | null;
  tie: number;
  key: string;
}

/**
 * Tie order of lines on the same date and instant, newest first: a file is created before its
 * first assignment (same transaction, same instant), so the assignment shows above it.
 */
export const TIE = { person: 0, assignment: 1, measure: 2, document: 3, record: 4, education: 5, leave: 6, notice: 7, assistance: 8, transfer: 9 } as const;

/** Where a page starts: the position of the last line of the previous page. */
export interface TimelineCursor {
  date: string;
  at: Date;
  tie: number;
  key: string;
}

/** What a source is asked for: lines strictly after `after` (in timeline order), of these kinds, at most `limit`. */
export interface TimelineWindow {
  after: TimelineCursor | null;
  kinds: ReadonlySet<TimelineKind> | null;
  limit: number;
  /** M4: the reader is police — voluntary treatment stays out of what he is shown. */
  hideVoluntary?: boolean;
}

/**
 * A source may return more than asked (the merge filters and cuts); a source with many lines per
 * person (supervision records) must honour the window in SQL so that a page reads one index range.
 */
export type TimelineSource = (exec: Executor, personId: string, window: TimelineWindow) => Promise<TimelineEntry[]>;

/** Whether the window wants any of these kinds (a source skips its queries otherwise). */
export const wants = (w: TimelineWindow, ...kinds: TimelineKind[]) => !w.kinds || kinds.some((k) => w.kinds!.has(k));

/** Timeline order: fact date, then entry instant, newest first; then `tie` and `key`, descending. Negative: a comes first. */
export function compareEntries(a: Pick<TimelineEntry, 'date' | 'at' | 'tie' | 'key'>, b: Pick<TimelineEntry, 'date' | 'at' | 'tie' | 'key'>): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  const t = b.at.getTime() - a.at.getTime();
  if (t !== 0) return t;
  if (a.tie !== b.tie) return b.tie - a.tie;
  return a.key === b.key ? 0 : a.key < b.key ? 1 : -1;
}

/** One page of the merged sources, in timeline order, with the cursor of the next page (null at the end). */
export function mergeTimeline(parts: TimelineEntry[][], w: TimelineWindow): { items: TimelineEntry[]; next: TimelineCursor | null } {
  const all = parts
    .flat()
    .filter((e) => (!w.kinds || w.kinds.has(e.kind)) && (!w.after || compareEntries(e, w.after) > 0))
    .sort(compareEntries);
  const items = all.slice(0, w.limit);
  const last = items[items.length - 1];
  const next = all.length > w.limit && last ? { date: last.date, at: last.at, tie: last.tie, key: last.key } : null;
  return { items, next };
}

/** The cursor as the client holds it: opaque, URL-safe. */
export function encodeCursor(c: TimelineCursor): string {
  return Buffer.from(JSON.stringify([c.date, c.at.toISOString(), c.tie, c.key])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(:[1-3])?|\d{16})$/;

export function decodeCursor(s: string): TimelineCursor {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    throw fieldError('cursor', 'person.timeline_cursor');
  }
  const parsed = timelineCursor.safeParse(raw);
  if (!parsed.success) throw fieldError('cursor', 'person.timeline_cursor');
  const [date, at, tie, key] = parsed.data;
  // Every key is an id, an id with a step (`:1`) or a sequence number; a record's is its id,
  // which the records' page compares in SQL.
  const shape = tie === TIE.record ? UUID : KEY;
  if (!shape.test(key)) throw fieldError('cursor', 'person.timeline_cursor');
  return { date, at: new Date(at), tie, key };
}
