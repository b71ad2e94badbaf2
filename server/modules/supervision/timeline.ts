// The person's timeline lines about supervision: records, leave steps, notices, education.
import type { Executor } from '../../db/client';
import { TIE, wants, type TimelineEntry, type TimelineWindow } from '../persons/timeline';
import { localized } from '../../../core/labels';
import * as q from './queries';

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Records are the long part of a history (a check-in a week for years): only one page of them is
 * read, from the index, in timeline order. Leaves, notices and education are a handful per person
 * and are read whole; the merge keeps what falls in the page.
 */
export async function supervisionTimeline(exec: Executor, personId: string, w: TimelineWindow): Promise<TimelineEntry[]> {
  const [records, leaves, notices, education] = await Promise.all([
    wants(w, 'record') ? q.recordsPage(exec, personId, w.after, TIE.record, w.limit + 1) : [],
    wants(w, 'leave') ? leaveLines(exec, personId) : [],
    wants(w, 'notice') ? q.noticesOfPerson(exec, personId) : [],
    wants(w, 'record') ? q.educationOfPerson(exec, personId) : [],
  ]);
  const out: TimelineEntry[] = leaves;
  for (const r of records) {
    const kind = localized('recordKind', r.kind);
    const result = r.result ? localized('testResult', r.result) : null;
    out.push({
      at: r.recordedAt,
      date: r.date,
      kind: 'record',
      title: result ? { 'zh-CN': `${kind['zh-CN']} · ${result['zh-CN']}`, 'en-US': `${kind['en-US']} · ${result['en-US']}` } : kind,
      detail: [r.place, r.note].filter(Boolean).join(' — ') || null,
      refId: r.id,
      tie: TIE.record,
      key: r.id,
    });
    // Issue 9.14: the old version stays on the timeline, and so does its voiding or correction.
    if (r.voidedAt) {
      const state = localized('recordState', r.supersededBy ? 'corrected' : 'voided');
      out.push({
        at: r.voidedAt,
        date: day(r.voidedAt),
        kind: 'record',
        title: { 'zh-CN': `${kind['zh-CN']} · ${state['zh-CN']}`, 'en-US': `${kind['en-US']} · ${state['en-US']}` },
        detail: r.voidReason,
        refId: r.id,
        tie: TIE.record,
        key: `${r.id}:void`,
      });
    }
  }
  for (const { n } of notices) {
    const { 'zh-CN': z, 'en-US': en } = localized('noticeReason', n.reason);
    const line = (at: Date, date: string, title: TimelineEntry['title'], detail: string | null, step: string): TimelineEntry => ({
      at,
      date,
      kind: 'notice',
      title,
      detail,
      refId: n.id,
      tie: TIE.notice,
      key: `${n.id}:${step}`,
    });
    const title =
      n.kind === 'correction' ? { 'zh-CN': `更正通知 · ${z}`, 'en-US': `Correction notice · ${en}` } : { 'zh-CN': `通报公安 · ${z}`, 'en-US': `Police notified · ${en}` };
    out.push(line(n.createdAt, n.factDate, title, n.factKey, '1'));
    if (n.deliveredAt) out.push(line(n.deliveredAt, day(n.deliveredAt), { 'zh-CN': `通知已送达 · ${z}`, 'en-US': `Notice delivered · ${en}` }, n.deliveryNote, '2'));
    if (n.acknowledgedAt) out.push(line(n.acknowledgedAt, day(n.acknowledgedAt), { 'zh-CN': `公安已签收 · ${z}`, 'en-US': `Notice acknowledged · ${en}` }, null, '3'));
    // Issue 9.13: a notice whose fact no longer holds, withdrawn (or corrected if the police had it).
    if (n.withdrawnAt) {
      const state = localized('noticeState', n.deliveredAt || n.acknowledgedAt ? 'corrected' : 'withdrawn');
      const why = n.withdrawalReason ? localized('withdrawalReason', n.withdrawalReason as 'facts_changed') : null;
      out.push(
        line(
          n.withdrawnAt,
          day(n.withdrawnAt),
          { 'zh-CN': `通报${state['zh-CN']} · ${z}`, 'en-US': `Notice ${state['en-US'].toLowerCase()} · ${en}` },
          why?.['zh-CN'] ?? null,
          '4',
        ),
      );
    }
  }
  for (const e of education) {
    const { 'zh-CN': z, 'en-US': en } = localized('educationReason', e.reason);
    out.push({
      at: e.createdAt,
      date: e.factDate,
      kind: 'record',
      title: { 'zh-CN': `批评教育 · ${z}`, 'en-US': `Criticism and education · ${en}` },
      detail: e.note,
      refId: e.id,
      tie: TIE.education,
      key: e.id,
    });
  }
  return out;
}

async function leaveLines(exec: Executor, personId: string): Promise<TimelineEntry[]> {
  const [list, events] = await Promise.all([q.leavesOfPerson(exec, personId), q.leaveEventsOfPerson(exec, personId)]);
  const leaves = new Map(list.map((l) => [l.id, l]));
  return events.map((e) => {
    const l = leaves.get(e.leaveId);
    return {
      at: e.at,
      date: day(e.at),
      kind: 'leave',
      title: localized('leaveEvent', e.event),
      detail: l ? `${l.fromDate} – ${l.toDate} · ${l.destination}` : null,
      // Steps of one instant keep their insertion order (`seq`), newest first like the rest.
      refId: e.leaveId,
      tie: TIE.leave,
      key: String(e.seq).padStart(16, '0'),
    };
  });
}
