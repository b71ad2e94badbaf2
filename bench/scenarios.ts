import { sql } from 'drizzle-orm';
import type { Database } from '../server/db/client';
import type { Services } from '../server/app';
import * as personQueries from '../server/modules/persons/queries';
import * as orgQueries from '../server/modules/org/queries';
import * as userQueries from '../server/modules/users/queries';
import { runLoad, timeSerial, type LoadResult } from './lib/load';
import type { HttpSession } from './lib/session';

export interface BenchContext {
  baseUrl: string;
  officer: string;
  officerUnit: string;
  worker: string;
  workerId: string;
  district: string;
  staffPassword: string;
  samplePersons: { id: string; name: string; name_initials: string; id_last4: string }[];
  http(username: string): Promise<HttpSession>;
}

export interface Scenario {
  name: string;
  description: string;
  /** The bare SQL behind the scenario, timed in-process (phase 1). */
  sql?(ctx: Omit<BenchContext, 'http' | 'baseUrl'> & { database: Database; services: Services }): Promise<LoadResult>;
  /** The API, over HTTP against the running server (phase 2). */
  api(ctx: BenchContext): Promise<LoadResult>;
}

async function officerPath(database: Database, unitId: string): Promise<string> {
  return (await orgQueries.byId(database.db, unitId))!.path;
}

const get = async (s: HttpSession, path: string) => {
  const r = await s.call('GET', path);
  if (r.status !== 200) throw new Error(`${path} → ${r.status}`);
  return r.json;
};

export const scenarios: Scenario[] = [
  {
    name: 'sign_in',
    description: 'POST /api/auth/login (argon2id verify, session row, audit row), sequential',
    sql: ({ database, officer }) => timeSerial(200, () => userQueries.userByUsername(database.db, officer)),
    async api({ baseUrl, officer, staffPassword }) {
      const { HttpSession } = await import('./lib/session');
      const passwords = [staffPassword.replace('2026', '2027'), staffPassword];
      return timeSerial(30, async () => {
        const s = new HttpSession(baseUrl);
        let r = await s.call('POST', '/api/auth/login', { username: officer, password: passwords[0] });
        if (r.status !== 200) r = await s.call('POST', '/api/auth/login', { username: officer, password: passwords[1] });
        if (r.status !== 200) throw new Error(`login ${r.status}`);
      });
    },
  },
  {
    name: 'person_search',
    description: "GET /api/persons?q=… by pinyin initials and by ID last four, a street officer's scope (audited search)",
    async sql({ database, officerUnit, samplePersons }) {
      const scope = [await officerPath(database, officerUnit)];
      return timeSerial(100, (i) => {
        const p = samplePersons[i % samplePersons.length]!;
        const text = i % 2 ? { kind: 'letters' as const, value: p.name_initials } : { kind: 'last4' as const, value: p.id_last4 };
        return personQueries.list(database.db, { scope, text, sort: 'name', order: 'asc' }, 20, 0);
      });
    },
    async api({ http, officer, samplePersons }) {
      const s = await http(officer);
      return timeSerial(100, (i) => {
        const p = samplePersons[i % samplePersons.length]!;
        return get(s, `/api/persons?q=${encodeURIComponent(i % 2 ? p.name_initials : p.id_last4)}`);
      });
    },
  },
  {
    name: 'person_page',
    description: 'GET /api/persons/:id + its measures + timeline (three calls the person page makes; reads audited)',
    async sql({ database, samplePersons, services }) {
      return timeSerial(100, async (i) => {
        const id = samplePersons[i % samplePersons.length]!.id;
        await personQueries.byId(database.db, id);
        await services.measures.ofPerson(database.db, id);
        await services.measures.eventsOfPerson(database.db, id);
      });
    },
    async api({ http, officer, samplePersons }) {
      const s = await http(officer);
      return timeSerial(100, async (i) => {
        const id = samplePersons[i % samplePersons.length]!.id;
        await get(s, `/api/persons/${id}`);
        await get(s, `/api/persons/${id}/measures`);
        await get(s, `/api/persons/${id}/timeline`);
      });
    },
  },
  {
    name: 'authenticated_read_under_load',
    description: 'GET /api/org-units as a street officer, 50 keep-alive connections for 10 s',
    async sql({ database, officerUnit }) {
      const scope = [await officerPath(database, officerUnit)];
      return timeSerial(300, async () => {
        await database.db.execute(sql`select 1`);
        await orgQueries.listUnder(database.db, scope);
      });
    },
    async api({ http, officer, baseUrl }) {
      const s = await http(officer);
      const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
      const seconds = Number(process.env.BENCH_SECONDS ?? 10);
      await runLoad({ baseUrl, path: '/api/org-units', headers: { cookie: s.cookie }, connections, seconds: 2 });
      return runLoad({ baseUrl, path: '/api/org-units', headers: { cookie: s.cookie }, connections, seconds });
    },
  },
];
