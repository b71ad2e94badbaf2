import { z } from 'zod';
import { nameText, MAX_OFFSET, int32 } from './common';

const isoDate = z.iso.date();
const code = z.string().trim().min(1).max(40);

export const familyContact = z.object({
  name: nameText(40),
  relation: code,
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/)
    .optional(),
  address: z.string().trim().max(200).optional(),
});

export const workTeamMember = z.object({
  role: z.enum(['officer', 'social_worker', 'police_officer', 'medic', 'family', 'volunteer', 'grid_worker']),
  name: nameText(40),
  userId: z.uuid().optional(),
  phone: z.string().trim().max(20).optional(),
});

/** What a person's file holds. Dictionary fields carry codes; the server checks them against the dictionaries. */
export const personInput = z.object({
  orgUnitId: z.uuid(),
  name: nameText(40),
  formerNames: z.array(nameText(40)).max(10).default([]),
  sex: z.enum(['male', 'female']).optional(),
  birthDate: isoDate.optional(),
  ethnicity: code.optional(),
  nationality: code.default('CHN'),
  idType: code.default('resident_id'),
  idNumber: z.string().trim().min(5).max(30),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/)
    .optional(),
  registeredAddress: z.string().trim().max(200).optional(),
  residenceAddress: z.string().trim().max(200).optional(),
  education: code.optional(),
  maritalStatus: code.optional(),
  employmentStatus: code.optional(),
  employer: z.string().trim().max(100).optional(),
  occupation: code.optional(),
  drugTypes: z.array(code).max(20).default([]),
  useMethods: z.array(code).max(10).default([]),
  firstUseDate: isoDate.optional(),
  familyContacts: z.array(familyContact).max(10).default([]),
  riskLevel: z.enum(['high', 'medium', 'low']).optional(),
});
export type PersonInput = z.infer<typeof personInput>;

/**
 * An edit: only the fields sent change (no defaults apply, so an absent list is not emptied);
 * `null` clears an optional field.
 */
export const personUpdate = z.object({
  name: nameText(40).optional(),
  formerNames: z.array(nameText(40)).max(10).optional(),
  sex: z.enum(['male', 'female']).optional(),
  birthDate: isoDate.optional(),
  ethnicity: code.nullable().optional(),
  nationality: code.optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/)
    .nullable()
    .optional(),
  registeredAddress: z.string().trim().max(200).nullable().optional(),
  residenceAddress: z.string().trim().max(200).nullable().optional(),
  education: code.nullable().optional(),
  maritalStatus: code.nullable().optional(),
  employmentStatus: code.nullable().optional(),
  employer: z.string().trim().max(100).nullable().optional(),
  occupation: code.nullable().optional(),
  drugTypes: z.array(code).max(20).optional(),
  useMethods: z.array(code).max(10).optional(),
  firstUseDate: isoDate.nullable().optional(),
  familyContacts: z.array(familyContact).max(10).optional(),
  riskLevel: z.enum(['high', 'medium', 'low']).nullable().optional(),
  /** Optimistic concurrency: the version the editor saw; a newer one on file refuses the save. */
  version: int32().min(1),
});
export type PersonUpdate = z.infer<typeof personUpdate>;

export const workerList = z.object({
  items: z.array(z.object({ id: z.uuid(), displayName: z.string(), orgUnitId: z.uuid(), orgUnitName: z.string(), roles: z.array(z.string()) })),
});

