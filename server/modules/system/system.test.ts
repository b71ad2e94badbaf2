import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, ADMIN_PASSWORD, testDbKinds } from '../../test/harness';
import { createServices } from '../../app';
import { bootstrap } from '../../bootstrap';
import { loadConfig } from '../../config';
import { fixedClock } from '../../clock';
import { createCipher } from '../../lib/data-key';
import type { Database } from '../../db/client';
import { verifyDataKey } from './service';
import { sql } from 'drizzle-orm';

describe.each(testDbKinds())('the data key belongs to its database (%s)', (kind) => {
  let database: Database;
  let scratch: string;
  let config: ReturnType<typeof loadConfig>;
  const clock = fixedClock(new Date('2026-11-22T02:00:00Z'));
  const keyA = createCipher(crypto.randomBytes(32));
  const keyB = createCipher(crypto.randomBytes(32));
  const services = (cipher: typeof keyA) => createServices({ database, config, clock, cipher });

  // A database and a data dir (the audit head file) of its own per test: the stored key check is
  // exactly what these tests are about, so none may inherit another's.
  beforeEach(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-test-'));
    config = loadConfig({ SUNFLOWER_LOG_LEVEL: 'silent', DATA_DIR: scratch });
    database = await freshDatabase(kind);
  });
  afterEach(async () => {
    await database.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('the first start stores a check of its key, later starts with the same key pass', async () => {
    expect((await bootstrap(services(keyA), { adminPassword: ADMIN_PASSWORD })).createdAdmin).toBe(true);
    expect(await verifyDataKey(database.db, keyA)).toBe('verified');
    expect((await bootstrap(services(keyA), { adminPassword: ADMIN_PASSWORD })).createdAdmin).toBe(false);
  });

  it('a start with another key is refused before anything is read or written', async () => {
    await bootstrap(services(keyA), { adminPassword: ADMIN_PASSWORD });
    await expect(bootstrap(services(keyB), { adminPassword: ADMIN_PASSWORD })).rejects.toThrow(/not the one this database was written with/);
    // The right key still works afterwards: the refusal changed nothing.
    expect(await verifyDataKey(database.db, keyA)).toBe('verified');
  });

  it('a database written before the check is opened only by a key that reads what is in it', async () => {
    await database.db.execute(sql`delete from system_settings where key = 'data_key_check'`);
    const written = keyA.encrypt('110101199001011234');
    await expect(verifyDataKey(database.db, keyB, async () => written)).rejects.toThrow(/not the one this database was written with/);
    expect(await verifyDataKey(database.db, keyA, async () => written)).toBe('stored');
    expect(await verifyDataKey(database.db, keyA)).toBe('verified');
  });
});
