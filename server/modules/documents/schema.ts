import { pgTable, uuid, text, integer, timestamp, jsonb, index } from 'drizzle-orm/pg-core';
import { persons } from '../persons/schema';
import { measures } from '../measures/schema';

/**
 * Uploaded documents (决定书, 协议, …). The bytes live outside any public path under
 * DATA_DIR/files/<storageKey> (encrypted); they are served only through an authorized, audited route.
 * Legal documents are never deleted: a wrong one is withdrawn (with who, when and why) and kept.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    measureId: uuid('measure_id').references(() => measures.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    fields: jsonb('fields').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    /** SHA-256 of the clear bytes, hex. */
    sha256: text('sha256').notNull(),
    /** Where the bytes are, relative to the files directory: `<yyyy>/<mm>/<id>`. */
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by'),
    withdrawReason: text('withdraw_reason'),
  },
  (t) => [index('documents_person_idx').on(t.personId), index('documents_measure_idx').on(t.measureId)],
);

/**
 * Documents of a unit rather than of a person (issue 15: an expense's receipt, the evidence of
 * a station's 七有 item). Stored like the person's documents (encrypted, outside any served
 * path); the module that asks for one checks its own scope first.
 */
export const unitDocuments = pgTable(
  'unit_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id').notNull(),
    /** receipt | station_evidence */
    purpose: text('purpose').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('unit_documents_org_idx').on(t.orgUnitId)],
);
