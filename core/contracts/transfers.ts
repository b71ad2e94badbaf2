// Transfers between streets (C7) and handovers from isolation (C10), issue 14.
import { z } from 'zod';
import { handoverStates, reportStates, transferInitiators, transferStatuses } from '../rules/transfers';
import { pageQuery } from './common';

const isoDate = z.iso.date();
const reasonText = z.string().trim().min(1).max(500);

/** The holding street offers the file to another street. */
export const offerBody = z.object({ personId: z.uuid(), toOrgUnitId: z.uuid(), reason: reasonText });
/** The street that found the file held elsewhere (the 409 of a second file) asks for it, by the ID number it typed. */
export const requestBody = z.object({
  idType: z.string().trim().min(1).max(40).default('resident_id'),
  idNumber: z.string().trim().min(5).max(30),
  toOrgUnitId: z.uuid(),
  reason: reasonText,
});
export const declineBody = z.object({ reason: reasonText });
export const dateBody = z.object({ date: isoDate });
export const transferQuery = pageQuery.extend({
  box: z.enum(['in', 'out', 'all']).default('all'),
  status: z.enum(transferStatuses).optional(),
});

const unitRef = z.object({ id: z.uuid(), name: z.string() });

/** What the street asked sees before it accepts (C7): name, ID last four, the measure's kind and term, the reason. */
export const transferEssentials = z.object({
  name: z.string(),
  idLast4: z.string(),
  measureKind: z.string().nullable(),
  measureStatus: z.string().nullable(),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
});

export const transferView = z.object({
  id: z.uuid(),
  status: z.enum(transferStatuses),
  initiatedBy: z.enum(transferInitiators),
  from: unitRef,
  to: unitRef,
  askedOrgUnitId: z.uuid(),
  /** The viewer may answer it (the street asked, still pending). */
  mayAnswer: z.boolean(),
  /** The person's id only where the viewer may open the file; else null (essentials only). */
  personId: z.uuid().nullable(),
  person: transferEssentials,
  reason: z.string(),
  requestedAt: z.string(),
  decideBy: isoDate,
  decisionLate: z.boolean(),
  decidedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  acceptedOn: isoDate.nullable(),
  reportBy: isoDate.nullable(),
  reportedOn: isoDate.nullable(),
  reportState: z.enum(reportStates),
  /** C7: a new agreement is signed with the new street once the person reports. */
  agreementDue: z.boolean(),
  fileForwardBy: isoDate.nullable(),
  fileForwardedOn: isoDate.nullable(),
  fileForwardLate: z.boolean(),
  moved: z.record(z.string(), z.number()).nullable(),
});
export type TransferView = z.infer<typeof transferView>;
export const transferList = z.object({ items: z.array(transferView), total: z.number().int() });

export const streetList = z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), districtName: z.string().nullable() })) });

/** The release notice of an isolation facility, entered by the police or the district office (C10). */
export const handoverBody = z.object({
  personId: z.uuid(),
  facility: z.string().trim().min(1).max(200),
  releaseDate: isoDate,
  noticeReceivedOn: isoDate,
  /** The street of the registered or residence address; the street holding the file when not given. */
  orgUnitId: z.uuid().optional(),
  addressBasis: z.enum(['registered', 'residence']).default('residence'),
  /** The papers, uploaded as documents of the person first. */
  documentIds: z.array(z.uuid()).max(20).default([]),
});
export const handoverReportBody = z.object({ date: isoDate, termMonths: z.number().int().min(1).max(36).default(36) });
export const handoverQuery = pageQuery.extend({ state: z.enum(handoverStates).optional() });

export const handoverView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  orgUnit: unitRef,
  addressBasis: z.enum(['registered', 'residence']),
  facility: z.string(),
  releaseDate: isoDate,
  noticeReceivedOn: isoDate,
  noticeDueBy: isoDate,
  noticeLate: z.boolean(),
  papersDueBy: isoDate.nullable(),
  papers: z.number().int(),
  reportBy: isoDate,
  reportedOn: isoDate.nullable(),
  state: z.enum(handoverStates),
  measureId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type HandoverView = z.infer<typeof handoverView>;
export const handoverList = z.object({ items: z.array(handoverView), total: z.number().int() });
