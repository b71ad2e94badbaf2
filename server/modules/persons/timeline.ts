import type { Executor } from '../../db/client';

/** One line of a person's timeline. Modules contribute lines about what they own. */
export interface TimelineEntry {
  at: Date;
  date: string;
  kind: 'person' | 'measure' | 'status' | 'document' | 'assignment' | 'record' | 'leave' | 'notice';
  title: { 'zh-CN': string; 'en-US': string };
  detail: string | null;
  refId: string | null;
}

export type TimelineSource = (exec: Executor, personId: string) => Promise<TimelineEntry[]>;

/** Newest first; on the same instant, the order the sources gave. */
export function mergeTimeline(parts: TimelineEntry[][]): TimelineEntry[] {
  return parts
    .flat()
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.at.getTime() - a.e.at.getTime() || a.i - b.i)
    .map(({ e }) => e);
}
