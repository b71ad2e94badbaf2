// The person's timeline lines of transfers (C7) and handovers (C10): every step, timed.
import type { Executor } from '../../db/client';
import { localized } from '../../../core/labels';
import { TIE, wants, type TimelineEntry, type TimelineSource } from '../persons/timeline';
import type { HandoverRow, TransferWithUnits } from './queries';

const line = (at: Date, date: string, title: { 'zh-CN': string; 'en-US': string }, detail: string | null, refId: string, key: string): TimelineEntry => ({
  at,
  date,
  kind: 'transfer',
  title,
  detail,
  refId,
  tie: TIE.transfer,
  key,
});

const t2 = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

function transferLines(r: TransferWithUnits): TimelineEntry[] {
  const t = r.t;
  const route = `${r.fromName} → ${r.toName}`;
  const out = [line(t.requestedAt, t.requestedAt.toISOString().slice(0, 10), localized('transferInitiator', t.initiatedBy), route, t.id, `${t.id}:requested`)];
  if (t.decidedAt) {
    const title = t.status === 'accepted' ? t2('移交已接收，档案转入', 'Transfer accepted; the file moved') : t2('移交被拒绝', 'Transfer declined');
    out.push(line(t.decidedAt, t.decidedAt.toISOString().slice(0, 10), title, t.status === 'declined' ? t.declineReason : route, t.id, `${t.id}:decided`));
  }
  if (t.reportedOn) out.push(line(t.decidedAt ?? t.requestedAt, t.reportedOn, t2('移交后向新街道报到', 'Reported to the new street'), r.toName, t.id, `${t.id}:reported`));
  if (t.fileForwardedOn) out.push(line(t.decidedAt ?? t.requestedAt, t.fileForwardedOn, t2('纸质档案已转递', 'Paper file forwarded'), r.fromName, t.id, `${t.id}:forwarded`));
  return out;
}

function handoverLines(h: HandoverRow): TimelineEntry[] {
  const out = [line(h.createdAt, h.noticeReceivedOn, t2('收到出所通知', 'Release notice received'), `${h.facility} · ${h.releaseDate}`, h.id, `${h.id}:notice`)];
  if (h.reportedOn) out.push(line(h.createdAt, h.reportedOn, t2('出所衔接报到', 'Reported after release'), null, h.id, `${h.id}:reported`));
  return out;
}

export function transfersTimeline(q: {
  ofPerson: (exec: Executor, personId: string) => Promise<TransferWithUnits[]>;
  handoversOfPerson: (exec: Executor, personId: string) => Promise<HandoverRow[]>;
}): TimelineSource {
  return async (exec, personId, w) => {
    if (!wants(w, 'transfer')) return [];
    const [ts, hs] = await Promise.all([q.ofPerson(exec, personId), q.handoversOfPerson(exec, personId)]);
    return [...ts.flatMap(transferLines), ...hs.flatMap(handoverLines)];
  };
}
