// The one place the sealing module shapes its output: the delisting list's lines with their
// reason, a delisting, the police notice, an opening.
import { localized, type Localized } from '../../../core/labels';
import type { DelistingBasis, DelistingState, DelistingStatus } from '../../../core/rules/delisting';
import type { DelistingRow, OpeningRow, StatusRow } from './queries';

/** "eligible on 2027-03-14", "not eligible: serious breach on 2025-06-01": the person's reason in both languages (D2, D3). */
export function reasonText(s: Pick<DelistingStatus, 'state' | 'basis' | 'eligibleOn' | 'factDate'>): Localized {
  const basis = localized('delistingBasis', s.basis);
  if (s.eligibleOn && (s.state === 'eligible' || s.state === 'upcoming' || s.state === 'counting')) {
    return { 'zh-CN': `${s.eligibleOn}起可撤销管控（${basis['zh-CN']}）`, 'en-US': `eligible on ${s.eligibleOn} (${basis['en-US']})` };
  }
  return {
    'zh-CN': `不符合条件：${basis['zh-CN']}${s.factDate ? `（${s.factDate}）` : ''}`,
    'en-US': `not eligible: ${basis['en-US']}${s.factDate ? ` on ${s.factDate}` : ''}`,
  };
}

export function delistingView(d: DelistingRow, viewerId: string) {
  return {
    id: d.id,
    state: d.state,
    eligibleOn: d.eligibleOn,
    reviewedAt: d.reviewedAt.toISOString(),
    reviewedByMe: d.reviewedBy === viewerId,
    decidedAt: d.decidedAt?.toISOString() ?? null,
    decisionDate: d.decisionDate,
  };
}

export function delistingItem(r: { s: StatusRow; name: string; orgUnitName: string; d: DelistingRow | null }, viewerId: string) {
  const s = { state: r.s.state as DelistingState, basis: r.s.basis as DelistingBasis, eligibleOn: r.s.eligibleOn, factDate: r.s.factDate };
  return {
    personId: r.s.personId,
    name: r.name,
    orgUnitName: r.orgUnitName,
    ...s,
    cleanSince: r.s.cleanSince,
    reason: reasonText(s),
    computedOn: r.s.computedOn,
    delisting: r.d ? delistingView(r.d, viewerId) : null,
  };
}

type StoredNotice = {
  personName: string;
  idLast4: string;
  orgUnitName: string;
  tests: { date: string; result: string | null; sample: string | null; method: string | null }[];
  counts: { total: number; negative: number; other: number };
};

export function noticeOf(d: DelistingRow) {
  const n = d.notice as StoredNotice;
  return {
    delistingId: d.id,
    personName: n.personName,
    idNumber: `**************${n.idLast4}`,
    orgUnitName: n.orgUnitName,
    cleanSince: d.cleanSince,
    eligibleOn: d.eligibleOn,
    decisionDate: d.decisionDate,
    state: d.state,
    tests: n.tests,
    counts: n.counts,
  };
}

export function openingView(o: OpeningRow) {
  return { id: o.id, personId: o.personId, kind: o.kind, expiresAt: o.expiresAt.toISOString() };
}
