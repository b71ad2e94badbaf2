// Assistance figures (issue 12 item 9): the partner inbox with 500 open referrals and the
// assistance tab of a person with three years of history, each through the whole HTTP
// pipeline (app.inject: session, permission, scope, audit) beside the bare SQL behind it.
//
//   npx tsx bench/assistance.ts [--persons 3000] [--calls 50]       (PGlite in memory)
//   DATABASE_URL=postgres://… npx tsx bench/assistance.ts           (PostgreSQL, an empty database)
//
// The city comes from the demo generator (without supervision history); the 500 referrals and
// the three years of one person are bulk-inserted. Prints JSON.
import crypto from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, rows, type Database } from '../server/db/client';
import { loadConfig } from '../server/config';
import { fixedClock } from '../server/clock';
import { createCipher } from '../server/lib/data-key';
import { buildApp } from '../server/app';
import { bootstrap } from '../server/bootstrap';
import { seedCity } from '../server/seed/write';
import { insertJson } from '../server/db/bulk';
import { Client, ADMIN_PASSWORD, type TestApp } from '../server/test/harness';
import * as q from '../server/modules/assistance/queries';
import { assistanceAssessments, assistancePlans, assistanceServices, planActions, referrals } from '../server/modules/assistance/schema';
import { addDays, addMonths } from '../core/rules/dates';
import { respondBy } from '../core/rules/assistance';

const { values: args } = parseArgs({ options: { persons: { type: 'string', default: '3000' }, calls: { type: 'string', default: '50' } } });
const CALLS = Number(args.calls);
const PASSWORD = 'Bench#Assist2026';

const percentile = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;

async function timed(fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const s = performance.now();
    await fn();
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  return { calls: CALLS, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95), maxMs: percentile(ms, 100) };
}

/** 500 open referrals of city persons to the district's 人社局, the d1.partner account's partner. */
async function referralsForInbox(db: Database['db'], partnerId: string, today: string) {
  const people = await rows<{ id: string; path: string }>(db, sql`select p.id, u.path from persons p join org_units u on u.id = p.org_unit_id order by p.id limit 500`);
  await rows(db, sql`delete from assistance_referrals where partner_id = ${partnerId}`);
  await insertJson(
    db,
    referrals,
    people.map((p, i) => {
      const sentOn = addDays(today, -(i % 10));
      return {
        personId: p.id,
        personOrgPath: p.path,
        partnerId,
        need: 'employment',
        purpose: '就业登记与岗位推荐',
        status: i % 2 ? 'accepted' : 'sent',
        sentOn,
        respondBy: respondBy(sentOn),
      };
    }),
  );
  return people.length;
}

/** Three years of one person: an assessment every six months, a plan version each, monthly counselling, placements, referrals. */
async function threeYears(db: Database['db'], person: { id: string; path: string }, partnerId: string, today: string) {
  const start = addDays(today, -3 * 365);
  const assessments = [],
    plans = [],
    actions = [],
    services = [],
    refs = [];
  for (let v = 0; v < 6; v++) {
    const on = addMonths(start, v * 6);
    assessments.push({
      personId: person.id,
      assessedOn: on,
      needs: [
        { need: 'employment', level: 'severe', note: null },
        { need: 'counselling', level: 'some', note: null },
      ],
    });
    const planId = crypto.randomUUID();
    plans.push({ id: planId, personId: person.id, version: v + 1, reviewDate: addMonths(on, 6), status: 'approved' });
    for (const need of ['employment', 'counselling', 'family_repair', 'skills_training'])
      actions.push({ planId, personId: person.id, need, goal: '目标', action: '措施', owner: 'worker', dueDate: addMonths(on, 3), status: v < 5 ? 'done' : 'open' });
    refs.push({
      personId: person.id,
      personOrgPath: person.path,
      partnerId,
      need: 'employment',
      purpose: '岗位推荐',
      status: 'completed',
      sentOn: on,
      respondBy: respondBy(on),
      outcome: '已安置',
    });
  }
  for (let m = 0; m < 36; m++) {
    const d = addMonths(start, m);
    services.push({
      personId: person.id,
      personOrgPath: person.path,
      kind: 'counselling',
      serviceDate: d,
      outcome: '情绪稳定',
      details: { kind: 'counselling', provider: '心理中心', minutes: 50, topic: '情绪管理', mode: 'individual' },
    });
    if (m % 6 === 0)
      services.push({
        personId: person.id,
        personOrgPath: person.path,
        kind: 'job_placement',
        serviceDate: d,
        startDate: d,
        endDate: addMonths(d, 5),
        outcome: '入职',
        details: { kind: 'job_placement', job: '普工', wageBand: 'minimum_to_3000', startDate: d, endDate: addMonths(d, 5) },
        providerPartnerId: partnerId,
      });
  }
  await insertJson(db, assistanceAssessments, assessments);
  await insertJson(db, assistancePlans, plans);
  await insertJson(db, planActions, actions);
  await insertJson(db, referrals, refs);
  await insertJson(db, assistanceServices, services);
  return { assessments: assessments.length, planVersions: plans.length, actions: actions.length, services: services.length, referrals: refs.length };
}

