// The one place that shapes the transfers module's output (transfers and handovers).
import { handoverState, decisionLate, transferReportState } from '../../../core/rules/transfers';
import { compareDates } from '../../../core/rules/dates';
import type { Policy } from '../../../core/rules/policy';
import type { HandoverView, TransferView } from '../../../core/contracts/transfers';
import type { TransferWithUnits, HandoverRow } from './queries';

export type Essentials = TransferView['person'];

/** C7: what the street asked sees before it accepts — the name, the ID number's last four, the measure in force and its term. */
export function essentialsOf(
  label: { name: string; idLast4: string } | undefined,
  inForce: { kind: string; status: string; startDate: string | null; endDate: string | null }[],
): Essentials {
  const m = inForce[0];
  return {
    name: label?.name ?? '',
    idLast4: label?.idLast4 ?? '',
    measureKind: m?.kind ?? null,
    measureStatus: m?.status ?? null,
    termStart: m?.startDate ?? null,
    termEnd: m?.endDate ?? null,
  };
}

export function transferView(r: TransferWithUnits, x: { essentials: Essentials; personId: string | null; mayAnswer: boolean; today: string; policy: Policy }): TransferView {
  const t = r.t;
  const reportState = transferReportState(t, x.today, x.policy);
  return {
    id: t.id,
    status: t.status,
    initiatedBy: t.initiatedBy,
    from: { id: t.fromOrgUnitId, name: r.fromName },
    to: { id: t.toOrgUnitId, name: r.toName },
    askedOrgUnitId: t.initiatedBy === 'holder' ? t.toOrgUnitId : t.fromOrgUnitId,
    mayAnswer: x.mayAnswer,
    personId: x.personId,
    person: x.essentials,
    reason: t.reason,
    requestedAt: t.requestedAt.toISOString(),
    decideBy: t.decideBy,
    decisionLate: decisionLate(t, x.today),
    decidedAt: t.decidedAt?.toISOString() ?? null,
    declineReason: t.declineReason,
    acceptedOn: t.acceptedOn,
    reportBy: t.reportBy,
    reportedOn: t.reportedOn,
    reportState,
    agreementDue: t.status === 'accepted',
    fileForwardBy: t.fileForwardBy,
    fileForwardedOn: t.fileForwardedOn,
    fileForwardLate: !!t.fileForwardBy && compareDates(t.fileForwardedOn ?? x.today, t.fileForwardBy) > 0,
    moved: (t.moved as Record<string, number> | null) ?? null,
  };
}

export function handoverView(r: { h: HandoverRow; unitName: string }, personName: string, today: string): HandoverView {
  const h = r.h;
  return {
    id: h.id,
    personId: h.personId,
    personName,
    orgUnit: { id: h.orgUnitId, name: r.unitName },
    addressBasis: h.addressBasis,
    facility: h.facility,
    releaseDate: h.releaseDate,
    noticeReceivedOn: h.noticeReceivedOn,
    noticeDueBy: h.noticeDueBy,
    noticeLate: h.noticeLate,
    papersDueBy: h.papersDueBy,
    papers: h.documentIds.length,
    reportBy: h.reportBy,
    reportedOn: h.reportedOn,
    state: handoverState(h, today),
    measureId: h.measureId,
    createdAt: h.createdAt.toISOString(),
  };
}
