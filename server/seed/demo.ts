import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../db/client';
import { isDemoDatabase } from '../modules/system/service';

/** Every account of a demo city signs in with this (printed at start; never a real deployment). */
export const DEMO_PASSWORD = 'Demo#Sunflower2026';

/**
 * Whether `npm run demo` may use this database: 'empty' (only the bootstrap administrator, no
 * person file) is filled with the demo city, 'demo' is one it filled before. Anything else
 * holds somebody's real work, and the demo refuses it rather than mixing synthetic persons in.
 */
export async function demoDatabaseState(db: Executor, where = 'This database'): Promise<'empty' | 'demo'> {
  if (await isDemoDatabase(db)) return 'demo';
  const [counts] = await rows<{ persons: number; users: number }>(
    db,
    sql`
    select (select count(*) from persons)::int as persons, (select count(*) from users)::int as users`,
  );
  if (Number(counts?.persons ?? 0) > 0 || Number(counts?.users ?? 0) > 1) {
    throw new Error(`${where} holds data that is not a demo city: refusing to run the demo on it.`);
  }
  return 'empty';
}
