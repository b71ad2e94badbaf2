import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { DataCipher } from '../../lib/data-key';
import { systemSettings } from './schema';

export async function getSetting<T>(exec: Executor, key: string): Promise<T | undefined> {
  const r = await exec.select().from(systemSettings).where(eq(systemSettings.key, key));
  return r[0]?.value as T | undefined;
}

export async function setSetting(exec: Executor, key: string, value: unknown): Promise<void> {
  await exec
    .insert(systemSettings)
    .values({ key, value })
    .onConflictDoUpdate({ target: systemSettings.key, set: { value, updatedAt: sql`now()` } });
}

/** A demo database says so; the UI then marks every page as demo data. */
export const isDemoDatabase = async (exec: Executor) => (await getSetting<boolean>(exec, 'demo')) === true;

const KEY_CHECK = 'data_key_check';

/**
 * The data key (SUNFLOWER_DATA_KEY, or the key file in DATA_DIR) must be the one the database
 * was written with. A server started with another key — easy on PostgreSQL, where the key file
 * lives apart from the data — would fail every read of a person and, worse, write new rows no
 * one could read with the right key. The first start stores a keyed hash of a constant; every
 * later start compares. Throws on a mismatch.
 */
export async function verifyDataKey(
  exec: Executor,
  cipher: Pick<DataCipher, 'blindIndex' | 'decrypt'>,
  sample: () => Promise<string | null> = async () => null,
): Promise<'stored' | 'verified'> {
  const expected = cipher.blindIndex('sunflower', 'system.data_key_check');
  let stored = await getSetting<string>(exec, KEY_CHECK);
  let outcome: 'stored' | 'verified' = 'verified';
  if (stored === undefined) {
    // A database written before this check: the key must at least open what is there.
    const existing = await sample();
    if (existing !== null) {
      try {
        cipher.decrypt(existing);
      } catch {
        throw mismatch();
      }
    }
    await exec.insert(systemSettings).values({ key: KEY_CHECK, value: expected }).onConflictDoNothing();
    // Read back: of two instances starting at once with different keys, the second is refused.
    stored = await getSetting<string>(exec, KEY_CHECK);
    outcome = 'stored';
  }
  if (stored !== expected) throw mismatch();
  return outcome;
}

const mismatch = () =>
  new Error(
    'The data key (SUNFLOWER_DATA_KEY, or data.key in DATA_DIR) is not the one this database was written with: ' + 'refusing to start. Use the key the database was created with.',
  );
