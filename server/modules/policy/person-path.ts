import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { persons } from '../persons/schema';
import { orgUnits } from '../org/schema';

/** The org path of a person's current unit (the policy follows the person, like the tasks). */
export async function personOrgPath(exec: Executor, personId: string): Promise<string | null> {
  const r = await exec
    .select({ path: orgUnits.path })
    .from(persons)
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(eq(persons.id, personId));
  return r[0]?.path ?? null;
}