export const personView = z.object({
  id: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  name: z.string(),
  formerNames: z.array(z.string()),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  age: z.number().int(),
  ethnicity: z.string().nullable(),
  nationality: z.string(),
  idType: z.string(),
  /** Masked (1101**********1234); the full value only through the unmask route. */
  idNumber: z.string(),
  phone: z.string().nullable(),
  registeredAddress: z.string().nullable(),
  residenceAddress: z.string().nullable(),
  livesAwayFromRegistration: z.boolean(),
  education: z.string().nullable(),
  maritalStatus: z.string().nullable(),
  employmentStatus: z.string().nullable(),
  employer: z.string().nullable(),
  occupation: z.string().nullable(),
  drugTypes: z.array(z.string()),
  useMethods: z.array(z.string()),
  firstUseDate: z.string().nullable(),
  /** Phones and addresses of contacts are masked here too. */
  familyContacts: z.array(familyContact.extend({ phone: z.string().optional(), address: z.string().optional() })),
  riskLevel: z.enum(['high', 'medium', 'low']).nullable(),
  status: z.string(),
  currentMeasureKind: z.string().nullable(),
  responsibleWorkerId: z.uuid().nullable(),
  responsibleWorkerName: z.string().nullable(),
  workTeam: z.array(workTeamMember),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PersonView = z.infer<typeof personView>;

export const personListItem = personView.pick({
  id: true,
  name: true,
  sex: true,
  birthDate: true,
  age: true,
  idNumber: true,
  status: true,
  currentMeasureKind: true,
  riskLevel: true,
  orgUnitId: true,
  orgUnitName: true,
  responsibleWorkerId: true,
  responsibleWorkerName: true,
  updatedAt: true,
});
export const personList = z.object({ items: z.array(personListItem), total: z.number().int() });

export const personSort = z.enum(['name', 'updated_at', 'birth_date', 'status', 'risk_level']);
export const personListQuery = z.object({
  /** Name, pinyin or its initials (zs → 张三), last four of the ID number, or a whole ID number. */
  q: z.string().trim().max(40).optional(),
  status: z.string().trim().max(40).optional(),
  measureKind: z.string().trim().max(40).optional(),
  riskLevel: z.enum(['high', 'medium', 'low']).optional(),
  orgUnitId: z.uuid().optional(),
  workerId: z.uuid().optional(),
  sort: personSort.default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0),
});
export type PersonListQuery = z.infer<typeof personListQuery>;

export const unmaskBody = z.object({ purpose: z.string().trim().min(2).max(200) });
export const unmaskedView = z.object({
  idNumber: z.string(),
  phone: z.string().nullable(),
  registeredAddress: z.string().nullable(),
  residenceAddress: z.string().nullable(),
  familyContacts: z.array(familyContact),
});

export const existsQuery = z.object({ idNumber: z.string().trim().min(5).max(30), idType: code.default('resident_id') });
export const existsResponse = z.object({
  exists: z.boolean(),
  /**
   * Nothing of the file's content (one person, one file): the unit holding it when it is in the
   * asker's area, else the street holding it, where a transfer is requested (C7).
   */
  holderUnitName: z.string().nullable(),
  /** Only when the file lies in the asker's own area. */
  personId: z.uuid().nullable(),
});

export const assignmentBody = z.object({
  orgUnitId: z.uuid(),
  workerId: z.uuid().nullable().optional(),
  workTeam: z.array(workTeamMember).max(20).optional(),
  reason: z.string().trim().min(2).max(200),
});
export const returnToStreetBody = z.object({ reason: z.string().trim().min(2).max(200) });

export const timelineKinds = ['person', 'measure', 'status', 'document', 'assignment', 'record', 'leave', 'notice', 'assistance', 'transfer'] as const;
export type TimelineKind = (typeof timelineKinds)[number];
export const timelineEntry = z.object({
  at: z.string(),
  /** The fact's date (the visit's day, the decision's day); the timeline is ordered by it, then by `at` (9.20). */
  date: z.string(),
  kind: z.enum(timelineKinds),
  title: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }),
  detail: z.string().nullable(),
  refId: z.string().nullable(),
});
/** One page of the timeline; `nextCursor` fetches the next (null: nothing older). */
export const timeline = z.object({ items: z.array(timelineEntry), nextCursor: z.string().nullable() });
export const TIMELINE_PAGE_MAX = 200;
/** Page and filter: `kinds` is a comma-separated list of kinds (none: all). */
export const timelineQuery = z.object({
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(TIMELINE_PAGE_MAX).default(50),
  kinds: z
    .string()
    .max(200)
    .optional()
    .transform((v) => (v ? [...new Set(v.split(','))] : undefined))
    .pipe(z.array(z.enum(timelineKinds)).min(1).optional()),
});
/** What a cursor decodes to: [fact date, entry instant, tie order, key]. */
export const timelineCursor = z.tuple([isoDate, z.iso.datetime(), z.number().int().min(0).max(99), z.string().min(1).max(200)]);
