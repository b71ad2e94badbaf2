// What the users module publishes for other modules' SQL: the display name of an account,
// joined where a list shows who recorded, delivered or acknowledged something. No password,
// second factor or lock state leaves this module.
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { users } from './schema';

const qb = new QueryBuilder();

/** An account as other modules may join it (`name` is the alias: "recorder", "worker", …). */
export const userRef = (name: string) => qb.select({ id: users.id, displayName: users.displayName }).from(users).as(name);
