// Supervision (issue 4): records, the stored schedule, breaches and notices, leave, the
// worker's day and reminders of tasks. Rules live in core/rules; this module stores what
// they compute and recomputes it, in the same transaction, whenever an input changes.
import { isOpenFile } from '../persons/relations';
import './audit-actions';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import { badRequest, conflict, fieldError, forbidden, notFound } from '../../errors';
import { inScope } from '../../http/context';
import { registerMessages } from '../../messages';
import type { RequestContext } from '../../http/context';
import { addDays, compareDates, type IsoDate } from '../../../core/rules/dates';
import { clashingRecord, isValidRetestOf, measureForRecord, suspensionClash } from '../../../core/rules/records';
import { reminderPlan } from '../../../core/rules/reminders';
import type { LeaveInput } from '../../../core/rules/leave';
import type { Measure } from '../../../core/rules/measures';
import type { CreateRecordBody } from '../../../core/contracts/supervision';
import type { AuditService } from '../audit/service';
import type { PersonService } from '../persons/service';
import type { OrgService } from '../org/service';
import type { MeasureService } from '../measures/service';
import type { PolicyService } from '../policy/service';
import type { ReminderService } from '../reminders/service';
import { assessLoaded, emptySyncCounts, loadInputs, syncPersons, type Inputs, type SyncCounts, type SyncDeps, type SyncResult } from './sync';
import type { WithdrawalCause } from './withdrawals';
import type { UserService } from '../users/service';
import type { DocumentService } from '../documents/service';
import { assessmentView, educationView, noticeView, recordView, taskView } from './views';
import { label } from '../../../core/labels';
import { absenceView, leaveFunctions, leaveMessages } from './leave';
import { noticeFunctions, noticeMessages } from './notices';
import { factNoticeFunctions } from './fact-notices';
import { dayFunctions, dayMessages } from './day';
import { supervisionTimeline } from './timeline';
import type { Core, Ctx } from './core';
import * as q from './queries';
import os from 'node:os';
import type { PolicyResolver } from '../policy/service';
import { createAssessPool } from './assess-pool';
import { inputsKey, stillHolds } from './inputs-key';

registerMessages({
  'supervision.no_measure': ['该人员没有已开始执行的社区戒毒或社区康复措施', 'The person has no community detox or rehabilitation measure that has started'],
  'supervision.date_future': ['日期不能晚于今天', 'The date cannot be in the future'],
  'record.not_found': ['记录不存在', 'No such record'],
  'record.already_voided': ['该记录已作废或已更正', 'This record has been voided or corrected already'],
  'record.not_changeable': ['只有记录人或街道禁毒专干可以更正或作废记录', 'Only who recorded it or the street officer may correct or void a record'],
  'supervision.date_before_measure': ['日期早于措施开始日期（{start}）', 'The date is before the measure began ({start})'],
  'supervision.date_outside_measure': ['该日期不在任何措施的执行期内', 'The date falls outside every measure of the person'],
  'supervision.date_before_fact': ['日期不能早于违反协议的日期', 'The date cannot be before the breach'],
  'supervision.attachment_invalid': ['附件须为该人员的有效文书', 'The attachment must be a valid document of this person'],
  'supervision.retest_of_required': ['复检须指明被复检的检测记录', 'A lab re-test must name the test it re-tests'],
  'supervision.client_key_reused': ['该记录标识已用于另一条记录，未保存', 'This record key was already used for a different record: not saved'],
  'supervision.record_clash': [
    '离线期间他人已于{date}登记同类记录，请对照后选择保留或放弃',
    'While you were offline someone else recorded the same kind of contact on {date}: compare both, then keep or drop yours',
  ],
  'supervision.record_clash_suspended': [
    '离线期间他人登记了该人员的措施自{date}起中止（拘留或逮捕），与本条记录的日期冲突，请对照后选择保留或放弃',
    'While you were offline someone else entered that the measure was suspended from {date} (detention or arrest), which covers the date of this record: compare both, then keep or drop yours',
  ],
  'supervision.retest_invalid': ['被复检的记录须为该人员此前的检测记录', 'The re-tested record must be an earlier drug test of this person'],
  'supervision.warning.tests_one_more': ['已拒检或逃检 {count} 次，再有 1 次即构成严重违反协议（C5）', 'Refused or evaded {count} times: one more is a serious breach (C5)'],
  'supervision.warning.departures_one_more': [
    '已擅自离开 {count} 次，再有 1 次即构成严重违反协议（C5）',
    'Left without permission {count} times: one more is a serious breach (C5)',
  ],
  'supervision.warning.serious_breach': ['已构成严重违反协议（C5），须通报公安', 'Serious breach of the agreement (C5): the police must be notified'],
  'supervision.warning.lost_contact': ['已脱管（C11）：超过 {days} 天未见面且无法联系', 'Lost contact (C11): neither met nor reached for more than {days} days'],
  ...leaveMessages,
  ...noticeMessages,
  ...dayMessages,
});

