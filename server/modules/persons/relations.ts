// What the persons module publishes for other modules' SQL. A list of tasks, notices or leave
// must filter by the person's unit and sort by his name in the database (keyset and offset
// pages, counts), so other modules join this projection instead of calling the service per
// row. It holds the clear, non-identifying columns only: the encrypted ones (ID number, phone,
// addresses, family) never leave this module undecrypted; those go through the service.
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
