import crypto from 'node:crypto';
// Recomputes what the rules derive for a batch of persons, inside the caller's transaction:
// the stored tasks (upsert by measure + key, delete keys no longer produced, rows that did not
// change are not written), the breach status, the notices and the education records (inserted
// once per fact). Recomputing twice writes nothing the second time.

import type { Executor } from '../../db/client';
import type { RequestContext } from '../../http/context';
import type { AuditService } from '../audit/service';
import type { PolicyResolver } from '../policy/service';
import type { NewMessage, ReminderService } from '../reminders/service';
import type { PersonService } from '../persons/service';
import { assessPerson, type PersonOutcome } from '../../../core/rules/assessment';
import type { AbsenceInput, LeaveInput } from '../../../core/rules/leave';
import type { RecordInput } from '../../../core/rules/records';
import type { Measure } from '../../../core/rules/measures';
import { noticeDeadline } from '../../../core/rules/notices';
import type { Policy } from '../../../core/rules/policy';
import { label } from '../../../core/labels';
import * as q from './queries';
import { inlineAssess, type AssessPool } from './assess-pool';
import type { AssessBatch } from './assess-batch';
import { inputsKey } from './inputs-key';
import { withdrawOutlived, type WithdrawalCause } from './withdrawals';

export interface SyncDeps {
  audit: AuditService;
  reminders: ReminderService;
  /** Who holds a permission over each org path (users service): the police to tell of a notice. */
  holdersOver: (exec: Executor, permission: 'notice.acknowledge', orgPaths: string[]) => Promise<Map<string, string[]>>;
  now: () => Date;
  /** The community measures of the persons (measures service). */
  communityMeasures: (exec: Executor, personIds: string[]) => Promise<{ personId: string; measure: Measure }[]>;
  /** Unit, path, worker and seal of the persons, read or locked (persons service). */
  persons: Pick<PersonService, 'contextOf' | 'lockForUpdate'>;
  /** Where the rules run: worker threads for the full recompute, this thread otherwise (default). */
  assess?: AssessPool;
}

type PersonContext = Awaited<ReturnType<PersonService['contextOf']>>[number];
type CommunityMeasure = Awaited<ReturnType<SyncDeps['communityMeasures']>>[number];

/**
 * What the caller already holds for the persons of a recompute, so it is neither locked nor read
 * twice: `people` from `persons.lockForUpdate` in the same transaction (the rows are locked),
 * `measures` their community measures read after that lock.
 */
export interface Loaded {
  people: PersonContext[];
  measures?: CommunityMeasure[];
}

export interface SyncCounts {
  persons: number;
  tasksWritten: number;
  tasksDeleted: number;
  tasksUnchanged: number;
  statusWritten: number;
  notices: number;
  education: number;
  /** Where the time went, ms: reading inputs, the rules, writing tasks and status, notices and education with their audit rows. */
  loadMs: number;
  computeMs: number;
  writeMs: number;
  raiseMs: number;
}

export interface SyncResult {
  counts: SyncCounts;
  outcomes: Map<string, PersonOutcome & { policy: Policy }>;
  notices: q.NoticeRow[];
  education: q.EducationRow[];
  /** Issue 9.13: notices withdrawn and the corrections raised, education withdrawn. */
  withdrawn: { notices: q.NoticeRow[]; education: q.EducationRow[] };
  /** What the rules read (issue 13: the warnings module classifies from the same rows, not reading them again). */
  people: PersonContext[];
  inputs: Inputs | null;
}

const groupBy = <T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> => {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
};

/** Issue 9.16: how long after a write its time-driven facts wait to be raised (the job runs every 15 minutes: within the hour). */
export const TIME_FACT_GRACE_MINUTES = 15;

const taskId = (measureId: string, key: string) => `${measureId}|${key}`;

/** Identifies a person's task set: everything a stored row holds but the time it was written. */
function tasksHash(rows: q.NewTaskRow[]): string {
  const h = crypto.createHash('sha256');
  for (const r of rows) h.update(`${r.measureId}|${r.key}|${r.kind}|${r.dueDate}|${r.windowStart}|${r.windowEnd}|${r.state}|${r.recordId ?? ''}|${r.policyVersion}|${r.open}\n`);
  return h.digest('base64url');
}

function sameTask(a: q.TaskRow, b: q.NewTaskRow): boolean {
  return (
    a.personId === b.personId &&
    a.kind === b.kind &&
    a.dueDate === b.dueDate &&
    a.windowStart === b.windowStart &&
    a.windowEnd === b.windowEnd &&
    a.state === b.state &&
    (a.recordId ?? null) === (b.recordId ?? null) &&
    a.policyVersion === b.policyVersion &&
    a.open === b.open
  );
}

