// The one place that shapes the assistance module's output (core/contracts/assistance.ts).
import { consentRequired, placementFollowUps, referralStalled, type PartnerKind, type ReferralStatus } from '../../../core/rules/assistance';
import type { AssessmentRow, ActionRow, PartnerRow, PlanRow, ReferralRow, ServiceRow } from './queries';
import type { ServiceDetails } from '../../../core/contracts/assistance';

type Names = Map<string, string>;
type Consent = { given: boolean; by: string; date: string; scope: string };

export function partnerView(p: PartnerRow, ctx: { orgName: string; districtName: string | null }) {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind as PartnerKind,
    orgUnitId: p.orgUnitId,
    orgUnitName: ctx.orgName,
    districtName: ctx.districtName,
    servedOrgUnitIds: p.servedUnitIds,
    services: p.services as never[],
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    capacity: p.capacity,
    placesTaken: p.placesTaken,
    placesOpen: p.capacity === null ? null : Math.max(0, p.capacity - p.placesTaken),
    consentRequired: consentRequired(p.kind as PartnerKind),
  };
}

export function assessmentView(a: AssessmentRow, users: Names) {
  const needs = a.needs as { need: string; level: string; note?: string | null }[];
  return {
    id: a.id,
    assessedOn: a.assessedOn,
    assessedByName: a.assessedBy ? (users.get(a.assessedBy) ?? null) : null,
    needs: needs.map((n) => ({ need: n.need as never, level: n.level as never, note: n.note ?? null })),
  };
}

export function actionView(a: ActionRow, partners: Names, visitNeeds: ReadonlySet<string>) {
  return {
    id: a.id,
    need: a.need as never,
    goal: a.goal,
    action: a.action,
    owner: a.owner as 'worker' | 'partner',
    partnerId: a.partnerId,
    partnerName: a.partnerId ? (partners.get(a.partnerId) ?? null) : null,
    dueDate: a.dueDate,
    status: a.status as 'open' | 'done',
    closedOn: a.closedOn,
    fromVisit: visitNeeds.has(a.need),
  };
}

export function planView(p: PlanRow, actions: ReturnType<typeof actionView>[], users: Names) {
  return {
    id: p.id,
    version: p.version,
    reviewDate: p.reviewDate,
    status: p.status as 'draft' | 'approved',
    approvedByName: p.approvedBy ? (users.get(p.approvedBy) ?? null) : null,
    approvedAt: p.approvedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    actions,
  };
}

export function referralView(r: ReferralRow, partners: Names, today: string) {
  return {
    id: r.id,
    personId: r.personId,
    partnerId: r.partnerId,
    partnerName: partners.get(r.partnerId) ?? '',
    need: r.need as never,
    purpose: r.purpose,
    status: r.status as ReferralStatus,
    sentOn: r.sentOn,
    respondBy: r.respondBy,
    stalled: referralStalled({ status: r.status as ReferralStatus, respondBy: r.respondBy }, today),
    consent: (r.consent as Consent | null) ?? null,
    declineReason: r.declineReason,
    outcome: r.outcome,
  };
}

type Checks = { made: { month: number; checkedOn: string; employed: boolean }[]; due: { month: number; dueDate: string }[] };

export function planVersionView(p: PlanRow) {
  return {
    id: p.id,
    version: p.version,
    status: p.status as 'draft' | 'approved',
    reviewDate: p.reviewDate,
    createdAt: p.createdAt.toISOString(),
    approvedAt: p.approvedAt?.toISOString() ?? null,
  };
}

export function serviceView(s: ServiceRow, partners: Names, checks?: Checks) {
  const details = s.details as ServiceDetails;
  return {
    id: s.id,
    kind: s.kind as never,
    date: s.serviceDate,
    outcome: s.outcome,
    details,
    providerName: s.providerPartnerId ? (partners.get(s.providerPartnerId) ?? null) : null,
    referralId: s.referralId,
    actionId: s.actionId,
    followUps: details.kind === 'job_placement' ? placementFollowUps(details.startDate) : [],
    checks: checks?.made ?? [],
    checksDue: checks?.due ?? [],
  };
}

/** What a partner sees: the minimum necessary (P1). Nothing else of the file is read for it. */
export function inboxItem(r: ReferralRow, partners: Names, person: { name: string; phone: string | null } | undefined) {
  return {
    id: r.id,
    partnerName: partners.get(r.partnerId) ?? '',
    status: r.status as ReferralStatus,
    need: r.need as never,
    purpose: r.purpose,
    sentOn: r.sentOn,
    respondBy: r.respondBy,
    person: { name: person?.name ?? '', phone: person?.phone ?? null },
  };
}
