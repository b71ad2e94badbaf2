// Typed factories: each test builds the data it reads, through the services (no HTTP round
// trip, no other test's rows). Inputs go through the same zod contracts the routes use, so a
// factory can never write what a request could not.
import crypto from 'node:crypto';
import { personInput, type PersonInput } from '../../core/contracts/persons';
import { createMeasureBody, measureEventBody, type MeasureEventBody } from '../../core/contracts/measures';
import { createRecordBody } from '../../core/contracts/supervision';
import { createMeasure, type MeasureKind, type MeasureStatus } from '../../core/rules/measures';
import { defaultPolicy } from '../../core/rules/policy';
import { addDays } from '../../core/rules/dates';
import { measures } from '../modules/measures/schema';
import type { Principal, RequestContext } from '../http/context';
import { Client, idNumber, type Authenticator, type TestApp } from './harness';

export type ActorCtx = RequestContext & { actor: Principal };

/** The request context of a signed-in client, as a route would build it. */
export async function actorOf(t: TestApp, c: Client): Promise<ActorCtx> {
  const token = c.cookie.replace(/^sf_session=/, '');
  const actor = await t.services.auth.principal(token);
  if (!actor || actor.stage !== 'active') throw new Error('actorOf: the client is not fully signed in');
  return { actor, ip: '127.0.0.1', userAgent: 'factory' };
}

// Distinct valid ID numbers within a test database: birth date and sequence both follow n.
let personSeq = 0;
/** A fresh, valid resident ID number no other factory call in this process has returned. */
export function freshIdNumber(): string {
  const n = personSeq++;
  const birth = `19${String(60 + (n % 40)).padStart(2, '0')}${String(1 + (Math.floor(n / 40) % 12)).padStart(2, '0')}${String(1 + (Math.floor(n / 480) % 28)).padStart(2, '0')}`;
  return idNumber('110101', birth, 500 + (Math.floor(n / 13_440) % 500));
}

/** A person filed in `orgUnitId` by `by`; any PersonInput field may be given. Returns the id. */
export async function buildPerson(t: TestApp, by: Client, input: Partial<PersonInput> & { orgUnitId: string }): Promise<string> {
  const parsed = personInput.parse({ name: '张三', idNumber: freshIdNumber(), ...input });
  const person = await t.services.persons.create(await actorOf(t, by), parsed);
  return person.id;
}

export interface MeasureOpts {
  kind?: MeasureKind;
  decisionDate?: string;
  decisionReceivedDate?: string;
  termMonths?: number;
  /** For community detox and rehab: the day the person reported (M2), so the measure is active. */
  reportDate?: string;
  previousMeasureId?: string;
}

/**
 * A measure decided for `personId` through the measure service (the lifecycle rules apply);
 * with `reportDate` the person has reported too. Returns the measure as the API shows it.
 */
export async function buildMeasure(t: TestApp, by: Client, personId: string, opts: MeasureOpts = {}) {
  const ctx = await actorOf(t, by);
  const kind = opts.kind ?? 'community_detox';
  const decisionDate = opts.decisionDate ?? (opts.reportDate ? addDays(opts.reportDate, -5) : '2026-10-01');
  const body = createMeasureBody.parse({
    kind,
    decisionDate,
    decisionReceivedDate: opts.decisionReceivedDate ?? decisionDate,
    ...(opts.termMonths ? { termMonths: opts.termMonths } : kind === 'community_rehab' ? { termMonths: 36 } : {}),
    ...(opts.previousMeasureId ? { previousMeasureId: opts.previousMeasureId } : {}),
  });
  const created = await t.services.measures.create(ctx, personId, body);
  if (!opts.reportDate) return created;
  return t.services.measures.applyEvent(ctx, created.id, measureEventBody.parse({ type: 'report', date: opts.reportDate }));
}

/** One lifecycle step of a measure through the service (M*, C*). */
export async function measureEvent(t: TestApp, by: Client, measureId: string, event: MeasureEventBody) {
  return t.services.measures.applyEvent(await actorOf(t, by), measureId, measureEventBody.parse(event));
}

/**
 * A measure row in any kind and status, written straight to its table: for the document
 * checklists of states (completed, converted) that would take a whole lifecycle to reach.
 * Only for tests that read the measure, never for ones that test its lifecycle.
 */
export async function buildMeasureRow(
  t: TestApp,
  personId: string,
  kind: MeasureKind,
  status: MeasureStatus,
  opts: { decisionDate?: string; reportDate?: string | null } = {},
): Promise<string> {
  const id = crypto.randomUUID();
  const decisionDate = opts.decisionDate ?? '2026-10-01';
  const state = { ...createMeasure({ id, kind, decisionDate }), status };
  await t.database.db.insert(measures).values({
    id,
    personId,
    kind,
    status,
    decisionDate,
    reportDate: opts.reportDate ?? null,
    state,
    policyVersion: defaultPolicy.version,
  });
  return id;
}

/** A supervision record (check-in, drug test, visit, …) through the supervision service. */
export async function buildRecord(t: TestApp, by: Client, personId: string, body: Record<string, unknown> & { kind: string }) {
  const parsed = createRecordBody.parse({ place: '社区戒毒康复工作站', ...body });
  return t.services.supervision.createRecord(await actorOf(t, by), personId, parsed);
}

// Usernames stay distinct within a test database whatever order the tests run in.
let userSeq = 0;

/**
 * A user holding `roleCode` on `orgUnitId`, created and granted by `admin` through the user
 * service, then signed in over HTTP (a client needs a real session). The username is made
 * unique from `name` unless `exact` is set.
 */
export async function buildUser(
  t: TestApp,
  admin: Client,
  opts: { name: string; role: string; orgUnitId: string; exact?: boolean },
): Promise<Client & { userId: string; username: string; totp: Authenticator }> {
  const ctx = await actorOf(t, admin);
  const username = opts.exact ? opts.name : `${opts.name}.${++userSeq}`;
  const created = await t.services.users.create(ctx, { username, displayName: username, orgUnitId: opts.orgUnitId });
  const role = (await t.services.users.listRoles()).find((r) => r.code === opts.role);
  if (!role) throw new Error(`buildUser: no role ${opts.role}`);
  await t.services.users.addGrant(ctx, created.user.id, { roleId: role.id, orgUnitId: opts.orgUnitId });
  const c = Object.assign(new Client(t), { userId: created.user.id, username, totp: {} as Authenticator });
  const res = await c.signIn(username, created.oneTimePassword!, { totpSecret: c.totp });
  if (res.statusCode !== 200) throw new Error(`buildUser: sign-in failed: ${res.body}`);
  return c;
}
