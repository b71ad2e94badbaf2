import { z } from 'zod';
import { int32, pageQuery } from './common';

// Tip reports (线索举报, issue 16 item 5): a public form, anonymous allowed, that answers with a
// receipt code; routed to the police of the unit. Who gave the tip (contact name and phone) is
// seen by the police role only (`tip.handle`); the public status page shows the status alone.

export const tipCategories = ['drug_use', 'dealing', 'cultivation', 'venue', 'online', 'other'] as const;
export type TipCategory = (typeof tipCategories)[number];
export const tipStatuses = ['received', 'verified', 'closed'] as const;
export type TipStatus = (typeof tipStatuses)[number];

/** A receipt code: TIP- and four groups of four Crockford base32 characters (80 random bits). */
export const receiptCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^TIP(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);

export const publicTipInput = z.strictObject({
  orgUnitId: z.uuid(),
  category: z.enum(tipCategories),
  description: z.string().trim().min(10).max(2000),
  place: z.string().trim().max(200).default(''),
  /** Anonymous: no contact at all. Otherwise a name and a phone, both optional. */
  contactName: z.string().trim().max(50).default(''),
  contactPhone: z
    .string()
    .trim()
    .regex(/^([0-9+\- ]{5,20})?$/)
    .default(''),
});
export type PublicTipInput = z.infer<typeof publicTipInput>;
export const publicTipReceipt = z.object({ receiptCode: z.string(), status: z.enum(tipStatuses) });
export const publicTipStatusInput = z.strictObject({ receiptCode });
/** All the status page shows: the status and the day it was received, nothing of the tip or of others. */
export const publicTipStatus = z.object({ status: z.enum(tipStatuses), receivedOn: z.string() });

/** The units a tip may be sent to (streets and above, active): names only. */
export const publicUnitList = z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), level: z.string(), parentId: z.uuid().nullable() })) });

export const tipView = z.object({
  id: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  category: z.enum(tipCategories),
  description: z.string(),
  place: z.string(),
  status: z.enum(tipStatuses),
  receivedAt: z.string(),
  statusNote: z.string(),
  anonymous: z.boolean(),
  /** Present for the police role only (`tip.handle`); every other view has no such key. */
  tipster: z.object({ name: z.string(), phone: z.string() }).optional(),
  reward: z.object({ amountYuan: z.number(), paidOn: z.string().nullable() }).nullable(),
});
export type TipView = z.infer<typeof tipView>;
export const tipList = z.object({ items: z.array(tipView), total: z.number() });
export const tipListQuery = z.object({ orgUnitId: z.uuid().optional(), status: z.enum(tipStatuses).optional() }).extend(pageQuery.shape);

export const tipStatusInput = z.strictObject({ status: z.enum(tipStatuses), note: z.string().trim().max(500).default('') });
export const tipRewardInput = z.strictObject({
  amountYuan: int32().min(0).max(1_000_000),
  paidOn: z.iso.date().nullable().default(null),
});
export const tipStatusSummary = z.object({ received: z.number(), verified: z.number(), closed: z.number() });
