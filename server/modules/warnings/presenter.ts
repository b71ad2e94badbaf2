// The one place that shapes the warnings module's output (core/contracts/warnings.ts).
import { localized } from '../../../core/labels';
import { compareDates } from '../../../core/rules/dates';
import type { FactorContribution, RiskClass } from '../../../core/rules/risk';
import type { AlertDetailView, AlertView } from './types';
import type { AlertEventRow, AlertRow, ClassificationRow, OverrideRow } from './queries';

type Names = Map<string, string>;

export function classificationView(c: ClassificationRow) {
  return {
    id: c.id,
    riskClass: c.riskClass as RiskClass,
    score: c.score,
    factors: (c.factors as FactorContribution[]).map((f) => ({ ...f, label: localized('riskFactor', f.factor) })),
    policyVersion: c.policyVersion,
    computedOn: c.computedOn,
    createdAt: c.createdAt.toISOString(),
  };
}

/** An override is in force until its expiry day ends, unless a later one replaced it (D4). */
export function overrideView(o: OverrideRow, names: Names, today: string) {
  return {
    id: o.id,
    riskClass: o.riskClass as RiskClass,
    reason: o.reason,
    expiresOn: o.expiresOn,
    createdBy: o.createdBy,
    createdByName: names.get(o.createdBy) ?? null,
    createdAt: o.createdAt.toISOString(),
    inForce: !o.endedAt && compareDates(o.expiresOn, today) >= 0,
  };
}

export function alertView(r: { a: AlertRow; personName: string; orgUnitName: string }, now: Date): AlertView {
  const a = r.a;
  const open = a.status === 'open' || a.status === 'acknowledged' || a.status === 'acted';
  return {
    id: a.id,
    personId: a.personId,
    personName: r.personName,
    orgUnitName: r.orgUnitName,
    kind: a.kind as AlertView['kind'],
    kindLabel: localized('alertKind', a.kind),
    severity: a.severity as AlertView['severity'],
    status: a.status as AlertView['status'],
    factDate: a.factDate,
    ownerUserId: a.ownerUserId,
    deadline: a.deadline.toISOString(),
    overdue: open && a.deadline.getTime() < now.getTime(),
    ageHours: Math.max(0, Math.floor((now.getTime() - a.raisedAt.getTime()) / 3_600_000)),
    escalationLevel: a.escalationLevel,
    links: a.links as AlertView['links'],
    details: a.details as Record<string, unknown>,
    policyVersion: a.policyVersion,
    raisedAt: a.raisedAt.toISOString(),
    closedAt: a.closedAt?.toISOString() ?? null,
    outcome: (a.outcome as AlertView['outcome']) ?? null,
    withdrawnAt: a.withdrawnAt?.toISOString() ?? null,
    withdrawalReason: (a.withdrawalReason as AlertView['withdrawalReason']) ?? null,
  };
}

export function alertDetailView(r: { a: AlertRow; personName: string; orgUnitName: string }, events: AlertEventRow[], names: Names, now: Date): AlertDetailView {
  return {
    ...alertView(r, now),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind as AlertDetailView['events'][number]['kind'],
      actorId: e.actorId,
      actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
      at: e.at.toISOString(),
      details: e.details as Record<string, unknown>,
      comment: e.comment,
    })),
  };
}