function sameStatus(a: q.StatusRow, b: q.NewStatusRow): boolean {
  return (
    a.measureId === b.measureId &&
    a.level === b.level &&
    a.reasons.join(',') === (b.reasons ?? []).join(',') &&
    a.refusals === b.refusals &&
    a.evasions === b.evasions &&
    a.unauthorisedDepartures === b.unauthorisedDepartures &&
    a.absenceDays === b.absenceDays &&
    a.untilTests === b.untilTests &&
    a.untilDepartures === b.untilDepartures &&
    a.untilAbsenceDays === b.untilAbsenceDays &&
    a.lostContact === b.lostContact &&
    (a.lastInPersonContact ?? null) === (b.lastInPersonContact ?? null) &&
    (a.lastReachable ?? null) === (b.lastReachable ?? null) &&
    a.policyVersion === b.policyVersion
  );
}

/** The rows the rules need for a batch of persons, grouped by person. */
export async function loadInputs(exec: Executor, deps: Pick<SyncDeps, 'communityMeasures' | 'persons'>, personIds: string[], loaded?: Loaded) {
  return {
    people: loaded?.people ?? (await deps.persons.contextOf(exec, personIds)),
    measures: groupBy(loaded?.measures ?? (await deps.communityMeasures(exec, personIds)), (r) => r.personId),
    records: groupBy(await q.recordsForRules(exec, personIds), (r) => r.personId),
    leaves: groupBy(await q.leavesOf(exec, personIds), (r) => r.personId),
    absences: groupBy(await q.absencesOf(exec, personIds), (r) => r.personId),
  };
}
export type Inputs = Awaited<ReturnType<typeof loadInputs>>;

/** The rules applied to one loaded person (no writes). */
export function assessLoaded(inputs: Inputs, personId: string, policy: Policy, today: string, timeDriven: boolean): PersonOutcome {
  return assessPerson({
    timeDriven,
    measures: (inputs.measures.get(personId) ?? []).map((x) => x.measure),
    records: (inputs.records.get(personId) ?? []) as RecordInput[],
    leaves: (inputs.leaves.get(personId) ?? []) as LeaveInput[],
    absences: (inputs.absences.get(personId) ?? []) as AbsenceInput[],
    policy,
    today,
  });
}

/** The rules over a loaded batch, each person under his unit's policy (in a worker thread when `pool` has them). */
async function assessAll(pool: AssessPool, inputs: Inputs, policyOf: (p: Inputs['people'][number]) => Policy, today: string, timeDriven: boolean) {
  const policies: Policy[] = [];
  const index = new Map<Policy, number>();
  const persons = inputs.people.map((p) => {
    const policy = policyOf(p);
    let i = index.get(policy);
    if (i === undefined) index.set(policy, (i = policies.push(policy) - 1));
    return { id: p.id, policy: i };
  });
  const batch: AssessBatch = { persons, policies, measures: inputs.measures, records: inputs.records, leaves: inputs.leaves, absences: inputs.absences, today, timeDriven };
  return pool.assess(batch);
}

/** Every counter of a recompute at zero. */
export const emptySyncCounts = (): SyncCounts => ({
  persons: 0,
  tasksWritten: 0,
  tasksDeleted: 0,
  tasksUnchanged: 0,
  statusWritten: 0,
  notices: 0,
  education: 0,
  loadMs: 0,
  computeMs: 0,
  writeMs: 0,
  raiseMs: 0,
});

