import { pgTable, uuid, text, integer, boolean, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const orgLevels = ['city', 'district', 'street', 'community', 'grid'] as const;
export type OrgLevel = (typeof orgLevels)[number];

// The org tree as a materialized path ('/<id>/<id>/'), so "this unit and everything below it"
// is one indexed prefix query (`path LIKE '/a/b/%'`) on both PGlite and PostgreSQL, no extension.
export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id'),
    level: text('level', { enum: orgLevels }).notNull(),
    name: text('name').notNull(),
    code: text('code'),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('org_units_path_idx').using('btree', t.path.op('text_pattern_ops')),
    index('org_units_parent_idx').on(t.parentId),
    uniqueIndex('org_units_sibling_name_idx').on(sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.name),
  ],
);
