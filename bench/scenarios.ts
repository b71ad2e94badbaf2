import { sql } from 'drizzle-orm';
import type { Database } from '../server/db/client';
import type { Services } from '../server/app';
import * as personQueries from '../server/modules/persons/queries';
import * as orgQueries from '../server/modules/org/queries';
import * as userQueries from '../server/modules/users/queries';
import * as preventionQueries from '../server/modules/prevention/queries';
import { addDays } from '../core/rules/dates';
import { runLoad, timeSerial, type LoadResult } from './lib/load';
import type { HttpSession } from './lib/session';
import { ledgerRow, ledgerXlsx, multipartBody } from '../server/test/ledger-files';
import { idNumberCheckChar } from '../core/rules/id-number';

export interface BenchContext {
  baseUrl: string;
  officer: string;
  officerUnit: string;
  worker: string;
  workerId: string;
  district: string;
  staffPassword: string;
  samplePersons: { id: string; name: string; name_initials: string; id_last4: string; id_last4_index: string }[];
  http(username: string): Promise<HttpSession>;
}

export interface Scenario {
  name: string;
  /** BENCH_ONLY accepts a group name too (`load`: every scenario under 50 connections). */
  group?: string;
  description: string;
  /** The bare SQL behind the scenario, timed in-process (phase 1). */
  sql?(ctx: Omit<BenchContext, 'http' | 'baseUrl'> & { database: Database; services: Services }): Promise<LoadResult>;
  /** The API, over HTTP against the running server (phase 2); absent for work without a route. */
  api?(ctx: BenchContext): Promise<LoadResult>;
  /** Extra figures (e.g. rows per second), filled by `api` or `sql`. */
  extra?: Record<string, unknown>;
}

async function officerPath(database: Database, unitId: string): Promise<string> {
  return (await orgQueries.byId(database.db, unitId))!.path;
}

const get = async (s: HttpSession, path: string) => {
  const r = await s.call('GET', path);
  if (r.status !== 200) throw new Error(`${path} → ${r.status}`);
  return r.json;
};

const once = async (fn: () => Promise<unknown>): Promise<LoadResult> => timeSerial(1, fn);

/** Ledger rows whose ID numbers (region 120101) cannot collide with the generated city (1101xx). */
function importRows(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const row = ledgerRow(i);
    const first17 = `120101${String(row['证件号码']).slice(6, 17)}`;
    return { ...row, 证件号码: first17 + idNumberCheckChar(first17) };
  });
}

const importScenario: Scenario = {
  name: 'ledger_import',
  description: 'POST /api/persons/import of a generated .xlsx (BENCH_IMPORT_ROWS, default 30,000 rows), polled to the end',
  extra: {},
  async api({ http, officer, officerUnit, baseUrl }) {
    const rowsWanted = Number(process.env.BENCH_IMPORT_ROWS ?? 30_000);
    const s = await http(officer);
    const file = await ledgerXlsx(importRows(rowsWanted));
    const { body, contentType } = multipartBody(
      { orgUnitId: officerUnit },
      { name: 'ledger.xlsx', data: file, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    );
    let counts: unknown = null;
    const result = await once(async () => {
      const res = await fetch(`${baseUrl}/api/persons/import`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType }, body });
      if (res.status !== 202) throw new Error(`import → ${res.status} ${await res.text()}`);
      const job = (await res.json()) as { jobId: string };
      for (;;) {
        await new Promise((r) => setTimeout(r, 500));
        const v = await get(s, `/api/persons/import/${job.jobId}?limit=1`);
        if (v.status === 'done' || v.status === 'failed') {
          counts = v.counts ?? v;
          return;
        }
      }
    });
    importScenario.extra = { rows: rowsWanted, fileMiB: Math.round((file.length / 2 ** 20) * 100) / 100, rowsPerSecond: Math.round(rowsWanted / result.seconds), counts };
    return result;
  },
};

