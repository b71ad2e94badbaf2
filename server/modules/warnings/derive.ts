// The warnings recompute (issue 13): after every supervision recompute (a record written, the
// 15-minute calendar run) and in the daily run, in the caller's transaction: the risk class of
// each person (D4), its history, the file's derived class, and the alerts the facts support —
// raised once per fact, withdrawn with a reason when the fact is gone (decision 0012's habit).
import type { Executor } from '../../db/client';
import type { RequestContext } from '../../http/context';
import type { AuditService } from '../audit/service';
import type { PersonService } from '../persons/service';
import type { MeasureService } from '../measures/service';
import type { AssistanceService } from '../assistance/service';
import type { ReminderService, NewMessage } from '../reminders/service';
import type { SupervisionService, Synced } from '../supervision/service';
import type { Policy } from '../../../core/rules/policy';
import { classifyRisk, effectiveClass, type RiskClass, type RiskClassification } from '../../../core/rules/risk';
import { alertDeadline, alertsFor, alertWithdrawals, type AlertOut } from '../../../core/rules/alerts';
import type { AlertWithdrawalReason } from '../../../core/contracts/warnings';
import { label } from '../../../core/labels';
import { alertFacts, riskFacts, type Loaded } from './facts';
import * as q from './queries';

export interface DeriveDeps {
  audit: AuditService;
  persons: Pick<PersonService, 'useOf' | 'setRiskLevel'>;
  measures: Pick<MeasureService, 'otherOf'>;
  supervision: Pick<SupervisionService, 'latestVisitForms'>;
  assistance: Pick<AssistanceService, 'riskFactsOf'>;
  reminders: Pick<ReminderService, 'enqueue'>;
  now: () => Date;
}

export interface DeriveCounts {
  persons: number;
  reclassified: number;
  raised: number;
  withdrawn: number;
}

const groupBy = <T>(rows: T[], key: (r: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
};

/** Everything else the rules read for a batch, one statement per source. */
async function loadOthers(exec: Executor, deps: DeriveDeps, ids: string[]) {
  const [measures, use, visits, assistance, current, overrides, standing] = [
    groupBy(await deps.measures.otherOf(exec, ids), (r) => r.personId),
    new Map((await deps.persons.useOf(exec, ids)).map((r) => [r.id, r])),
    new Map((await deps.supervision.latestVisitForms(exec, ids)).map((r) => [r.personId, r])),
    await deps.assistance.riskFactsOf(exec, ids),
    new Map((await q.currentClassifications(exec, ids)).map((r) => [r.personId, r])),
    new Map((await q.currentOverrides(exec, ids)).map((r) => [r.personId, r])),
    groupBy(await q.standingAlerts(exec, ids), (r) => r.personId),
  ];
  return { measures, use, visits, assistance, current, overrides, standing };
}

/** JSON with every object's keys sorted: jsonb gives a stored object back with its keys reordered (shortest first). */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );

/** Identifies a classification: what a stored row holds but when it was written (a run that changes nothing writes nothing). */
const sameClassification = (row: q.ClassificationRow | undefined, c: RiskClassification) =>
  !!row && row.riskClass === c.riskClass && row.score === c.score && row.policyVersion === c.policyVersion && canonical(row.factors) === canonical(c.factors);

/** Why an alert whose fact is gone is withdrawn (T7/C4: a leave excusing the task; 0012: a voided or corrected record). */
function withdrawalReason(a: q.AlertRow, l: Loaded, cause: Synced['cause']): AlertWithdrawalReason {
  if (a.kind === 'test_overdue' || a.kind === 'check_in_overdue') {
    const task = l.outcome.tasks.find((t) => `${t.measureId}|${t.key}` === a.factKey);
    if (task?.state === 'excused') return 'leave_covers';
  }
  const links = a.links as { type: string; id: string }[];
  const record = links.find((x) => x.type === 'record');
  if (record && !l.tests.some((t) => t.id === record.id)) return cause === 'record_corrected' ? 'record_corrected' : 'record_voided';
  return cause === 'facts_changed' ? 'facts_changed' : cause;
}

