// Platform figures: cold start, memory after start, and an authenticated read under load.
// `npx tsx bench/foundation.ts` (PGlite) or with DATABASE_URL=… (PostgreSQL: an empty database, as it
// measures a first start; a used one has another data key and is refused). Prints JSON.
import os from 'node:os';
import { startServer } from './lib/server';
import { runLoad } from './lib/load';
import { HttpSession } from './lib/session';

const ADMIN = 'Bench#Initial2026';
const server = await startServer({ SUNFLOWER_ADMIN_PASSWORD: ADMIN, SUNFLOWER_LOGIN_RATE_PER_MINUTE: '1000' });
try {
  const rssAfterStart = server.rssMiB();
  const admin = new HttpSession(server.baseUrl);
  await admin.signIn('admin', ADMIN, 'Bench#Changed2026', {});
  const root = (await admin.call('GET', '/api/org-units')).json.items[0].id;
  const district = (await admin.call('POST', '/api/org-units', { parentId: root, level: 'district', name: `区${Date.now()}` })).json.id;
  const roles = (await admin.call('GET', '/api/roles')).json.items as { code: string; id: string }[];
  const user = (await admin.call('POST', '/api/users', { username: `bench${Date.now() % 100000}`, displayName: 'bench', orgUnitId: district })).json;
  await admin.call('POST', `/api/users/${user.user.id}/grants`, { roleId: roles.find((r) => r.code === 'officer')!.id, orgUnitId: district });
  const worker = new HttpSession(server.baseUrl);
  await worker.signIn(user.user.username, user.oneTimePassword, 'Bench#Worker2026', {});

  const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const warm = await runLoad({ baseUrl: server.baseUrl, path: '/api/org-units', headers: { cookie: worker.cookie }, connections, seconds: 2 });
  const load = await runLoad({ baseUrl: server.baseUrl, path: '/api/org-units', headers: { cookie: worker.cookie }, connections, seconds });
  console.log(
    JSON.stringify(
      {
        db: process.env.DATABASE_URL ? 'postgres' : 'pglite',
        machine: { cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
        coldStartMs: server.coldStartMs,
        rssAfterStartMiB: rssAfterStart,
        rssAfterLoadMiB: server.rssMiB(),
        authenticatedRead: { path: 'GET /api/org-units', connections, ...load },
        warmupRequests: warm.requests,
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
}