const todayScenario = (audience: 'worker' | 'street'): Scenario => ({
  name: `today_${audience}`,
  description: audience === 'worker' ? "GET /api/today?scope=mine: a social worker's caseload (about 30 persons)" : 'GET /api/today?scope=unit for a whole street, as its officer',
  async sql({ database, services, officer, worker, officerUnit }) {
    // In-process service call: its SQL and mapping, without HTTP, sign-in, scope and audit.
    const actorName = audience === 'worker' ? worker : officer;
    const found = await userQueries.userByUsername(database.db, actorName);
    const grantsRows = await userQueries.grantsOf(database.db, found!.user.id);
    const actor = {
      userId: found!.user.id,
      username: actorName,
      displayName: actorName,
      orgUnitId: found!.user.orgUnitId,
      orgPath: found!.orgPath,
      sessionId: '',
      stage: 'active' as const,
      csrfToken: '',
      grants: grantsRows.map((g) => ({
        grantId: g.grant.id,
        roleCode: g.role.code,
        roleNameZh: g.role.nameZh,
        roleNameEn: g.role.nameEn,
        orgName: g.orgName,
        permissions: g.role.permissions,
        orgUnitId: g.grant.orgUnitId,
        orgPath: g.orgPath,
      })),
    };
    const query = audience === 'worker' ? { scope: 'mine' as const, overdueDays: 30, limit: 500 } : { scope: 'unit' as const, orgUnitId: officerUnit, overdueDays: 30, limit: 500 };
    const day = (services as unknown as { supervision: { today(ctx: unknown, q: unknown): Promise<unknown> } }).supervision;
    return timeSerial(30, () => day.today({ actor, ip: null, userAgent: 'bench' }, query));
  },
  async api({ http, officer, worker, officerUnit }) {
    const s = await http(audience === 'worker' ? worker : officer);
    const path = audience === 'worker' ? '/api/today?scope=mine' : `/api/today?scope=unit&orgUnitId=${officerUnit}`;
    return timeSerial(50, () => get(s, path));
  },
});

const recomputeScenario: Scenario = {
  name: 'schedule_recompute_all',
  description: 'Recompute the schedules (tasks) of every person under a community measure, in-process (a daily job; no route)',
  extra: {},
  async sql({ services }) {
    const sup = (services as unknown as { supervision: { recomputeAll(): Promise<Record<string, number>> } }).supervision;
    let detail: Record<string, number> = {};
    const first = await once(async () => (detail = await sup.recomputeAll()));
    const again = await once(() => sup.recomputeAll());
    recomputeScenario.extra = {
      first: detail,
      secondRunMs: again.p50,
      note:
        detail.tasksWritten === 0
          ? 'both runs find nothing to change (the generator ran the cold recompute: generation.supervision)'
          : 'the second run finds nothing to change (idempotent)',
    };
    return first;
  },
};

// ---------------------------------------------------------------------------------------------
// Load scenarios: each route under BENCH_CONNECTIONS (50) keep-alive connections for
// BENCH_SECONDS (10, after BENCH_WARMUP_SECONDS of warm-up), reported beside the unaudited read
// of the same run (GET /api/org-units) as a ratio. One row per route: add a row to measure another.
// ---------------------------------------------------------------------------------------------

interface LoadCase {
  name: string;
  description: string;
  /** Whose session sends the requests (one session, like one busy user per route). */
  as: 'officer' | 'worker';
  /** The n-th request's path. */
  path(ctx: BenchContext, n: number): string;
}

const samplePerson = (ctx: BenchContext, n: number) => ctx.samplePersons[n % ctx.samplePersons.length]!;

export const loadCases: LoadCase[] = [
  {
    name: 'load_person_page',
    description: "GET /api/persons/:id (the audited read of a person file) over 50 persons of the officer's street",
    as: 'officer',
    path: (ctx, n) => `/api/persons/${samplePerson(ctx, n).id}`,
  },
  {
    name: 'load_person_view_3_calls',
    description: 'the person page as the web made it before issue 11.2: file, measures, timeline in turn (a view is three requests)',
    as: 'officer',
    path: (ctx, n) => {
      const id = samplePerson(ctx, Math.floor(n / 3)).id;
      return [`/api/persons/${id}`, `/api/persons/${id}/measures`, `/api/persons/${id}/timeline`][n % 3]!;
    },
  },
  {
    name: 'load_person_view',
    description: "GET /api/persons/:id/page: the person page in one request (file, measures, the timeline's first page; one audit row)",
    as: 'officer',
    path: (ctx, n) => `/api/persons/${samplePerson(ctx, n).id}/page`,
  },
  {
    name: 'load_timeline',
    description: "GET /api/persons/:id/timeline (audited) over 50 persons of the officer's street",
    as: 'officer',
    path: (ctx, n) => `/api/persons/${samplePerson(ctx, n).id}/timeline`,
  },
  {
    name: 'load_today_worker',
    description: "GET /api/today?scope=mine: a social worker's day (caseload of about 30)",
    as: 'worker',
    path: () => '/api/today?scope=mine',
  },
  {
    name: 'load_today_street',
    description: "GET /api/today?scope=unit&orgUnitId=<street>: a street officer's day for the whole street",
    as: 'officer',
    path: (ctx) => `/api/today?scope=unit&orgUnitId=${ctx.officerUnit}`,
  },
];

const connections = () => Number(process.env.BENCH_CONNECTIONS ?? 50);
const loadSeconds = () => Number(process.env.BENCH_SECONDS ?? 10);
const warmupSeconds = () => Number(process.env.BENCH_WARMUP_SECONDS ?? 2);

