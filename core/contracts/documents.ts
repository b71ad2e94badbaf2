import { z } from 'zod';

// Documents (文书) of a person's measures: the kinds, their structured fields, the views.

/** The kinds of document; their labels are in core/labels. */
export const documentKindCodes = ['decision', 'agreement', 'release_notice', 'warning_letter', 'handover_receipt', 'report_receipt', 'other'] as const;
export type DocumentKind = (typeof documentKindCodes)[number];
export const documentKind = z.enum(documentKindCodes);

/** The file types accepted, told apart by their bytes (never by the name). */
export const documentFileTypes = {
  pdf: { mimeType: 'application/pdf', extensions: ['.pdf'] },
  png: { mimeType: 'image/png', extensions: ['.png'] },
  jpeg: { mimeType: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
} as const;
export type DocumentFileType = keyof typeof documentFileTypes;
export const DEFAULT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

/** Structured fields per kind. Dates are ISO (YYYY-MM-DD); the server refuses dates in the future. */
export const documentFields = {
  decision: z.strictObject({ documentNumber: text(60), issuedOn: isoDate, issuingAuthority: text(100) }),
  agreement: z.strictObject({ signedOn: isoDate, parties: z.array(text(100)).max(10).optional() }),
  release_notice: z.strictObject({ documentNumber: text(60), issuedOn: isoDate }),
  warning_letter: z.strictObject({ issuedOn: isoDate, reason: text(500) }),
  handover_receipt: z.strictObject({ handedOverOn: isoDate, fromUnit: text(100), toUnit: text(100) }),
  report_receipt: z.strictObject({ reportedOn: isoDate, receivedBy: text(60).optional() }),
  other: z.strictObject({ description: text(500) }),
} as const satisfies Record<DocumentKind, z.ZodType>;

/** The date fields of each kind, which may not lie in the future. */
export const documentDateFields: Record<DocumentKind, string[]> = {
  decision: ['issuedOn'],
  agreement: ['signedOn'],
  release_notice: ['issuedOn'],
  warning_letter: ['issuedOn'],
  handover_receipt: ['handedOverOn'],
  report_receipt: ['reportedOn'],
  other: [],
};

const metaOf = <K extends DocumentKind>(kind: K) =>
  z.strictObject({
    kind: z.literal(kind),
    measureId: z.uuid().optional(),
    title: text(200).optional(),
    fields: documentFields[kind],
  });

/** The `meta` part of an upload (a JSON text field next to the `file` part). */
export const documentMeta = z.discriminatedUnion('kind', [
  metaOf('decision'),
  metaOf('agreement'),
  metaOf('release_notice'),
  metaOf('warning_letter'),
  metaOf('handover_receipt'),
  metaOf('report_receipt'),
  metaOf('other'),
]);
export type DocumentMeta = z.infer<typeof documentMeta>;

export const documentView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  measureId: z.uuid().nullable(),
  kind: documentKind,
  title: z.string(),
  fields: z.record(z.string(), z.unknown()),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.uuid().nullable(),
  uploadedByName: z.string().nullable(),
  createdAt: z.string(),
  /** A withdrawn document stays on file (legal record) but no longer counts for the checklist. */
  status: z.enum(['valid', 'withdrawn']),
  withdrawnAt: z.string().nullable(),
  withdrawnBy: z.uuid().nullable(),
  withdrawnByName: z.string().nullable(),
  withdrawReason: z.string().nullable(),
});
export type DocumentView = z.infer<typeof documentView>;

export const documentList = z.object({ items: z.array(documentView), total: z.number().int() });
export const documentListQuery = z.object({
  measureId: z.uuid().optional(),
  includeWithdrawn: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
export const personDocumentsParams = z.object({ personId: z.uuid() });
export const measureParams = z.object({ measureId: z.uuid() });
export const withdrawBody = z.object({ reason: z.string().trim().min(2).max(500) });

export const checklistItem = z.object({
  kind: documentKind,
  required: z.boolean(),
  present: z.boolean(),
  /** Valid (not withdrawn) documents of this kind attached to the measure. */
  documentIds: z.array(z.uuid()),
});
export const checklistView = z.object({
  measureId: z.uuid(),
  personId: z.uuid(),
  measureKind: z.string(),
  measureStatus: z.string(),
  /** Every required document is present. */
  complete: z.boolean(),
  /** Required kinds first, in a fixed order; then kinds on file that are not required. */
  items: z.array(checklistItem),
});
export type ChecklistView = z.infer<typeof checklistView>;