async function main() {
  const url = process.env.DATABASE_URL;
  const database: Database = url ? await openPostgres(url, 10) : await openPglite(null);
  const config = loadConfig({ SUNFLOWER_LOG_LEVEL: 'silent', SUNFLOWER_LOGIN_RATE_PER_MINUTE: '10000' });
  const clock = fixedClock(new Date(), config.timeZone);
  const cipher = createCipher(crypto.randomBytes(32));
  const { app, services } = await buildApp({ database, config, clock, cipher, logger: false });
  try {
    await bootstrap(services, { adminPassword: ADMIN_PASSWORD });
    await app.ready();
    const db = services.db;
    const today = clock.today();
    const t0 = performance.now();
    const city = await seedCity(database, cipher, { persons: Number(args.persons), years: 3, seed: 12, today, staffPassword: PASSWORD, demo: true, history: false });
    const partnerId = (await rows<{ partner_id: string }>(db, sql`select s.partner_id from partner_staff s join users u on u.id = s.user_id where u.username = 'd1.partner'`))[0]!
      .partner_id;
    const inboxSize = await referralsForInbox(db, partnerId, today);
    const street = (
      await rows<{ path: string }>(db, sql`select u.path from users s join grants g on g.user_id = s.id join org_units u on u.id = g.org_unit_id where s.username = 's1.officer'`)
    )[0]!.path;
    const person = (
      await rows<{ id: string; path: string }>(
        db,
        sql`select p.id, u.path from persons p join org_units u on u.id = p.org_unit_id where u.path like ${`${street}%`} order by p.id limit 1`,
      )
    )[0]!;
    const history = await threeYears(db, person, partnerId, today);
    await db.execute(sql`analyze`);
    const seedMs = Math.round(performance.now() - t0);

    const t = { app, services, clock } as unknown as TestApp;
    const partner = new Client(t);
    const officer = new Client(t);
    for (const [c, name] of [
      [partner, 'd1.partner'],
      [officer, 's1.officer'],
    ] as const) {
      const res = await c.signIn(name, PASSWORD);
      if (res.statusCode !== 200) throw new Error(`${name}: ${res.body}`);
    }
    const partnerUserId = (await rows<{ id: string }>(db, sql`select id from users where username = 'd1.partner'`))[0]!.id;
    const auditBefore = Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where action = 'partner.inbox.read'`))[0]!.n);
    let inboxItems = 0;
    const inboxApi = await timed(async () => {
      const res = await partner.get('/api/partner/referrals');
      if (res.statusCode !== 200) throw new Error(res.body);
      inboxItems = res.json().items.length;
    });
    const auditRows = Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where action = 'partner.inbox.read'`))[0]!.n) - auditBefore;
    const inboxSql = await timed(async () => {
      const mine = await q.partnersOfUser(db, partnerUserId);
      const list = await q.openReferralsOfPartners(db, mine, 500);
      await q.partnerNames(db, mine);
      await rows(
        db,
        sql`select id, name, phone_enc from persons where id in (select (jsonb_array_elements_text(${JSON.stringify([...new Set(list.map((r) => r.personId))])}::jsonb))::uuid)`,
      );
    });
    const tabApi = await timed(async () => {
      const res = await officer.get(`/api/persons/${person.id}/assistance`);
      if (res.statusCode !== 200) throw new Error(res.body);
    });
    const tabSql = await timed(async () => {
      const plan = await q.latestPlan(db, person.id);
      await Promise.all([
        q.assessmentsOf(db, person.id),
        q.plansOf(db, person.id),
        q.referralsOf(db, person.id),
        q.servicesOf(db, person.id),
        q.checksOfPersons(db, [person.id]),
        plan ? q.actionsOfPlan(db, plan.id) : null,
      ]);
    });
    // 今日待办's assistance tasks of a street (item 7): computed on read for every person under a measure there.
    let streetTasks = 0;
    const tasksApi = await timed(async () => {
      const res = await officer.get('/api/assistance/tasks?scope=unit');
      if (res.statusCode !== 200) throw new Error(res.body);
      streetTasks = res.json().items.length;
    });
    const underMeasure = await services.persons.idsUnderMeasureIn(db, street);
    const tasksSql = await timed(async () => {
      const ids = await services.persons.idsUnderMeasureIn(db, street);
      await services.persons.contextOf(db, ids);
      await q.taskFacts(db, ids);
    });
    console.log(
      JSON.stringify(
        {
          db: database.kind,
          persons: city.persons,
          seedMs,
          machine: { cpus: os.cpus().length, load1: os.loadavg()[0] },
          inbox: {
            referrals: inboxSize,
            itemsReturned: inboxItems,
            api: inboxApi,
            bareSql: inboxSql,
            ratioP50: Math.round((inboxApi.p50Ms / inboxSql.p50Ms) * 10) / 10,
            auditRowsPerRead: auditRows / (CALLS + 3),
          },
          tab: { history, api: tabApi, bareSql: tabSql, ratioP50: Math.round((tabApi.p50Ms / tabSql.p50Ms) * 10) / 10 },
          streetTasks: {
            personsUnderMeasure: underMeasure.length,
            tasks: streetTasks,
            api: tasksApi,
            bareSql: tasksSql,
            ratioP50: Math.round((tasksApi.p50Ms / tasksSql.p50Ms) * 10) / 10,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await app.close();
    await database.close();
  }
}

void main();