/** Warm-up, then the measured run, of one path generator as one user. */
async function underLoad(ctx: BenchContext, username: string, path: string | ((n: number) => string)): Promise<LoadResult> {
  const s = await ctx.http(username);
  const opts = { baseUrl: ctx.baseUrl, path, headers: { cookie: s.cookie }, connections: connections() };
  if (warmupSeconds() > 0) await runLoad({ ...opts, seconds: warmupSeconds() });
  return runLoad({ ...opts, seconds: loadSeconds() });
}

let baselineRun: Promise<LoadResult> | null = null;
/** The unaudited read, measured once per run, whichever load scenario needs it first. */
function baseline(ctx: BenchContext): Promise<LoadResult> {
  baselineRun ??= underLoad(ctx, ctx.officer, '/api/org-units');
  return baselineRun;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);

function loadScenario(c: LoadCase): Scenario {
  const scenario: Scenario = {
    name: c.name,
    group: 'load',
    description: `${c.description}; ${connections()} connections`,
    extra: {},
    async api(ctx) {
      const base = await baseline(ctx);
      const r = await underLoad(ctx, c.as === 'worker' ? ctx.worker : ctx.officer, (n) => c.path(ctx, n));
      scenario.extra = {
        baseline: { path: 'GET /api/org-units', rps: base.rps, p50: base.p50, p95: base.p95, p99: base.p99, errors: base.errors },
        // Throughput as a share of the unaudited read's, and latency as a multiple of it.
        rpsVsBaseline: ratio(r.rps, base.rps),
        p99VsBaseline: ratio(r.p99, base.p99),
      };
      return r;
    },
  };
  return scenario;
}

const preventionScenario: Scenario = {
  name: 'prevention_year',
  description: "GET /api/prevention/indicators + publicity-summary for a street's year (K13, K16, volunteers; reach by audience, kind and community), as its officer",
  async sql({ database, services, officerUnit }) {
    const period = { prefixes: [await officerPath(database, officerUnit)], ...yearTo(services.clock.today()) };
    return timeSerial(50, async () => {
      await preventionQueries.publicityTotal(database.db, period);
      await preventionQueries.trainingTotals(database.db, period);
      await preventionQueries.volunteerTotals(database.db, period);
      await preventionQueries.publicityByAudience(database.db, period);
      await preventionQueries.publicityByKind(database.db, period);
      await preventionQueries.publicityByChild(database.db, officerUnit, period.from, period.to);
    });
  },
  async api({ http, officer, officerUnit }) {
    const s = await http(officer);
    const me = (await get(s, '/api/auth/me')) as { calendar: { today: string } };
    const { from, to } = yearTo(me.calendar.today);
    return timeSerial(50, async () => {
      await get(s, `/api/prevention/indicators?orgUnitId=${officerUnit}&from=${from}&to=${to}`);
      await get(s, `/api/prevention/publicity-summary?orgUnitId=${officerUnit}&from=${from}&to=${to}`);
    });
  },
};

// #15 governance-ops: the weekly dispatch (周调度) of a district, as its office reads and downloads it.
const dispatchScenario: Scenario = {
  name: 'governance_dispatch',
  description:
    "GET /api/governance-ops/dispatch (the week's tasks by unit and worker, open notices, overdue action items, risk reviews due) and its .xlsx, for a district, as its office",
  async api({ http, district }) {
    const s = await http(district);
    const run = await timeSerial(20, async () => {
      await get(s, '/api/governance-ops/dispatch');
    });
    const xlsx = await timeSerial(5, async () => {
      const r = await s.call('GET', '/api/governance-ops/dispatch.xlsx');
      if (r.status !== 200) throw new Error(`dispatch.xlsx → ${r.status}`);
    });
    dispatchScenario.extra = { xlsx };
    return run;
  },
};

/** The year up to today, both ends inclusive. */
const yearTo = (today: string) => ({ from: addDays(today, -364), to: today });

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
        const text = i % 2 ? { kind: 'letters' as const, value: p.name_initials } : { kind: 'last4' as const, value: p.id_last4_index };
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
    description: 'GET /api/persons/:id/page: the one call the person page makes (file, measures, first timeline page; one audit row)',
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
        await get(s, `/api/persons/${id}/page`);
      });
    },
  },
  {
    name: 'authenticated_read_under_load',
    group: 'load',
    description: 'GET /api/org-units as a street officer (not audited), 50 keep-alive connections for 10 s: the baseline of the load scenarios',
    async sql({ database, officerUnit }) {
      const scope = [await officerPath(database, officerUnit)];
      return timeSerial(300, async () => {
        await database.db.execute(sql`select 1`);
        await orgQueries.listUnder(database.db, scope);
      });
    },
    api: (ctx) => baseline(ctx),
  },
  ...loadCases.map(loadScenario),
  recomputeScenario,
  todayScenario('worker'),
  todayScenario('street'),
  importScenario,
  preventionScenario,
  dispatchScenario,
];
