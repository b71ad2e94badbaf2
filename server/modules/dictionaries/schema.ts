import { pgTable, uuid, text, integer, boolean, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// Code lists (ethnicity, education, ID types, drug types, …) are data, seeded from the national
// standards and editable by administrators, never enums in code.
export const dictionaryEntries = pgTable(
  'dictionary_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** A grouping inside a kind, e.g. drug types: traditional / synthetic. */
    category: text('category'),
    /**
     * Other ways people write the value (中专 for 中等职业教育), matched by the ledger import
     * after width and bracket folding. Null until set: a seed fills only entries never edited.
     */
    aliases: text('aliases').array(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('dictionary_kind_code_idx').on(t.kind, t.code)],
);
