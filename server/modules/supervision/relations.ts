// What the supervision module publishes for other modules' SQL (issue 15: the indicators read
// supervision facts for a whole subtree at once, joined to the person's unit, so they join these
// projections instead of calling the service per person). Clear columns only, live rows only:
// a voided record, a withdrawn notice or a correction notice is not a fact the indicators count.
import { and, isNull, sql } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { policeNotices, supervisionRecords, supervisionStatus, supervisionTasks } from './schema';

const qb = new QueryBuilder();

/** The stored schedule (tasks): kind, due date, state and the record that resolved it. */
export const taskRef = (name = 'tasks') =>
  qb
    .select({
      personId: supervisionTasks.personId,
      kind: supervisionTasks.kind,
      dueDate: supervisionTasks.dueDate,
      state: supervisionTasks.state,
      recordId: supervisionTasks.recordId,
    })
    .from(supervisionTasks)
    .as(name);

/**
 * Live records with what the indicators ask of them: met in person (C11: check-ins and tests
 * are in person; visits, follow-ups and talks when the contact mode says so), a visit (F3), a
 * positive test (T3).
 */
export const recordFactRef = (name = 'record_facts') =>
  qb
    .select({
      id: supervisionRecords.id,
      personId: supervisionRecords.personId,
      date: supervisionRecords.date,
      inPerson: sql<boolean>`(${supervisionRecords.kind} in ('check_in', 'drug_test') or ${supervisionRecords.contactMode} = 'in_person')`.as('in_person'),
      visit: sql<boolean>`(${supervisionRecords.kind} in ('visit', 'follow_up', 'grid_visit'))`.as('visit'),
      positive: sql<boolean>`(${supervisionRecords.kind} = 'drug_test' and ${supervisionRecords.result} = 'positive')`.as('positive'),
    })
    .from(supervisionRecords)
    .where(isNull(supervisionRecords.voidedAt))
    .as(name);

/** Standing notices (not withdrawn, not corrections): relapse (C6) and lost contact (C11) with their fact date. */
export const noticeFactRef = (name = 'notice_facts') =>
  qb
    .select({ personId: policeNotices.personId, reason: policeNotices.reason, factDate: policeNotices.factDate })
    .from(policeNotices)
    .where(and(isNull(policeNotices.withdrawnAt), sql`${policeNotices.kind} = 'notice'`))
    .as(name);

/** The current lost-contact check (C11) per person. */
export const statusRef = (name = 'supervision_state') =>
  qb.select({ personId: supervisionStatus.personId, lostContact: supervisionStatus.lostContact }).from(supervisionStatus).as(name);