export async function syncPersons(
  exec: Executor,
  deps: SyncDeps,
  personIds: string[],
  ctx: RequestContext,
  today: string,
  resolve: PolicyResolver,
  timeDriven: boolean,
  loaded?: Loaded,
  cause: WithdrawalCause = 'facts_changed',
): Promise<SyncResult> {
  const counts = emptySyncCounts();
  const outcomes: SyncResult['outcomes'] = new Map();
  if (personIds.length === 0) return { counts, outcomes, notices: [], education: [], withdrawn: { notices: [], education: [] }, people: [], inputs: null };
  // One recompute of a person at a time: a write about him and the daily run never interleave.
  // The lock returns the persons' context, so it is one statement; a caller holding it passes it.
  const people = loaded?.people ?? (await deps.persons.lockForUpdate(exec, personIds));
  // Read before the inputs: a write committed in between raises the version past the one stored
  // with this outcome, so the next full recompute looks at him again rather than trusting it.
  // Only the daily rules store a key (a write's own recompute keeps the stored one: the write
  // raised the version, so that key no longer matches).
  const versions = timeDriven ? await q.inputVersions(exec, personIds) : null;
  let lap = performance.now();
  const elapsed = () => {
    const now = performance.now();
    const ms = now - lap;
    lap = now;
    return Math.round(ms);
  };
  const inputs = await loadInputs(exec, deps, personIds, { people, measures: loaded?.measures });
  const existingStatus = new Map((await q.statusOfPersons(exec, personIds)).map((s) => [s.personId, s]));
  const existingSync = new Map((await q.syncOfPersons(exec, personIds)).map((s) => [s.personId, s]));

  counts.loadMs += elapsed();
  const computedOutcomes = await assessAll(deps.assess ?? inlineAssess, inputs, (p) => resolve(p.orgPath).policy, today, timeDriven);
  const now = deps.now();
  const computed = new Map<string, q.NewTaskRow[]>();
  const syncRows: q.NewSyncRow[] = [];
  const statusRows: q.NewStatusRow[] = [];
  const statusGone: string[] = [];
  const noticeRows: Parameters<typeof q.insertNotices>[1] = [];
  const educationRows: Parameters<typeof q.insertEducation>[1] = [];

  for (const p of people) {
    counts.persons++;
    const policy = resolve(p.orgPath).policy;
    const outcome = computedOutcomes.get(p.id)!;
    outcomes.set(p.id, { ...outcome, policy });

    const rows = outcome.tasks.map((t): q.NewTaskRow => ({
      measureId: t.measureId,
      key: t.key,
      personId: p.id,
      kind: t.kind,
      dueDate: t.dueDate,
      windowStart: t.windowStart,
      windowEnd: t.windowEnd,
      state: t.state,
      recordId: t.recordId ?? null,
      policyVersion: policy.version,
      open: t.open,
      updatedAt: now,
    }));
    // The same tasks as last stored: no task row is read or written for this person.
    const hash = tasksHash(rows);
    const before = existingSync.get(p.id);
    if (before?.tasksHash === hash) counts.tasksUnchanged += rows.length;
    else computed.set(p.id, rows);
    // Only a computation under the daily rules may be trusted by the next full recompute.
    const key = versions ? inputsKey(versions.get(p.id) ?? '0', policy, p.orgUnitId) : (before?.inputsKey ?? null);
    // A write that leaves a time-driven fact for today gives it a grace; the time-driven run clears it.
    const reviewAfter = !timeDriven && outcome.reviewOn === today ? (before?.reviewAfter ?? new Date(now.getTime() + TIME_FACT_GRACE_MINUTES * 60_000)) : null;
    if (
      !before ||
      before.tasksHash !== hash ||
      (before.reviewOn ?? null) !== outcome.reviewOn ||
      before.orgUnitId !== p.orgUnitId ||
      (before.inputsKey ?? null) !== key ||
      (before.reviewAfter?.getTime() ?? null) !== (reviewAfter?.getTime() ?? null)
    ) {
      syncRows.push({ personId: p.id, orgUnitId: p.orgUnitId, tasksHash: hash, reviewOn: outcome.reviewOn, inputsKey: key, reviewAfter, updatedAt: now });
    }

    if (outcome.status) {
      const { assessment: a, lostContact: c } = outcome.status;
      const row: q.NewStatusRow = {
        personId: p.id,
        measureId: outcome.status.measureId,
        level: a.level,
        reasons: a.reasons,
        refusals: a.counts.refusals,
        evasions: a.counts.evasions,
        unauthorisedDepartures: a.counts.unauthorisedDepartures,
        absenceDays: a.counts.absenceDays,
        untilTests: a.untilSerious.tests,
        untilDepartures: a.untilSerious.departures,
        untilAbsenceDays: a.untilSerious.absenceDays,
        lostContact: c.lost,
        lastInPersonContact: c.lastInPersonContact,
        lastReachable: c.lastReachable,
        policyVersion: policy.version,
        assessedOn: today,
        updatedAt: now,
      };
      const before = existingStatus.get(p.id);
      if (!before || !sameStatus(before, row)) statusRows.push(row);
    } else if (existingStatus.has(p.id)) statusGone.push(p.id);

    const deadline = noticeDeadline(now, policy);
    for (const n of outcome.notices) {
      noticeRows.push({
        personId: p.id,
        measureId: n.measureId,
        reason: n.reason,
        factKey: n.factKey,
        factDate: n.factDate,
        details: n.details,
        policyVersion: policy.version,
        deadline,
        createdAt: now,
        createdBy: ctx.actor?.userId ?? null,
      });
    }
    for (const e of outcome.education) {
      educationRows.push({
        personId: p.id,
        measureId: e.measureId,
        reason: e.reason,
        factKey: e.factKey,
        factDate: e.factDate,
        details: e.details,
        policyVersion: policy.version,
        createdAt: now,
        createdBy: ctx.actor?.userId ?? null,
      });
    }
  }

  counts.computeMs += elapsed();
  // Only the persons whose tasks changed: read what is stored, write the difference.
  const changed = [...computed.keys()];
  const existingTasks = new Map((await q.tasksOfPersons(exec, changed)).map((t) => [taskId(t.measureId, t.key), t]));
  const produced = new Set<string>();
  const upserts: q.NewTaskRow[] = [];
  for (const rows of computed.values()) {
    for (const row of rows) {
      const id = taskId(row.measureId, row.key);
      produced.add(id);
      const stored = existingTasks.get(id);
      if (stored && sameTask(stored, row)) counts.tasksUnchanged++;
      else upserts.push(row);
    }
  }
  const gone = [...existingTasks.values()].filter((t) => !produced.has(taskId(t.measureId, t.key)));
  await q.upsertTasks(exec, upserts);
  await q.upsertSync(exec, syncRows);
  await q.deleteTasks(exec, gone);
  await q.upsertStatus(exec, statusRows);
  await q.deleteStatus(exec, statusGone);
  counts.tasksWritten = upserts.length;
  counts.tasksDeleted = gone.length;
  counts.statusWritten = statusRows.length + statusGone.length;
  counts.writeMs += elapsed();

  const byId = new Map(people.map((p) => [p.id, p]));
  // Withdrawals first: a withdrawn notice frees its fact, which may be raised again below.
  const withdrawn = await withdrawOutlived(exec, deps, ctx, byId, outcomes, cause);
  const notices = await q.insertNotices(exec, noticeRows);
  // C6: the police of the person's area hear of it in the app too, besides the worker's delivery.
  const police = notices.length ? await deps.holdersOver(exec, 'notice.acknowledge', [...new Set(notices.map((n) => byId.get(n.personId)!.orgPath))]) : new Map<string, string[]>();
  for (const n of notices) {
    const p = byId.get(n.personId)!;
    await deps.audit.record(exec, ctx, {
      action: 'notice.create',
      entityType: 'police_notice',
      entityId: n.id,
      personId: n.personId,
      orgPath: p.orgPath,
      after: { reason: n.reason, factKey: n.factKey, factDate: n.factDate, deadline: n.deadline.toISOString(), policyVersion: n.policyVersion, details: n.details },
    });
    const zh = label('noticeReason', n.reason, 'zh-CN');
    const details = { kind: 'notice', noticeId: n.id, reason: n.reason };
    const messages: NewMessage[] = (police.get(p.orgPath) ?? []).map((userId) => ({
      channel: 'in_app',
      recipientUserId: userId,
      personId: p.id,
      dedupeKey: `notice:${n.id}:police:${userId}`,
      title: `通报 · ${zh}`,
      body: `${p.name}：${zh}（${n.factDate}）。社区戒毒（康复）工作人员将送达书面通报，请接收后在系统中签收。`,
      details: { ...details, audience: 'police' },
    }));
    if (p.workerId) {
      messages.push({
        channel: 'in_app',
        recipientUserId: p.workerId,
        personId: p.id,
        dedupeKey: `notice:${n.id}:worker`,
        title: `通报公安 · ${zh}`,
        body: `${p.name}：${zh}（${n.factDate}）。请在期限内送达派出所并登记送达。`,
        details,
      });
    }
    await deps.reminders.enqueue(exec, messages);
  }
  const education = await q.insertEducation(exec, educationRows);
  for (const e of education) {
    await deps.audit.record(exec, ctx, {
      action: 'education.create',
      entityType: 'education_record',
      entityId: e.id,
      personId: e.personId,
      orgPath: byId.get(e.personId)!.orgPath,
      after: { reason: e.reason, factKey: e.factKey, factDate: e.factDate, policyVersion: e.policyVersion },
    });
  }
  counts.notices = notices.length;
  counts.education = education.length;
  counts.raiseMs += elapsed();
  return { counts, outcomes, notices, education, withdrawn, people, inputs };
}