export async function derive(exec: Executor, deps: DeriveDeps, synced: Omit<Synced, 'ctx' | 'cause'> & { ctx: RequestContext; cause: Synced['cause'] }): Promise<DeriveCounts> {
  const counts: DeriveCounts = { persons: 0, reclassified: 0, raised: 0, withdrawn: 0 };
  const people = synced.people.filter((p) => !p.sealed);
  const ids = people.map((p) => p.id);
  if (ids.length === 0) return counts;
  const o = await loadOthers(exec, deps, ids);
  const records = synced.inputs.records;
  const now = deps.now();
  const today = synced.today;
  const superseded: string[] = [];
  const newRows: Parameters<typeof q.insertClassifications>[1] = [];
  const alertRows: Parameters<typeof q.insertAlerts>[1] = [];
  const gone: { id: string; reason: string }[] = [];
  const audits: Parameters<AuditService['recordMany']>[2] = [];
  const level = new Map<string, RiskClass>();

  for (const p of people) {
    const outcome = synced.outcomes.get(p.id);
    if (!outcome) continue;
    counts.persons++;
    const policy: Policy = outcome.policy;
    const loaded: Loaded = {
      measures: [...(synced.inputs.measures.get(p.id) ?? []), ...(o.measures.get(p.id) ?? [])].map((x) => x.measure),
      tests: (records.get(p.id) ?? []).filter((r) => r.kind === 'drug_test').map((r) => ({ id: r.id, date: r.date, result: r.result })),
      leaves: synced.inputs.leaves.get(p.id) ?? [],
      visit: o.visits.get(p.id) ?? null,
      use: o.use.get(p.id) ?? null,
      assistance: { severe: o.assistance.severe.get(p.id) ?? null, planned: o.assistance.planned.has(p.id) },
      outcome,
    };
    const c = classifyRisk(riskFacts(loaded, policy), policy, today);
    const before = o.current.get(p.id);
    const highSince = c.riskClass === 'high' ? (before?.riskClass === 'high' ? (before.highSince ?? today) : today) : null;
    if (!sameClassification(before, c)) {
      if (before) superseded.push(before.id);
      newRows.push({ personId: p.id, riskClass: c.riskClass, score: c.score, factors: c.factors, policyVersion: c.policyVersion, computedOn: today, highSince, createdAt: now });
      if (before?.riskClass !== c.riskClass) {
        audits.push({
          action: 'risk.classify',
          entityType: 'person',
          entityId: p.id,
          personId: p.id,
          orgPath: p.orgPath,
          details: { from: before?.riskClass ?? null, to: c.riskClass, score: c.score, policyVersion: c.policyVersion },
        });
      }
    }
    const override = o.overrides.get(p.id);
    const effective = effectiveClass(c.riskClass, override ? { riskClass: override.riskClass as RiskClass, expiresOn: override.expiresOn } : null, today);
    if (o.use.get(p.id)?.riskLevel !== effective) level.set(p.id, effective);

    const produced = alertsFor(alertFacts(loaded, c.riskClass, highSince, policy, today), today);
    const stored = o.standing.get(p.id) ?? [];
    const have = new Set(stored.map((a) => `${a.kind}|${a.factKey}`));
    for (const a of produced.filter((x) => !have.has(`${x.kind}|${x.factKey}`))) alertRows.push(alertRow(p, a, policy, now));
    for (const a of alertWithdrawals(stored as { id: string; kind: string; factKey: string; status: 'open' }[], produced)) {
      gone.push({ id: a.id, reason: withdrawalReason(a as q.AlertRow, loaded, synced.cause) });
    }
  }

  await q.supersede(exec, superseded, now);
  await q.insertClassifications(exec, newRows);
  for (const [id, l] of level) await deps.persons.setRiskLevel(exec, id, l);
  counts.reclassified = newRows.length;
  const raised = await q.insertAlerts(exec, alertRows);
  const withdrawn = await q.withdrawAlerts(exec, gone, now);
  counts.raised = raised.length;
  counts.withdrawn = withdrawn.length;
  await q.insertEvents(exec, [
    ...raised.map((a) => ({ alertId: a.id, kind: 'raised', actorId: synced.ctx.actor?.userId ?? null, at: now, details: { severity: a.severity } })),
    ...withdrawn.map((a) => ({ alertId: a.id, kind: 'withdrawn', actorId: null, at: now, details: { reason: a.withdrawalReason } })),
  ]);
  const pathOf = new Map(people.map((p) => [p.id, p.orgPath]));
  for (const a of raised)
    audits.push({
      action: 'alert.raise',
      entityType: 'alert',
      entityId: a.id,
      personId: a.personId,
      orgPath: pathOf.get(a.personId),
      details: { kind: a.kind, severity: a.severity },
    });
  for (const a of withdrawn)
    audits.push({
      action: 'alert.withdraw',
      entityType: 'alert',
      entityId: a.id,
      personId: a.personId,
      orgPath: pathOf.get(a.personId),
      details: { kind: a.kind, reason: a.withdrawalReason },
    });
  if (audits.length) await deps.audit.recordMany(exec, synced.ctx, audits);
  await deps.reminders.enqueue(exec, raisedMessages(raised, people));
  return counts;
}

function alertRow(p: Synced['people'][number], a: AlertOut, policy: Policy, now: Date): Parameters<typeof q.insertAlerts>[1][number] {
  return {
    personId: p.id,
    orgUnitId: p.orgUnitId,
    kind: a.kind,
    factKey: a.factKey,
    factDate: a.factDate,
    severity: a.severity,
    ownerUserId: p.workerId,
    deadline: alertDeadline(now, a.severity, policy),
    links: a.links,
    details: a.details,
    policyVersion: policy.version,
    raisedAt: now,
  };
}

/** The owner hears of a high alert in the app at once (the others wait in the inbox). */
function raisedMessages(raised: q.AlertRow[], people: Synced['people']): NewMessage[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  return raised
    .filter((a) => a.severity === 'high' && a.ownerUserId)
    .map((a) => {
      const zh = label('alertKind', a.kind, 'zh-CN');
      return {
        channel: 'in_app' as const,
        recipientUserId: a.ownerUserId,
        personId: a.personId,
        dedupeKey: `alert:${a.id}:raised`,
        title: `预警 · ${zh}`,
        body: `${byId.get(a.personId)?.name ?? ''}：${zh}（${a.factDate}）。请在期限内处置。`,
        details: { kind: 'alert', alertId: a.id },
      };
    });
}
