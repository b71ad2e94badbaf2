import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openPglite, rows, currentMigration } from './client';

describe('PGlite data directory', () => {
  it('refuses a second open of the same data dir while the first holds it, and keeps data across restarts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-lock-'));
    const first = await openPglite(dir);
    await first.db.execute(sql`create table kept (v text)`);
    await first.db.execute(sql`insert into kept values ('still here')`);
    await expect(openPglite(dir)).rejects.toThrow(/in use by process/);
    await first.close();
    expect(fs.existsSync(path.join(dir, 'sunflower.lock'))).toBe(false);
    const second = await openPglite(dir);
    expect((await rows<{ v: string }>(second.db, sql`select v from kept`))[0]!.v).toBe('still here');
    expect(await currentMigration(second.db)).not.toBeNull();
    await second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-lock-'));
    fs.writeFileSync(path.join(dir, 'sunflower.lock'), '999999');
    const db = await openPglite(dir);
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
