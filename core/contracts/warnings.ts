import { z } from 'zod';
import { localized, pageQuery } from './common';
import { alertKinds } from '../rules/alerts';
import { riskFactorCodes } from '../rules/policy';

// Early warning (issue 13): risk classes (RULES D4, D6), the street's override, alerts and
// their handling. The web imports these; the server validates with them.

const isoDate = z.iso.date();
export const riskClass = z.enum(['high', 'medium', 'low']);
export const alertKind = z.enum(alertKinds);
export const alertSeverity = z.enum(['high', 'medium', 'low']);
export const alertStatus = z.enum(['open', 'acknowledged', 'acted', 'closed', 'withdrawn']);
export type AlertStatus = z.infer<typeof alertStatus>;
export const alertOutcome = z.enum(['resolved', 'person_located', 'referred', 'reported_to_police', 'no_action_needed']);
export type AlertOutcome = z.infer<typeof alertOutcome>;
export const alertEventKind = z.enum(['raised', 'acknowledged', 'acted', 'commented', 'reassigned', 'escalated', 'closed', 'withdrawn']);
export type AlertEventKind = z.infer<typeof alertEventKind>;
export const alertWithdrawalReason = z.enum(['record_voided', 'record_corrected', 'leave_covers', 'facts_changed']);
export type AlertWithdrawalReason = z.infer<typeof alertWithdrawalReason>;

export const riskFactorView = z.object({
  factor: z.enum(riskFactorCodes),
  label: localized,
  value: z.number().int(),
  weight: z.number().int(),
  threshold: z.number().int(),
  contribution: z.number().int(),
  forcesHigh: z.boolean(),
  recordIds: z.array(z.string()),
});

export const riskOverrideView = z.object({
  id: z.uuid(),
  riskClass,
  reason: z.string(),
  expiresOn: z.string(),
  createdBy: z.uuid(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  /** In force today (not expired, not replaced). */
  inForce: z.boolean(),
});

export const riskClassificationView = z.object({
  id: z.uuid(),
  riskClass,
  score: z.number().int(),
  factors: z.array(riskFactorView),
  policyVersion: z.string(),
  computedOn: z.string(),
  createdAt: z.string(),
});

/** D4: the class in force (the override's while it holds), why, and the history. */
export const personRiskView = z.object({
  personId: z.uuid(),
  riskClass: riskClass.nullable(),
  computed: riskClassificationView.nullable(),
  override: riskOverrideView.nullable(),
  history: z.array(riskClassificationView),
  overrides: z.array(riskOverrideView),
});

export const riskOverrideBody = z.object({
  riskClass,
  reason: z.string().trim().min(2).max(500),
  expiresOn: isoDate,
});
export type RiskOverrideBody = z.infer<typeof riskOverrideBody>;

export const alertLink = z.object({ type: z.enum(['record', 'task', 'leave', 'measure', 'classification']), id: z.string() });

export const alertEventView = z.object({
  id: z.uuid(),
  kind: alertEventKind,
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
  details: z.record(z.string(), z.unknown()),
  comment: z.string().nullable(),
});

export const alertView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  orgUnitName: z.string(),
  kind: alertKind,
  kindLabel: localized,
  severity: alertSeverity,
  status: alertStatus,
  factDate: z.string(),
  ownerUserId: z.uuid().nullable(),
  deadline: z.string(),
  overdue: z.boolean(),
  /** Whole hours since it was raised. */
  ageHours: z.number().int(),
  escalationLevel: z.number().int(),
  links: z.array(alertLink),
  details: z.record(z.string(), z.unknown()),
  policyVersion: z.string(),
  raisedAt: z.string(),
  closedAt: z.string().nullable(),
  outcome: alertOutcome.nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawalReason: alertWithdrawalReason.nullable(),
});
export type AlertView = z.infer<typeof alertView>;

export const alertDetailView = alertView.extend({ events: z.array(alertEventView) });

export const alertListQuery = pageQuery.extend({
  /** mine: owned by me; unit: every alert of my scope. */
  scope: z.enum(['mine', 'unit']).default('mine'),
  state: z.enum(['open', 'overdue', 'closed', 'withdrawn', 'all']).default('open'),
  severity: alertSeverity.optional(),
  personId: z.uuid().optional(),
});
export const alertList = z.object({ items: z.array(alertView), total: z.number().int() });

export const alertActBody = z.object({ recordId: z.uuid(), comment: z.string().trim().max(500).optional() });
export const alertCommentBody = z.object({ comment: z.string().trim().min(1).max(500) });
export const alertReassignBody = z.object({ userId: z.uuid() });
export const alertCloseBody = z.object({ outcome: alertOutcome, comment: z.string().trim().max(500).optional() });
