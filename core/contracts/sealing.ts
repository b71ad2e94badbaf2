// Delisting (D2, D3), sealed files (P4, P5), break-the-glass reads and the person's access
// report (PIPL §44–45): request and response shapes shared by server and web.
import { z } from 'zod';
import { isoDateTime, localized, pageQuery } from './common';

const isoDate = z.iso.date();

export const delistingState = z.enum(['eligible', 'upcoming', 'counting', 'excluded', 'not_started']);
export const delistingBasis = z.enum([
  'date_caught',
  'measure_start',
  'release',
  'relapse',
  'serious_breach',
  'refused',
  'in_isolation',
  'awaiting_report',
  'no_measure',
  'ended_otherwise',
]);

export const delistingListQuery = pageQuery.extend({
  /** eligible and upcoming by default: the officer's worklist. */
  state: z.enum(['due', 'eligible', 'upcoming', 'counting', 'excluded', 'not_started']).default('due'),
  orgUnitId: z.uuid().optional(),
});
export type DelistingListQuery = z.infer<typeof delistingListQuery>;

export const delistingView = z.object({
  id: z.uuid(),
  state: z.enum(['reviewed', 'approved', 'rejected']),
  eligibleOn: z.string(),
  reviewedAt: isoDateTime,
  reviewedByMe: z.boolean(),
  decidedAt: isoDateTime.nullable(),
  decisionDate: z.string().nullable(),
});

export const delistingItem = z.object({
  personId: z.uuid(),
  name: z.string(),
  orgUnitName: z.string(),
  state: delistingState,
  basis: delistingBasis,
  cleanSince: z.string().nullable(),
  eligibleOn: z.string().nullable(),
  factDate: z.string().nullable(),
  /** "eligible on 2027-03-14", "not eligible: serious breach on …" */
  reason: localized,
  computedOn: z.string(),
  delisting: delistingView.nullable(),
});
export const delistingList = z.object({ items: z.array(delistingItem), total: z.number() });

export const reviewBody = z.object({ note: z.string().trim().max(500).optional() });
export const decisionBody = z.object({
  approve: z.boolean(),
  date: isoDate,
  note: z.string().trim().max(500).optional(),
});

export const noticeTest = z.object({ date: z.string(), result: z.string().nullable(), sample: z.string().nullable(), method: z.string().nullable() });
export const delistingNotice = z.object({
  delistingId: z.uuid(),
  personName: z.string(),
  idNumber: z.string(),
  orgUnitName: z.string(),
  cleanSince: z.string(),
  eligibleOn: z.string(),
  decisionDate: z.string().nullable(),
  state: z.enum(['reviewed', 'approved', 'rejected']),
  tests: z.array(noticeTest),
  counts: z.object({ total: z.number(), negative: z.number(), other: z.number() }),
});

/** A stated purpose: bounded, at least two characters (P4). */
const purposeText = z.string().trim().min(2).max(200);
export const openSealedBody = z.object({ purpose: purposeText });
export const breakGlassBody = z.object({
  idType: z.string().trim().min(1).max(40).default('resident_id'),
  idNumber: z.string().trim().min(1).max(40),
  reason: purposeText,
});
export const openingView = z.object({ id: z.uuid(), personId: z.uuid(), kind: z.enum(['sealed', 'break_glass']), expiresAt: isoDateTime });

export const sealedLookupQuery = z.object({ idType: z.string().trim().min(1).max(40).default('resident_id'), idNumber: z.string().trim().min(1).max(40) });
export const sealedLookup = z.object({
  found: z.boolean(),
  personId: z.uuid().nullable(),
  maskedName: z.string().nullable(),
  reason: z.enum(['delisted', 'completed', 'voluntary']).nullable(),
  sealedOn: z.string().nullable(),
  purged: z.boolean(),
});

export const accessReportRow = z.object({
  auditId: z.number(),
  at: isoDateTime,
  action: z.string(),
  actionLabel: localized,
  kind: z.enum(['read', 'change', 'opening']),
  unitName: z.string(),
  roles: z.array(localized),
  purpose: z.string().nullable(),
});
export const accessReport = z.object({
  personId: z.uuid(),
  maskedName: z.string(),
  idLast4: z.string(),
  producedAt: isoDateTime,
  rows: z.array(accessReportRow),
  units: z.array(z.object({ unitName: z.string(), reads: z.number(), changes: z.number() })),
});
