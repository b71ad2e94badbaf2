import { pgTable, uuid, text, integer, boolean, timestamp, date, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { orgUnits } from '../org/schema';
import { users } from '../users/schema';

export const riskLevels = ['high', 'medium', 'low'] as const;

/**
 * One row per person: the file (一人一档). ID number, phone, addresses and family contacts are
 * encrypted (RULES P6); `id_number_hash` is a keyed hash (blind index) that makes the ID number
 * unique across the whole system (one person, one file) and exactly searchable, and
 * `id_last4_index` one of its last four characters (search by 尾号). Which fields are clear,
 * blind-indexed or encrypted, and why: docs/data-protection.md.
 */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    name: text('name').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    formerNames: text('former_names')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sex: text('sex', { enum: ['male', 'female'] }).notNull(),
    birthDate: date('birth_date').notNull(),
    ethnicity: text('ethnicity'),
    nationality: text('nationality').notNull().default('CHN'),
    idType: text('id_type').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    /**
     * Keyed hash of the last four characters: never in clear, since name, birth date and the
     * last four with the registered area rebuild the whole number. Null only until the start's
     * backfill has reached a row written before the column existed.
     */
    idLast4Index: text('id_last4_index'),
    phoneEnc: text('phone_enc'),
    registeredAddressEnc: text('registered_address_enc'),
    residenceAddressEnc: text('residence_address_enc'),
    livesAwayFromRegistration: boolean('lives_away_from_registration').notNull().default(false),
    education: text('education'),
    maritalStatus: text('marital_status'),
    employmentStatus: text('employment_status'),
    employer: text('employer'),
    occupation: text('occupation'),
    drugTypes: text('drug_types')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    useMethods: text('use_methods')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    firstUseDate: date('first_use_date'),
    familyContactsEnc: text('family_contacts_enc'),
    riskLevel: text('risk_level', { enum: riskLevels }),
    /** Derived from the measures (never typed in); kept here so lists can filter on it. */
    status: text('status').notNull().default('no_active_measure'),
    currentMeasureKind: text('current_measure_kind'),
    responsibleWorkerId: uuid('responsible_worker_id').references(() => users.id),
    workTeam: jsonb('work_team')
      .notNull()
      .default(sql`'[]'::jsonb`),
    sealed: boolean('sealed').notNull().default(false),
    /** Keyed hash of the file's content as last written, so a re-imported ledger row that changes nothing is seen as unchanged. */
    contentHash: text('content_hash').notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('persons_id_hash_idx').on(t.idNumberHash),
    index('persons_org_idx').on(t.orgUnitId),
    index('persons_initials_idx').using('btree', t.nameInitials.op('text_pattern_ops')),
    index('persons_pinyin_idx').using('btree', t.namePinyin.op('text_pattern_ops')),
    index('persons_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('persons_last4_index_idx').on(t.idLast4Index),
    index('persons_worker_idx').on(t.responsibleWorkerId),
    index('persons_status_idx').on(t.status),
  ],
);

/** Every assignment and re-assignment, with who, when and why (rule C3). */
export const assignments = pgTable(
  'person_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind', { enum: ['assign', 'reassign', 'return_to_street', 'transfer'] }).notNull(),
    fromOrgUnitId: uuid('from_org_unit_id'),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    workerId: uuid('worker_id').references(() => users.id),
    workTeam: jsonb('work_team')
      .notNull()
      .default(sql`'[]'::jsonb`),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assignments_person_idx').on(t.personId, t.at)],
);
