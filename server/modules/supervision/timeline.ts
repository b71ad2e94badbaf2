// The person's timeline lines about supervision: records, leave steps, notices, education.
import type { Executor } from '../../db/client';
import type { TimelineEntry } from '../persons/timeline';
import { localized } from '../../../core/labels';
import * as q from './queries';

const day = (d: Date) => d.toISOString().slice(0, 10);

export async function supervisionTimeline(exec: Executor, personId: string): Promise<TimelineEntry[]> {
  const records = (await q.recordsOfPerson(exec, personId, { limit: 10_000, offset: 0 })).items;
  const leaves = new Map((await q.leavesOfPerson(exec, personId)).map((l) => [l.id, l]));
  const leaveEvents = await q.leaveEventsOfPerson(exec, personId);
  const notices = await q.noticesOfPerson(exec, personId);
  const education = await q.educationOfPerson(exec, personId);
  const out: TimelineEntry[] = [];
  for (const { r } of records) {
    const kind = localized('recordKind', r.kind);
    const result = r.result ? localized('testResult', r.result) : null;
    out.push({
      at: r.recordedAt, date: r.date, kind: 'record',
      title: result ? { 'zh-CN': `${kind['zh-CN']} · ${result['zh-CN']}`, 'en-US': `${kind['en-US']} · ${result['en-US']}` } : kind,
      detail: [r.place, r.note].filter(Boolean).join(' — ') || null, refId: r.id,
    });
  }
  for (const e of leaveEvents) {
    const l = leaves.get(e.leaveId);
    out.push({ at: e.at, date: day(e.at), kind: 'leave', title: localized('leaveEvent', e.event), detail: l ? `${l.fromDate} – ${l.toDate} · ${l.destination}` : null, refId: e.leaveId });
  }
  for (const { n } of notices) {
    const { 'zh-CN': z, 'en-US': en } = localized('noticeReason', n.reason);
    out.push({ at: n.createdAt, date: n.factDate, kind: 'notice', title: { 'zh-CN': `通报公安 · ${z}`, 'en-US': `Police notified · ${en}` }, detail: n.factKey, refId: n.id });
    if (n.deliveredAt) out.push({ at: n.deliveredAt, date: day(n.deliveredAt), kind: 'notice', title: { 'zh-CN': `通知已送达 · ${z}`, 'en-US': `Notice delivered · ${en}` }, detail: n.deliveryNote, refId: n.id });
    if (n.acknowledgedAt) out.push({ at: n.acknowledgedAt, date: day(n.acknowledgedAt), kind: 'notice', title: { 'zh-CN': `公安已签收 · ${z}`, 'en-US': `Notice acknowledged · ${en}` }, detail: null, refId: n.id });
  }
  for (const e of education) {
    const { 'zh-CN': z, 'en-US': en } = localized('educationReason', e.reason);
    out.push({ at: e.createdAt, date: e.factDate, kind: 'record', title: { 'zh-CN': `批评教育 · ${z}`, 'en-US': `Criticism and education · ${en}` }, detail: e.note, refId: e.id });
  }
  return out;
}
