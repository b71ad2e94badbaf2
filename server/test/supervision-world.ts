// Shared set-up of the supervision integration tests: an org tree, the roles of the journeys,
// and persons under a community measure that began on a chosen day.
import { expect } from 'vitest';
import { addDays } from '../../core/rules/dates';
import { adminClient, cityWithCommunity, idNumber, startTestApp, STRONG, userWith, type Client, type TestApp } from './harness';
import type { DbKind } from '../db/client';
import { and, asc, eq, sql } from 'drizzle-orm';
import { reminderMessages } from '../modules/reminders/schema';

export interface World {
  t: TestApp;
  admin: Client;
  units: Awaited<ReturnType<typeof cityWithCommunity>> & { community2: string; otherDistrict: string; otherDistrictStreet: string; otherDistrictCommunity: string };
  /** Street officer: records, measures, deliveries. */
  officer: Client & { userId: string };
  /** Social worker of the community: the caseload. */
  worker: Client & { userId: string };
  /** The street's drug-control office: approves leave. */
  streetOffice: Client & { userId: string };
  police: Client & { userId: string };
  /** An officer of another street: everything of ours is a 404 to him. */
  outsider: Client & { userId: string };
  outsidePolice: Client & { userId: string };
  /**
   * Moves the fixed clock to 10:00 in Shanghai on `date` and signs everyone in again (moving
   * by days ends the sessions: idle timeout, RULES P7).
   */
  setToday(date: string): Promise<void>;
}

let seq = 100;

export async function world(kind: DbKind, env: Record<string, string> = {}, prefix = 's'): Promise<World> {
  const t = await startTestApp(kind, env);
  const admin = await adminClient(t);
  const base = await cityWithCommunity(admin);
  const mk = async (parentId: string, level: string, name: string) => {
    const res = await admin.post('/api/org-units', { parentId, level, name });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const community2 = await mk(base.street, 'community', '韶九社区');
  const otherDistrict = await mk(base.root, 'district', '西城区');
  const otherDistrictStreet = await mk(otherDistrict, 'street', '西长安街街道');
  const otherDistrictCommunity = await mk(otherDistrictStreet, 'community', '府右街社区');
  const units = { ...base, community2, otherDistrict, otherDistrictStreet, otherDistrictCommunity };
  const users: [Client, string][] = [];
  const user = async (name: string, role: string, unit: string) => {
    const c = await userWith(t, admin, `${prefix}.${name}`, role, unit);
    users.push([c, `${prefix}.${name}`]);
    return c;
  };
  return {
    t,
    admin,
    units,
    officer: await user('officer', 'officer', base.district),
    worker: await user('worker', 'social_worker', base.community),
    streetOffice: await user('office', 'drug_control_office', base.street),
    police: await user('police', 'police_officer', base.street),
    outsider: await user('outsider', 'officer', base.otherStreet),
    outsidePolice: await user('opolice', 'police_officer', base.otherStreet),
    async setToday(date: string) {
      t.clock.set(new Date(`${date}T02:00:00Z`));
      for (const [c, username] of users) {
        c.cookie = '';
        c.csrf = '';
        const res = await c.signIn(username, STRONG);
        expect(res.statusCode, res.body).toBe(200);
      }
    },
  };
}

export interface PersonOpts {
  orgUnitId?: string;
  kind?: 'community_detox' | 'community_rehab';
  /** The day the person reported: the term starts (M2). */
  reportDate: string;
  workerId?: string | null;
  phone?: string;
  name?: string;
  /** Who files the person and the measure (default: the district officer). */
  by?: Client;
}

/** A person filed by the officer, assigned to a worker, under a community measure begun on `reportDate`. */
export async function personUnderMeasure(w: World, opts: PersonOpts): Promise<{ personId: string; measureId: string }> {
  const orgUnitId = opts.orgUnitId ?? w.units.community;
  const officer = opts.by ?? w.officer;
  const created = await officer.post('/api/persons', {
    orgUnitId,
    name: opts.name ?? '张三',
    idNumber: idNumber('110101', '19850505', seq++),
    ...(opts.phone ? { phone: opts.phone } : {}),
  });
  expect(created.statusCode, created.body).toBe(201);
  const personId = created.json().id as string;
  const workerId = opts.workerId === undefined ? w.worker.userId : opts.workerId;
  if (workerId) {
    const a = await officer.post(`/api/persons/${personId}/assignment`, { orgUnitId, workerId, reason: '分配责任社工' });
    expect(a.statusCode, a.body).toBe(200);
  }
  const decisionDate = addDays(opts.reportDate, -5);
  const m = await officer.post(`/api/persons/${personId}/measures`, {
    kind: opts.kind ?? 'community_detox',
    decisionDate,
    decisionReceivedDate: decisionDate,
    ...(opts.kind === 'community_rehab' ? { termMonths: 36 } : {}),
  });
  expect(m.statusCode, m.body).toBe(201);
  const measureId = m.json().id as string;
  const r = await officer.post(`/api/measures/${measureId}/events`, { type: 'report', date: opts.reportDate });
  expect(r.statusCode, r.body).toBe(200);
  return { personId, measureId };
}

export const test = (date: string, result: string, extra: Record<string, unknown> = {}) => ({ kind: 'drug_test', date, place: '社区戒毒康复工作站', result, ...extra });

export const visitForm = {
  livingSituation: 'with_family',
  employment: 'unemployed',
  family: 'supportive',
  health: 'good',
  mood: 'stable',
  needs: ['employment'],
  nextStep: 'refer_assistance',
  employmentNote: '上月失业',
};

export async function tasksOf(c: Client, personId: string) {
  const res = await c.get(`/api/persons/${personId}/tasks`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    key: string;
    kind: string;
    dueDate: string;
    windowStart: string;
    windowEnd: string;
    state: string;
    recordId: string | null;
    policyVersion: string;
    measureId: string;
  }[];
}

/** An in-app message as the recipient's inbox shows it. */
export interface InboxMessage {
  id: string;
  title: string;
  personId: string | null;
  readAt: string | null;
  details: Record<string, unknown> | null;
}

/**
 * The in-app messages sent to this user whose details hold `about` (e.g. `{ noticeId }`), each
 * read back through the user's own inbox by its id (another user's message answers 404). Found by
 * id, not by place among the newest 50: messages made under the fixed clock share one instant,
 * so which of them the inbox lists first depends on what other tests sent before.
 */
export async function messagesAbout(w: World, c: Client & { userId: string }, about: Record<string, unknown>): Promise<InboxMessage[]> {
  const ids = await w.t.services.db
    .select({ id: reminderMessages.id })
    .from(reminderMessages)
    .where(and(eq(reminderMessages.recipientUserId, c.userId), eq(reminderMessages.channel, 'in_app'), sql`${reminderMessages.details} @> ${JSON.stringify(about)}::jsonb`))
    .orderBy(asc(reminderMessages.createdAt), asc(reminderMessages.id));
  const out: InboxMessage[] = [];
  for (const { id } of ids) {
    const res = await c.post(`/api/messages/${id}/read`);
    expect(res.statusCode, res.body).toBe(200);
    out.push(res.json() as InboxMessage);
  }
  return out;
}
