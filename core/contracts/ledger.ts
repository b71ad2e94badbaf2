import { z } from 'zod';
import { localized, MAX_OFFSET } from './common';
import { personListQuery } from './persons';

/**
 * The ledger (台账) columns, in their fixed order. An uploaded file's header row must be exactly
 * this list; the template and the export use it too.
 */
export const ledgerHeaders = [
  '姓名',
  '曾用名',
  '证件类型',
  '证件号码',
  '性别',
  '出生日期',
  '民族',
  '国籍',
  '联系电话',
  '户籍地址',
  '现居住地址',
  '文化程度',
  '婚姻状况',
  '就业状况',
  '工作单位',
  '职业',
  '滥用毒品种类',
  '吸毒方式',
  '初次吸毒日期',
  '风险等级',
  '所属社区',
] as const;
export type LedgerHeader = (typeof ledgerHeaders)[number];

/** At most this many data rows per file; more and the whole file is refused. */
export const ledgerMaxRows = 50_000;
/** Uploads larger than this are refused before they are read. */
export const ledgerMaxBytes = 20 * 1024 * 1024;

/**
 * `POST /api/persons/import` is multipart/form-data: `file` (.xlsx, or .csv in UTF-8 or GBK) and
 * `orgUnitId`, the unit new files go to unless a row names a community. Documented here for
 * the API description; the route reads the parts itself.
 */
export const importUploadBody = z.object({
  file: z.string().meta({ format: 'binary', description: ".xlsx (the template's layout) or .csv in UTF-8 or GBK, at most 20 MB and 50,000 rows" }),
  orgUnitId: z.uuid().meta({ description: 'The street, community or grid new files go to unless a row names a community' }),
});
/** The form fields besides the file, as the route validates them. */
export const importFields = z.object({ orgUnitId: z.uuid() });

export const importJobStatus = z.enum(['queued', 'running', 'done', 'failed']);
export const importOutcome = z.enum(['imported', 'updated', 'unchanged', 'rejected']);
export type ImportOutcome = z.infer<typeof importOutcome>;

export const importAccepted = z.object({ jobId: z.uuid(), status: importJobStatus });

/** Why a row (or one cell of it) was refused. `column` is the Chinese header, or null for the whole row. */
export const importReason = z.object({ column: z.string().nullable(), code: z.string(), message: localized });
export type ImportReason = z.infer<typeof importReason>;

export const importReportRow = z.object({
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: z.number().int(),
  idNumberMasked: z.string(),
  name: z.string(),
  outcome: importOutcome,
  reasons: z.array(importReason),
  /** Cells read through an alias or another spelling of a dictionary value (中专 → 中等职业教育), said so (9.19). */
  notes: z.array(importReason).optional(),
});
export type ImportReportRow = z.infer<typeof importReportRow>;

export const importCounts = z.object({
  total: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
});

export const importJobQuery = z.object({
  /** Only the report rows with this outcome (e.g. rejected, to show what to fix). */
  outcome: importOutcome.optional(),
  /** Only the rows with a note (a value read through an alias or another spelling, 9.19). */
  noted: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0),
});
export const importJobParams = z.object({ jobId: z.uuid() });

export const importJobView = z.object({
  id: z.uuid(),
  fileName: z.string(),
  orgUnitId: z.uuid(),
  userId: z.uuid(),
  status: importJobStatus,
  /** Data rows in the file (0 until it has been read). */
  total: z.number().int(),
  /** Rows decided so far (written or rejected), for the progress bar. */
  processed: z.number().int(),
  /** processed / total, 0 … 1. */
  progress: z.number(),
  counts: importCounts,
  /** Why the whole job failed (too many rows, interrupted, …); rows written before stay written. */
  error: z.object({ code: z.string(), message: localized }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The row report, filtered and paged by the query; null while the job runs. */
  report: z.object({ rows: z.array(importReportRow), total: z.number().int() }).nullable(),
});
export type ImportJobView = z.infer<typeof importJobView>;

/** The list filters of `GET /api/persons` (without paging), and whether to export clear identifiers. */
export const exportQuery = personListQuery.omit({ limit: true, offset: true }).extend({
  /** Clear ID numbers, phones and addresses: needs person.pii.read and a purpose; audited as such. */
  unmasked: z.enum(['true', 'false']).default('false'),
  purpose: z.string().trim().min(2).max(200).optional(),
});
export type ExportQuery = z.infer<typeof exportQuery>;