/** A batch this large goes to a worker thread (below, passing the inputs costs more than it saves). */
const THREADS_FROM = 100;

const JOB_CTX: RequestContext = { actor: null, ip: null, userAgent: 'job:supervision' };
export const RECOMPUTE_JOB = 'supervision.recompute';
/** Issue 9.16: the job runs this often, and a person written is left this long before time-driven facts are raised: within the hour. */
export const RECOMPUTE_EVERY_MS = 15 * 60_000;
export { TIME_FACT_GRACE_MINUTES } from './sync';

export interface RecomputeResult extends SyncCounts {
  /** Persons whose stored outcome still held: not read, not written. */
  skipped: number;
  batches: number;
  ms: number;
}

/** A unique index refused the row (SQLSTATE 23505), through the driver's and Drizzle's wrapping. */
function isUniqueViolation(e: unknown): boolean {
  for (let x = e, depth = 0; x && typeof x === 'object' && depth < 4; x = (x as { cause?: unknown }).cause, depth++) {
    if ((x as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** The community measure a record dated `date` belongs to (the rule: measureForRecord), or the 400 saying why none. */
function measureFor(measures: Measure[], date: IsoDate): Measure {
  const r = measureForRecord(measures, date);
  if (r.ok) return r.measure;
  if (r.code === 'supervision.no_measure') throw badRequest(r.code);
  throw fieldError('date', r.code, r.code === 'supervision.date_before_measure' ? { start: r.start } : {});
}

/** What one recompute read and found (issue 13), for the modules that derive more from it. */
export interface Synced {
  people: SyncResult['people'];
  inputs: Inputs;
  outcomes: SyncResult['outcomes'];
  ctx: RequestContext;
  cause: WithdrawalCause;
  today: IsoDate;
}
export type SyncedListener = (exec: Executor, synced: Synced) => Promise<void>;

export function createSupervisionService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  org: OrgService;
  persons: PersonService;
  measures: MeasureService;
  policy: PolicyService;
  reminders: ReminderService;
  users: Pick<UserService, 'holdersOver' | 'names'>;
  /** Whether a record may attach a document (documents service). */
  documents: Pick<DocumentService, 'attachable'>;
  /** Persons per batch of the full recompute. */
  batchSize?: number;
  /** A policy change recomputes at most this many persons at once; more are left to the daily job. */
  inlineRecomputeLimit?: number;
  /**
   * The daily run commits each batch in its own transaction, so writes about a person wait
   * for one batch at most. Needs more than one connection (PostgreSQL); on PGlite the run
   * uses the job's transaction.
   */
  batchTransactions?: boolean;
  /** Worker threads for the rules of the full recompute; default the cores, at most 2 (0: this thread). */
  recomputeWorkers?: number;
}) {
  const { db, audit, persons } = deps;
  const batchSize = deps.batchSize ?? 500;
  const inlineLimit = deps.inlineRecomputeLimit ?? 5000;
  const concurrency = Math.max(1, Math.min(2, os.availableParallelism()));
  const assessPool = createAssessPool(deps.recomputeWorkers ?? concurrency);
  const syncDeps: SyncDeps = {
    audit,
    reminders: deps.reminders,
    holdersOver: deps.users.holdersOver,
    now: () => deps.clock.now(),
    communityMeasures: deps.measures.communityOf,
    persons,
  };

  // Issue 13: other modules (warnings) hear of every recompute, in its transaction, with what the rules read and found.
  const syncedListeners: SyncedListener[] = [];
  const tellSynced = async (exec: Executor, r: SyncResult, ctx: RequestContext, cause: WithdrawalCause) => {
    if (r.people.length === 0 || !r.inputs) return;
    for (const l of syncedListeners) await l(exec, { people: r.people, inputs: r.inputs, outcomes: r.outcomes, ctx, cause, today: deps.clock.today() });
  };

  const core: Core = {
    db,
    clock: deps.clock,
    audit,
    persons,
    org: deps.org,
    policy: deps.policy,
    measures: deps.measures,
    reminders: deps.reminders,
    users: deps.users,
    today: () => deps.clock.today(),
    async refresh(tx, personIds, ctx, timeDriven = false, loaded, cause = 'facts_changed') {
      const r = await syncPersons(tx, syncDeps, personIds, ctx, deps.clock.today(), await deps.policy.resolver(tx), timeDriven, loaded, cause);
      await tellSynced(tx, r, ctx, cause);
      return r;
    },
    async policyAt(exec, orgPath) {
      return (await deps.policy.effective(exec, orgPath)).policy;
    },
  };

  const emptyResult = (): RecomputeResult => ({ ...emptySyncCounts(), skipped: 0, batches: 0, ms: 0 });

  /**
   * Runs `pages` (keyset pages of persons, each with the ids to compute; empty at the end) in
   * batches of `batchSize`, each its own transaction unless `exec` is given. On PostgreSQL two
   * batches run at once (two connections), their rules in worker threads, so both cores work
   * while one batch reads or writes and the other computes (issue 11.5).
   */
  async function recomputeBatches(exec: Executor | null, pages: () => Promise<{ ids: string[]; seen: number } | null>): Promise<RecomputeResult> {
    const t0 = performance.now();
    const total = emptyResult();
    const queue: string[] = [];
    let exhausted = false;
    // The cursor is shared: one page is read at a time, whichever batch asks.
    let turn: Promise<unknown> = Promise.resolve();
    const nextBatch = () => {
      const mine = turn.then(async () => {
        while (!exhausted && queue.length < batchSize) {
          const page = await pages();
          if (!page) exhausted = true;
          else {
            queue.push(...page.ids);
            total.skipped += page.seen - page.ids.length;
          }
        }
        return queue.splice(0, batchSize);
      });
      turn = mine.catch(() => undefined);
      return mine;
    };
    const fullDeps: SyncDeps = { ...syncDeps, assess: assessPool };
    const worker = async () => {
      for (;;) {
        const batch = await nextBatch();
        if (batch.length === 0) return;
        const run = async (tx: Executor) => {
          const resolve = await deps.policy.resolver(tx);
          const r = await syncPersons(tx, batch.length >= THREADS_FROM ? fullDeps : syncDeps, batch, JOB_CTX, deps.clock.today(), resolve, true);
          await tellSynced(tx, r, JOB_CTX, 'facts_changed');
          return r;
        };
        const r = exec ? await run(exec) : await db.transaction(run);
        total.batches++;
        for (const k of Object.keys(r.counts) as (keyof SyncCounts)[]) total[k] += r.counts[k];
      }
    };
    await Promise.all(Array.from({ length: exec || !deps.batchTransactions ? 1 : concurrency }, worker));
    total.ms = Math.round(performance.now() - t0);
    return total;
  }

  /**
   * Every person with a community measure not finished, in batches (each its own transaction
   * unless `exec` is given), skipping those whose stored outcome still holds (same inputs
   * version, policy, unit and rules, review day ahead: inputs-key.ts): they are neither read
   * nor written. With `onlyDue`, only those the calendar changes something for today (the
   * daily run).
   */
  function recomputeAll(exec?: Executor, opts: { onlyDue?: boolean; now?: Date } = {}): Promise<RecomputeResult> {
    let after: string | null = null;
    const today = deps.clock.today();
    const reader = exec ?? db;
    let resolve: PolicyResolver | null = null;
    return recomputeBatches(exec ?? null, async () => {
      if (opts.onlyDue) {
        const ids = await q.personsToRecompute(reader, after, batchSize, today, opts.now);
        after = ids[ids.length - 1] ?? after;
        return ids.length ? { ids, seen: ids.length } : null;
      }
      const page = await q.recomputeCandidates(reader, after, batchSize);
      if (page.length === 0) return null;
      after = page[page.length - 1]!.personId;
      resolve ??= await deps.policy.resolver(reader);
      const policyOf = resolve;
      const ids = page.filter((c) => !stillHolds(c, inputsKey(c.version, policyOf(c.orgPath).policy, c.orgUnitId), today)).map((c) => c.personId);
      return { ids, seen: page.length };
    });
  }

  // Hooks: a measure changed, a policy changed.
  deps.measures.onChange((tx, personId, ctx) => core.refresh(tx, [personId], ctx).then(() => undefined));
  deps.policy.onChange(async (tx, orgPath) => {
    const ids = await q.personsUnder(tx, orgPath, inlineLimit + 1);
    if (ids.length > inlineLimit) {
      await q.reviewUnder(tx, orgPath, deps.clock.today());
      return null;
    }
    for (let i = 0; i < ids.length; i += batchSize) await core.refresh(tx, ids.slice(i, i + batchSize), JOB_CTX);
    return ids.length;
  });
  persons.registerTimelineSource(supervisionTimeline);
  // P2: an SMS goes only to a person who consented, to the phone on file (decrypted at send time).
  deps.reminders.useRecipientResolver(async (exec, personId) => {
    const pref = await q.preferenceOf(exec, personId);
    if (!pref?.smsConsent) return null;
    return persons.smsRecipient(exec, personId);
  });

  const leave = leaveFunctions(core);
  const notices = noticeFunctions(core);
  const factNotices = factNoticeFunctions(core, syncDeps);
  const day = dayFunctions(core);

  /** The checks of a new record (date, measure, attachment, re-test) and its row; the caller holds the person's lock. */
  async function insertChecked(
    tx: Executor,
    ctx: Ctx,
    personId: string,
    body: CreateRecordBody,
    community: { measure: Measure }[],
    extra: Partial<q.RecordRow>,
  ): Promise<q.RecordRow> {
    const today = deps.clock.today();
    const date = body.date ?? today;
    if (compareDates(date, today) > 0) throw fieldError('date', 'supervision.date_future');
    const measure = measureFor(
      community.map((x) => x.measure),
      date,
    );
    if (body.attachmentId && !(await deps.documents.attachable(tx, body.attachmentId, personId))) {
      throw fieldError('attachmentId', 'supervision.attachment_invalid');
    }
    let test: Partial<q.RecordRow> = {};
    if (body.kind === 'drug_test') {
      if (body.method === 'lab_retest' && !body.retestOf) throw fieldError('retestOf', 'supervision.retest_of_required');
      if (body.retestOf) {
        if (!isValidRetestOf(await q.recordById(tx, body.retestOf), personId, date)) throw fieldError('retestOf', 'supervision.retest_invalid');
      }
      test = {
        sample: body.sample,
        method: body.method,
        result: body.result,
        tester: body.tester ?? ctx.actor.displayName,
        retestOfId: body.retestOf ?? null,
        random: body.random,
      };
    }
    const contact = 'form' in body ? { contactMode: body.contactMode, form: body.form } : {};
    return q.insertRecord(tx, {
      personId,
      measureId: measure.id,
      kind: body.kind,
      date,
      place: body.place,
      recordedAt: deps.clock.now(),
      recordedBy: ctx.actor.userId,
      attachmentId: body.attachmentId ?? null,
      note: body.note ?? null,
      ...test,
      ...contact,
      ...extra,
    });
  }

  type Locked = Awaited<ReturnType<PersonService['lockForUpdate']>>;
  /** What a write about a record returns besides the record: the tasks it resolved, the assessment, notices raised and withdrawn. */
  async function recordOutcome(tx: Executor, sync: Awaited<ReturnType<Core['refresh']>>, people: Locked, recordId: string | null) {
    const today = deps.clock.today();
    const now = deps.clock.now();
    const p = people[0]!;
    const outcome = sync.outcomes.get(p.id)!;
    // Withdrawn notices may have been delivered (the names of who did are read); they are rare.
    const withdrawn = [];
    for (const n of sync.withdrawn.notices) withdrawn.push(noticeView((await q.noticeById(tx, n.id))!, now));
    return {
      tasks: outcome.tasks
        .filter((t) => recordId !== null && t.recordId === recordId)
        .map((t) => taskView({ ...t, personId: p.id, recordId: t.recordId ?? null, policyVersion: outcome.policy.version }, today)),
      breaches: outcome.status ? assessmentView(outcome.status, outcome.policy, today) : null,
      // The notices as inserted (returned by the insert): new, so neither delivered nor acknowledged.
      noticesCreated: sync.notices.map((n) => noticeView({ n, personName: p.name, orgUnitName: p.orgUnitName, deliveredByName: null, acknowledgedByName: null }, now)),
      educationCreated: sync.education.map(educationView),
      noticesWithdrawn: withdrawn,
      replayed: false,
    };
  }

  /** Issue 9.14: a live record of the person that the actor may void or correct: its recorder, or the street's officer (leave.approve over the person). */
  async function changeable(tx: Executor, ctx: Ctx, personId: string, recordId: string) {
    const person = await persons.access(tx, ctx.actor, personId, 'supervision.write');
    const people = await persons.lockForUpdate(tx, [personId]);
    const old = await q.recordOfPerson(tx, personId, recordId);
    if (!old) throw notFound('record');
    if (old.r.voidedAt) throw conflict('record.already_voided');
    if (old.r.recordedBy !== ctx.actor.userId && !inScope(ctx.actor, 'leave.approve', person.orgPath)) throw forbidden('record.not_changeable');
    return { person, people, old, community: await deps.measures.communityOf(tx, [personId]) };
  }

  /**
   * Issue 17 §3: a record made offline that meets one someone else wrote meanwhile for the same
   * task is not saved beside it unseen: 409 with the other's date, nothing written; the device
   * shows both and sends it again with `keepBoth` if the worker keeps his. So is one dated within a
   * suspension of the measure (C9) that someone else entered meanwhile (`record_clash_suspended`).
   */
  async function refuseClash(tx: Executor, ctx: Ctx, personId: string, orgPath: string, body: CreateRecordBody, today: IsoDate, community: { measure: Measure }[]): Promise<void> {
    const since = new Date(body.basis!.asOf);
    const policy = await core.policyAt(tx, orgPath);
    const mine = { kind: body.kind, date: body.date ?? today, recordedBy: ctx.actor.userId, asOf: since };
    const clash = clashingRecord(mine, await q.recordsWrittenSince(tx, personId, since), policy.drugTests.windowDays);
    if (clash) throw conflict('supervision.record_clash', { date: clash.date });
    // C9: the measure suspended meanwhile over the record's date (the measures service's events say when and by whom).
    const suspended = community.flatMap((c) => c.measure.suspensions.map((s) => ({ ...s, measureId: c.measure.id })));
    if (suspended.length === 0) return;
    const events = (await deps.measures.eventsOfPerson(tx, personId)).filter((e) => e.event === 'suspend');
    const entered = suspended.flatMap((s) => {
      const e = events.filter((x) => x.measureId === s.measureId && x.eventDate === s.start).at(-1);
      return e ? [{ start: s.start, end: s.end, recordedAt: e.at, recordedBy: e.actorId }] : [];
    });
    const hit = suspensionClash(mine, entered);
    if (hit) throw conflict('supervision.record_clash_suspended', { date: hit.start });
  }

  /**
   * A record sent again under its client key: the one made then, if it is the same record. The
   * breach assessment is the person's now (read, nothing written), so a phone whose first answer
   * was lost still shows "one more refusal" or the serious breach (C5); the notices and education
   * raised then are not repeated.
   */
  async function replayed(tx: Executor, ctx: Ctx, personId: string, orgPath: string, prior: q.RecordRow, body: CreateRecordBody, today: IsoDate) {
    if (prior.personId !== personId || prior.kind !== body.kind) throw conflict('supervision.client_key_reused');
    const outcomeTasks = await q.tasksOfRecord(tx, prior.personId, prior.id);
    await audit.record(tx, ctx, { action: 'supervision.record.replayed', entityType: 'supervision_record', entityId: prior.id, personId: prior.personId, orgPath });
    const policy = await core.policyAt(tx, orgPath);
    const now = assessLoaded(await loadInputs(tx, syncDeps, [personId]), personId, policy, today, false);
    return {
      record: recordView(prior, ctx.actor.displayName),
      tasks: outcomeTasks.map((t) => taskView(t, today)),
      breaches: now.status ? assessmentView(now.status, policy, today) : null,
      noticesCreated: [],
      educationCreated: [],
      noticesWithdrawn: [],
      replayed: true,
    };
  }

  return {
    /** P4, issue 14: the retention purge of a person's rows of this module, in the purge's transaction (sealing/daily.ts). */
    purgePerson: (tx: Executor, personId: string) => q.purgePerson(tx, personId),
    /** The purge's last step before the file: `supervision_inputs`, touched again by the trigger on measures when they go. */
    purgePersonLast: (tx: Executor, personId: string) => q.purgeInputsOf(tx, personId),
    ...leave,
    ...notices,
    /** Issue 14: notices whose fact another module judges (C11 after a transfer), raised and withdrawn in its transaction. */
    ...factNotices,
    ...day,
    recomputeAll,

    /** Recomputes some persons now, in `tx` (tests, other modules). */
    refresh: (tx: Executor, personIds: string[], ctx: RequestContext = JOB_CTX, timeDriven = false) => core.refresh(tx, personIds, ctx, timeDriven),
    /** Issue 13: `listener` runs after every recompute, in its transaction (the warnings module reclassifies). */
    onSynced(listener: SyncedListener) {
      syncedListeners.push(listener);
    },
    /** Issue 13: what the rules find for some persons today, read only, nothing written (the warnings module's daily run and bench). */
    async assessFor(exec: Executor, personIds: string[]): Promise<Omit<Synced, 'ctx' | 'cause'>> {
      const inputs = await loadInputs(exec, syncDeps, personIds);
      const resolve = await deps.policy.resolver(exec);
      const today = deps.clock.today();
      const outcomes: Synced['outcomes'] = new Map();
      for (const p of inputs.people) {
        const policy = resolve(p.orgPath).policy;
        outcomes.set(p.id, { ...assessLoaded(inputs, p.id, policy, today, true), policy });
      }
      return { people: inputs.people, inputs, outcomes, today };
    },
    /** Issue 13: whether a live record of this person has this id (an alert's action links it), without scope checks. */
    async recordOf(exec: Executor, personId: string, recordId: string): Promise<{ id: string; kind: string } | null> {
      const r = await q.recordById(exec, recordId);
      return r && r.personId === personId && !r.voidedAt ? { id: r.id, kind: r.kind } : null;
    },
    /** Issue 13: the latest visit form of each person, without scope checks (warnings: D4 signs). */
    latestVisitForms: (exec: Executor, personIds: string[]) => q.latestVisitForms(exec, personIds),
    /** For the assistance module: the needs the latest visit noted, without scope checks. */
    latestVisitNeeds: (exec: Executor, personId: string) => q.latestVisitNeeds(exec, personId),
    /** For the assistance module: the days of live positive tests (T3, relapse), without scope checks. */
    positiveTestDates: (exec: Executor, personIds: string[]) => q.positiveTestDates(exec, personIds),

    /** D2, D3: the supervision inputs of everyone in one figure (the sealing daily run skips when it has not changed). */
    delistingFingerprint: (exec: Executor) => q.delistingFingerprint(exec),

    /** D2, D3: the relapses, serious breaches and refusals of many persons, as fact dates (the delisting rule's input). */
    async delistingFactsOf(exec: Executor, ids: string[]) {
      const [notices, positives] = await Promise.all([q.delistingNotices(exec, ids), q.positiveTests(exec, ids)]);
      const facts = new Map<string, { relapses: string[]; seriousBreaches: string[]; refusals: string[] }>();
      const of = (id: string) => facts.get(id) ?? facts.set(id, { relapses: [], seriousBreaches: [], refusals: [] }).get(id)!;
      for (const n of notices)
        (n.reason === 'relapse' ? of(n.personId).relapses : n.reason === 'serious_breach' ? of(n.personId).seriousBreaches : of(n.personId).refusals).push(n.factDate);
      for (const p of positives) of(p.personId).relapses.push(p.date);
      return facts;
    },

    /** The live drug tests of a person from a day on: the three years' evidence a delisting notice carries (D2). */
    drugTestsSince: (exec: Executor, personId: string, from: string) => q.drugTestsSince(exec, personId, from),
    /** #15 reports (月通报): police notices raised in a period under a subtree, counted by reason; the caller checks scope. */
    noticeCountsIn: (exec: Executor, f: { path: string; from: string; to: string; timeZone: string }) => q.noticeCountsIn(exec, f),

    /**
     * The recompute job, every RECOMPUTE_EVERY_MS: the persons for whom the calendar changes
     * something by today (SUNFLOWER_TZ; a new day begins at local midnight), and those a write
     * left with a time-driven fact to raise once the write is TIME_FACT_GRACE_MINUTES old, so such
     * facts are raised within the hour (issue 9.16), not at the next day's run. The first run of a
     * calendar day also refreshes the planner's statistics; a run that recomputed nobody after it
     * writes no audit row.
     */
    async runDaily(tx: Executor): Promise<RecomputeResult> {
      const today = deps.clock.today();
      const last = await q.lastRun(tx, RECOMPUTE_JOB);
      const firstToday = last?.lastDate !== today;
      const result = await recomputeAll(deps.batchTransactions ? undefined : tx, { onlyDue: true, now: deps.clock.now() });
      if (firstToday) {
        await q.markRun(tx, RECOMPUTE_JOB, today, deps.clock.now(), result);
        // Fresh statistics for the lists of the day (PGlite has no autovacuum to gather them).
        await tx.execute(sql`analyze supervision_tasks`);
      }
      if (firstToday || result.persons > 0) await audit.record(tx, JOB_CTX, { action: 'supervision.recompute', entityType: 'task', details: { ...result, date: today } });
      return result;
    },

    /**
     * Reminders of tasks due tomorrow: an in-app message to the responsible worker per task
     * (deduplicated by task and day), and one SMS to the person for his check-ins and tests if
     * he consented (P2; deduplicated by person and day).
     */
    async enqueueReminders(tx: Executor): Promise<number> {
      const tomorrow = addDays(deps.clock.today(), 1);
      const due = (await q.tasksDueOn(tx, tomorrow)).filter(isOpenFile);
      const consented = await q.consentedAmong(tx, [...new Set(due.map((r) => r.t.personId))]);
      const names = new Map((await persons.contextOf(tx, [...new Set(due.map((r) => r.t.personId))])).map((p) => [p.id, p.name]));
      const plan = reminderPlan(
        due.map((r) => ({ ...r.t, workerId: r.workerId })),
        consented,
      );
      const messages: Parameters<ReminderService['enqueue']>[1] = plan.worker.map((t) => {
        const kz = label('taskKind', t.kind, 'zh-CN');
        return {
          channel: 'in_app',
          recipientUserId: t.workerId,
          personId: t.personId,
          dedupeKey: `task:${t.measureId}:${t.key}:${tomorrow}:worker`,
          title: `明日待办 · ${kz}`,
          body: `${names.get(t.personId) ?? ''}：${kz}，${tomorrow} 到期。`,
          details: { kind: 'task', measureId: t.measureId, key: t.key, dueDate: tomorrow },
        };
      });
      // P1: the text says nothing of drugs or of the person.
      for (const personId of plan.sms) {
        messages.push({
          channel: 'sms',
          recipientPersonId: personId,
          personId,
          dedupeKey: `sms:${personId}:${tomorrow}`,
          title: 'reminder',
          body: `【向日葵】您好，您有一项约定事项将于${tomorrow}到期，请按约定办理；如有疑问请联系您的社工。`,
          details: { kind: 'task', params: { date: tomorrow } },
        });
      }
      return deps.reminders.enqueue(tx, messages);
    },

    /**
     * A check-in, drug test, visit, follow-up, talk or grid visit; the schedule and breaches follow
     * in the same transaction. With a client key already used by this user, the record made then
     * (issue 17: idempotent create; the scope check still runs first, so a person out of reach
     * meanwhile is a 404 like any other).
     */
    createRecord: (ctx: Ctx, personId: string, body: CreateRecordBody) =>
      db.transaction(async (tx) => {
        const person = await persons.access(tx, ctx.actor, personId, 'supervision.write');
        // Locked once: the recompute below gets the person and his measures as loaded here.
        const people = await persons.lockForUpdate(tx, [personId]);
        const today = deps.clock.today();
        if (body.clientKey) {
          const prior = await q.recordByClientKey(tx, ctx.actor.userId, body.clientKey);
          if (prior) return replayed(tx, ctx, personId, person.orgPath, prior, body, today);
        }
        const community = await deps.measures.communityOf(tx, [personId]);
        if (body.basis && !body.basis.keepBoth) await refuseClash(tx, ctx, personId, person.orgPath, body, today, community);
        const row = await insertChecked(tx, ctx, personId, body, community, { clientKey: body.clientKey ?? null }).catch((e: unknown) => {
          // The same key sent at once for two persons: the person locks do not meet, the index does.
          if (body.clientKey && isUniqueViolation(e)) throw conflict('supervision.client_key_reused');
          throw e;
        });
        const sync = await core.refresh(tx, [personId], ctx, false, { people, measures: community });
        const record = recordView(row, ctx.actor.displayName);
        await audit.record(tx, ctx, {
          action: `supervision.record.${body.kind}`,
          entityType: 'supervision_record',
          entityId: row.id,
          personId,
          orgPath: person.orgPath,
          after: record,
        });
        return { record, ...(await recordOutcome(tx, sync, people, row.id)) };
      }),

    /**
     * Issue 9.14: a record entered wrongly (a mis-tap on 逃检) is voided with a stated reason, by
     * its recorder or the street's officer (who decides for the street, C4). It is kept, marked
     * voided, on the file and the timeline; breaches, tasks and notices are recomputed without it,
     * and a notice it alone caused is withdrawn or corrected (issue 9.13).
     */
    voidRecord: (ctx: Ctx, personId: string, recordId: string, body: { reason: string }) =>
      db.transaction(async (tx) => {
        const { person, people, old, community } = await changeable(tx, ctx, personId, recordId);
        const voided = (await q.voidRecord(tx, recordId, { voidedAt: deps.clock.now(), voidedBy: ctx.actor.userId, voidReason: body.reason }))!;
        const sync = await core.refresh(tx, [personId], ctx, false, { people, measures: community }, 'record_voided');
        const replaced = recordView(voided, old.recordedByName);
        await audit.record(tx, ctx, {
          action: 'supervision.record.void',
          entityType: 'supervision_record',
          entityId: recordId,
          personId,
          orgPath: person.orgPath,
          purpose: body.reason,
          before: recordView(old.r, old.recordedByName),
          after: replaced,
          details: { kind: old.r.kind, cause: 'record_voided' },
        });
        return { record: null, replaced, ...(await recordOutcome(tx, sync, people, null)) };
      }),

    /** Issue 9.14: a record replaced by a corrected one (any kind), with a stated reason; the old version is kept, voided. */
    correctRecord: (ctx: Ctx, personId: string, recordId: string, body: { reason: string; record: CreateRecordBody }) =>
      db.transaction(async (tx) => {
        const { person, people, old, community } = await changeable(tx, ctx, personId, recordId);
        const id = crypto.randomUUID();
        const superseded = (await q.voidRecord(tx, recordId, { voidedAt: deps.clock.now(), voidedBy: ctx.actor.userId, voidReason: body.reason, supersededBy: id }))!;
        const row = await insertChecked(tx, ctx, personId, body.record, community, { id, correctsId: recordId });
        const sync = await core.refresh(tx, [personId], ctx, false, { people, measures: community }, 'record_corrected');
        const record = recordView(row, ctx.actor.displayName);
        await audit.record(tx, ctx, {
          action: 'supervision.record.correct',
          entityType: 'supervision_record',
          entityId: row.id,
          personId,
          orgPath: person.orgPath,
          purpose: body.reason,
          before: recordView(old.r, old.recordedByName),
          after: record,
          details: { kind: body.record.kind, replaces: recordId, cause: 'record_corrected' },
        });
        return { record, replaced: recordView(superseded, old.recordedByName), ...(await recordOutcome(tx, sync, people, row.id)) };
      }),

    async records(ctx: Ctx, personId: string, f: { kind?: string; from?: string; to?: string; limit: number; offset: number }) {
      const person = await persons.access(db, ctx.actor, personId, 'supervision.read');
      const res = await q.recordsOfPerson(db, personId, f);
      await audit.record(db, ctx, {
        action: 'supervision.records.read',
        entityType: 'person',
        entityId: personId,
        personId,
        orgPath: person.orgPath,
        details: { filter: f, returned: res.items.length },
      });
      return { items: res.items.map((r) => recordView(r.r, r.recordedByName)), total: res.total };
    },

    /** One record, e.g. to print it as the paper form (the read is audited, P3). */
    async record(ctx: Ctx, personId: string, recordId: string) {
      const person = await persons.access(db, ctx.actor, personId, 'supervision.read');
      const row = await q.recordOfPerson(db, personId, recordId);
      if (!row) throw notFound('record');
      await audit.record(db, ctx, { action: 'supervision.record.read', entityType: 'supervision_record', entityId: recordId, personId, orgPath: person.orgPath });
      return recordView(row.r, row.recordedByName);
    },

    /** The C5 assessment computed now from the records, with the notices, education and absences behind it. */
    async breaches(ctx: Ctx, personId: string) {
      const person = await persons.access(db, ctx.actor, personId, 'supervision.read');
      const today = deps.clock.today();
      const policy = await core.policyAt(db, person.orgPath);
      const inputs = await loadInputs(db, syncDeps, [personId]);
      const outcome = assessLoaded(inputs, personId, policy, today, true);
      const now = deps.clock.now();
      const leaves = (inputs.leaves.get(personId) ?? []) as LeaveInput[];
      await audit.record(db, ctx, { action: 'supervision.breaches.read', entityType: 'person', entityId: personId, personId, orgPath: person.orgPath });
      return {
        assessment: outcome.status ? assessmentView(outcome.status, policy, today) : null,
        notices: (await q.noticesOfPerson(db, personId)).map((r) => noticeView(r, now)),
        education: (await q.educationOfPerson(db, personId)).map(educationView),
        absences: (inputs.absences.get(personId) ?? []).map((a) => absenceView(a, leaves, policy, today)),
      };
    },

    async preferences(ctx: Ctx, personId: string) {
      const person = await persons.access(db, ctx.actor, personId, 'supervision.read');
      const p = await q.preferenceOf(db, personId);
      await audit.record(db, ctx, { action: 'supervision.preferences.read', entityType: 'person', entityId: personId, personId, orgPath: person.orgPath });
      return {
        personId,
        smsConsent: p?.smsConsent ?? false,
        consentDate: p?.consentDate ?? null,
        recordedBy: p?.recordedBy ?? null,
        recordedAt: p?.recordedAt.toISOString() ?? null,
      };
    },

    /** P2: consent to SMS reminders, given or withdrawn, with who recorded it and when. */
    setPreferences: (ctx: Ctx, personId: string, body: { smsConsent: boolean; consentDate?: string }) =>
      db.transaction(async (tx) => {
        const person = await persons.access(tx, ctx.actor, personId, 'supervision.write');
        if (body.consentDate && compareDates(body.consentDate, deps.clock.today()) > 0) throw fieldError('consentDate', 'supervision.date_future');
        const before = await q.preferenceOf(tx, personId);
        const p = await q.setPreference(tx, {
          personId,
          smsConsent: body.smsConsent,
          consentDate: body.consentDate ?? deps.clock.today(),
          recordedBy: ctx.actor.userId,
          recordedAt: deps.clock.now(),
        });
        const view = { personId, smsConsent: p.smsConsent, consentDate: p.consentDate, recordedBy: p.recordedBy, recordedAt: p.recordedAt.toISOString() };
        await audit.record(tx, ctx, {
          action: 'supervision.preferences',
          entityType: 'person',
          entityId: personId,
          personId,
          orgPath: person.orgPath,
          before: before ?? null,
          after: view,
        });
        return view;
      }),

    /**
     * C7: the person's file moved to another street (transfers module, in its transaction). The
     * tasks, notices, leave and education are found through the person's unit, so they follow the
     * file without a rewrite; the recompute is run at once so that the stored schedule and the
     * bookkeeping (`supervision_sync.org_unit_id`) take the new unit and its policy. Returns what
     * is open and now the new street's.
     */
    async transferOpen(tx: Executor, ctx: RequestContext, personId: string) {
      await core.refresh(tx, [personId], ctx);
      return q.openItemsOf(tx, personId);
    },

    /** C7: the records entered in a window (what the old street wrote while it held the file); the caller checked its right to them. */
    async recordsEnteredBetween(exec: Executor, personId: string, since: Date, until: Date, page: { limit: number; offset: number }) {
      const res = await q.recordsEnteredBetween(exec, personId, since, until, page.limit, page.offset);
      return { items: res.items.map((r) => recordView(r.r, r.recordedByName)), total: res.total };
    },
  };
}

export type SupervisionService = ReturnType<typeof createSupervisionService>;
