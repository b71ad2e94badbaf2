import { pgTable, uuid, text, integer, timestamp, jsonb, index } from 'drizzle-orm/pg-core';
import { persons } from '../persons/schema';
import { measures } from '../measures/schema';

/**
 * Uploaded documents (决定书, 协议, …). The bytes live outside any public path under
 * DATA_DIR/files, named by id; they are served only through an authorized, audited route.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => persons.id),
    measureId: uuid('measure_id').references(() => measures.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    fields: jsonb('fields').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('documents_person_idx').on(t.personId), index('documents_measure_idx').on(t.measureId)],
);
