import { z } from 'zod';

const isoDate = z.iso.date();

export const measureKind = z.enum(['community_detox', 'community_rehab', 'compulsory_isolation', 'voluntary_treatment', 'maintenance_treatment']);
export const measureStatus = z.enum(['awaiting_report', 'active', 'suspended', 'terminated', 'completed', 'converted']);

export const createMeasureBody = z.object({
  kind: measureKind,
  decisionNumber: z.string().trim().max(60).optional(),
  decisionDate: isoDate,
  decidingAuthority: z.string().trim().max(100).optional(),
  /** C1: the report deadline counts from this day. */
  decisionReceivedDate: isoDate.optional(),
  /** M9: community rehab term in months, as written in the decision. */
  termMonths: z.number().int().min(1).max(60).optional(),
  executionPlace: z.string().trim().max(200).optional(),
  /** M5: the measure this one follows (e.g. after relapse). */
  previousMeasureId: z.uuid().optional(),
});

export const measureEventBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('report'), date: isoDate, lateExcused: z.boolean().optional(), reason: z.string().trim().max(200).optional() }),
  z.object({ type: z.literal('refuse_report'), date: isoDate, reason: z.string().trim().max(200).optional() }),
  z.object({ type: z.literal('suspend'), date: isoDate, reason: z.string().trim().min(2).max(200) }),
  z.object({ type: z.literal('resume'), date: isoDate, reason: z.string().trim().max(200).optional() }),
  z.object({
    type: z.literal('terminate'),
    date: isoDate,
    reason: z.enum(['prison_sentence', 'compulsory_education', 'compulsory_isolation', 'death']),
    note: z.string().trim().max(200).optional(),
  }),
  z.object({ type: z.literal('complete'), date: isoDate, reason: z.string().trim().max(200).optional() }),
  z.object({ type: z.literal('convert'), date: isoDate, reason: z.string().trim().min(2).max(200) }),
  z.object({ type: z.literal('extend'), date: isoDate, months: z.number().int().min(1).max(12), reason: z.string().trim().min(2).max(200) }),
]);
export type MeasureEventBody = z.infer<typeof measureEventBody>;

export const measureView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  kind: measureKind,
  status: measureStatus,
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  decidingAuthority: z.string().nullable(),
  decisionReceivedDate: z.string().nullable(),
  reportDeadline: z.string().nullable(),
  reportDate: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  termMonths: z.number().int().nullable(),
  executionPlace: z.string().nullable(),
  creditedDays: z.number().int(),
  suspensions: z.array(z.object({ start: z.string(), end: z.string().nullable() })),
  terminationReason: z.string().nullable(),
  previousMeasureId: z.uuid().nullable(),
  policyVersion: z.string(),
  createdAt: z.string(),
});
export type MeasureView = z.infer<typeof measureView>;
export const measureList = z.object({ items: z.array(measureView) });
export const measureEventView = z.object({
  id: z.uuid(),
  measureId: z.uuid(),
  event: z.string(),
  eventDate: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
});
