// What the persons module publishes for other modules' SQL. A list of tasks, notices or leave
// must filter by the person's unit and sort by his name in the database (keyset and offset
// pages, counts), so other modules join this projection instead of calling the service per
// row. It holds the clear, non-identifying columns only: the encrypted ones (ID number, phone,
// addresses, family) never leave this module undecrypted; those go through the service.
import { eq, type AnyColumn, type SQL } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { persons } from './schema';

const qb = new QueryBuilder();

/** A person as other modules may join him (`name` is the alias in their SQL, "persons" unless two are joined). */
export const personRef = (name = 'persons') =>
  qb
    .select({
      id: persons.id,
      name: persons.name,
      namePinyin: persons.namePinyin,
      orgUnitId: persons.orgUnitId,
      responsibleWorkerId: persons.responsibleWorkerId,
      sealed: persons.sealed,
    })
    .from(persons)
    .as(name);

/**
 * The one test of an open file (P4, P5): every list, search, 今日待办, export, ledger read and
 * indicator drill-down over persons applies it, on `persons` or on a `personRef` join alike, so
 * a sealed file vanishes from all of them at once. Reaching a sealed file goes through an
 * opening with a purpose (sealing module), never through a list.
 */
export const openFile = (p: { sealed: AnyColumn }): SQL => eq(p.sealed, false);

/** The same test for a row already read (a person's context, a row of the file). */
export const isOpenFile = (p: { sealed: boolean }): boolean => !p.sealed;
