import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
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
