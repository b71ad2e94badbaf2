// How long each refused sign-in takes: unknown username, wrong password, locked out (issue 9 §6:
// the three answer alike, in body and, about, in time). `npx tsx bench/sign-in-refusals.ts`
// (PGlite) or with DATABASE_URL=… (an empty PostgreSQL database). Prints JSON.
import os from 'node:os';
import { startServer } from './lib/server';
import { HttpSession } from './lib/session';

const ADMIN = 'Bench#Initial2026';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const server = await startServer({ SUNFLOWER_ADMIN_PASSWORD: ADMIN, SUNFLOWER_LOGIN_RATE_PER_MINUTE: '100000' });

async function timed(username: string, password: string): Promise<{ ms: number; status: number; body: string }> {
  const t0 = performance.now();
  const res = await fetch(`${server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = await res.text();
  return { ms: performance.now() - t0, status: res.status, body };
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const summary = (xs: number[]) => ({ p50: +quantile(xs, 0.5).toFixed(1), p95: +quantile(xs, 0.95).toFixed(1), mean: +(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1) });

try {
  const admin = new HttpSession(server.baseUrl);
  const totp = {};
  await admin.signIn('admin', ADMIN, 'Bench#Changed2026', totp);
  const root = (await admin.call('GET', '/api/org-units')).json.items[0].id;
  const make = async (username: string) =>
    (await admin.call('POST', '/api/users', { username, displayName: username, orgUnitId: root, password: 'Bench#Worker2026' })).json.user.id as string;
  const wrongId = await make('bench.wrong');
  await make('bench.locked');
  for (let i = 0; i < 5; i++) await timed('bench.locked', `Wrong#${i}`);
  const kinds = { unknown: [] as number[], wrongPassword: [] as number[], locked: [] as number[] };
  const bodies = new Set<string>();
  for (let i = 0; i < ROUNDS; i++) {
    // Four wrong passwords, then an unlock, so that this account never locks.
    if (i % 4 === 0) await admin.call('POST', `/api/users/${wrongId}/unlock`, {});
    const u = await timed(`bench.nobody${i}`, 'Bench#Worker2026');
    const w = await timed('bench.wrong', `Wrong#${i}`);
    const l = await timed('bench.locked', 'Bench#Worker2026');
    if (i >= 5) {
      kinds.unknown.push(u.ms);
      kinds.wrongPassword.push(w.ms);
      kinds.locked.push(l.ms);
    }
    for (const r of [u, w, l]) bodies.add(`${r.status} ${r.body}`);
  }
  console.log(
    JSON.stringify(
      {
        db: process.env.DATABASE_URL ? 'postgres' : 'pglite',
        machine: { cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
        rounds: ROUNDS - 5,
        distinctAnswers: bodies.size,
        msPerRefusal: { unknown: summary(kinds.unknown), wrongPassword: summary(kinds.wrongPassword), locked: summary(kinds.locked) },
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
}
