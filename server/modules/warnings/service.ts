// Early warning (issue 13): risk classes (D4, D6) with their explanation and the street's
// override, alerts with an owner, a deadline (K17) and an outcome, their handling and
// escalation. Other modules' data comes through their services; the recompute is in derive.ts.
import './audit-actions';
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import type { RequestContext } from '../../http/context';
import { fieldError } from '../../errors';
import { registerMessages } from '../../messages';
import type { PersonService } from '../persons/service';
import type { PolicyService } from '../policy/service';
import type { UserService } from '../users/service';
import type { SupervisionService } from '../supervision/service';
import type { Ctx } from '../supervision/core';
import { compareDates } from '../../../core/rules/dates';
import { effectiveClass, type RiskClass } from '../../../core/rules/risk';
import { alertDeadline, alertSeverity, isExternalAlertFact, type AlertKind } from '../../../core/rules/alerts';
import { label } from '../../../core/labels';
import { alertTally, type AlertTally } from '../../../core/rules/indicators';
import type { RiskOverrideBody } from '../../../core/contracts/warnings';
import type { Permission } from '../../../core/contracts/permissions';
import { derive, type DeriveCounts, type DeriveDeps } from './derive';
import { alertHandling } from './handling';
import { classificationView, overrideView } from './presenter';
import { escalate } from './escalation';
import * as q from './queries';

registerMessages({
  'alert.not_found': ['预警不存在', 'No such alert'],
  'alert.closed': ['该预警已被他人办结或已撤回', 'This alert was already closed or withdrawn'],
  'alert.not_open': ['该预警已办结或已撤回，不能再处置', 'This alert is closed or withdrawn: it can no longer be handled'],
  'alert.record_invalid': ['关联的记录须为该人员的有效记录', 'The linked record must be a live record of this person'],
  'alert.assignee_invalid': ['只能转派给对该人员有工作权限的人员', 'An alert can only go to someone who works on this person'],
  'risk.expiry_past': ['有效期不能早于今天', 'The expiry cannot be before today'],
});

export const WARNINGS_JOB = 'warnings.hourly';
/** Issue 13: escalations and the day's reclassification, each hour (calendar alerts come with supervision's 15-minute recompute). */
export const WARNINGS_EVERY_MS = 3_600_000;
const JOB_CTX: RequestContext = { actor: null, ip: null, userAgent: 'job:warnings' };

export function createWarningService(
  deps: Omit<DeriveDeps, 'now' | 'persons'> & {
    db: Db;
    clock: Clock;
    persons: PersonService;
    policy: Pick<PolicyService, 'resolver'>;
    users: Pick<UserService, 'holdersOver' | 'names'>;
    supervision: SupervisionService;
    /** SUNFLOWER_TZ: K17 counts alerts by the calendar day they were raised. */
    timeZone: string;
    batchSize?: number;
  },
) {
  const { db, audit, persons } = deps;
  const batchSize = deps.batchSize ?? 500;
  const deriveDeps: DeriveDeps = { ...deps, now: () => deps.clock.now() };
  // Every supervision recompute (a record, a void, a leave, the 15-minute run) reclassifies in its transaction.
  deps.supervision.onSynced((exec, synced) => derive(exec, deriveDeps, synced).then(() => undefined));

  /** A person in scope with `perm`, else 404 (the person check of every person-level read and write). */
  const access = (exec: Executor, ctx: Ctx, personId: string, perm: Permission = 'supervision.read') => persons.access(exec, ctx.actor, personId, perm);

  async function riskOf(exec: Executor, personId: string, today: string) {
    const [current] = await q.currentClassifications(exec, [personId]);
    const history = await q.classificationHistory(exec, personId, 20);
    const overrides = await q.overrideHistory(exec, personId);
    const names = await deps.users.names(exec, [...new Set(overrides.map((o) => o.createdBy))]);
    const views = overrides.map((o) => overrideView(o, names, today));
    const inForce = views.find((o) => o.inForce) ?? null;
    const computed = current ? classificationView(current) : null;
    const riskClass = computed ? effectiveClass(computed.riskClass, inForce, today) : (inForce?.riskClass ?? null);
    return { personId, riskClass, computed, override: inForce, history: history.map(classificationView), overrides: views };
  }

  /** Reclassifies every person under a community measure (the daily part of the hourly job; the bench). */
  async function reclassifyAll(exec: Executor): Promise<DeriveCounts> {
    const ids = await persons.idsUnderMeasureIn(exec, '/');
    const total: DeriveCounts = { persons: 0, reclassified: 0, raised: 0, withdrawn: 0 };
    for (let i = 0; i < ids.length; i += batchSize) {
      const batch = ids.slice(i, i + batchSize);
      const assessed = await deps.supervision.assessFor(exec, batch);
      const r = await derive(exec, deriveDeps, { ...assessed, ctx: JOB_CTX, cause: 'facts_changed' });
      for (const k of Object.keys(total) as (keyof DeriveCounts)[]) total[k] += r[k];
    }
    return total;
  }

  return {
    /** P4, issue 14: the retention purge of a person's rows of this module, in the purge's transaction (sealing/daily.ts). */
    purgePerson: (tx: Executor, personId: string) => q.purgePerson(tx, personId),
    ...alertHandling({ db, clock: deps.clock, audit, persons, users: deps.users, supervision: deps.supervision }),

    /** D4: the class in force, why (each factor with its records), the override and the history. */
    async risk(ctx: Ctx, personId: string) {
      const p = await access(db, ctx, personId);
      const view = await riskOf(db, personId, deps.clock.today());
      await audit.record(db, ctx, { action: 'risk.read', entityType: 'person', entityId: personId, personId, orgPath: p.orgPath, details: { riskClass: view.riskClass } });
      return view;
    },

    /** D4: the street overrides the class with a reason and an expiry (not in the past); the earlier one ends, both are kept. */
    override: (ctx: Ctx, personId: string, body: RiskOverrideBody) =>
      db.transaction(async (tx) => {
        const p = await access(tx, ctx, personId, 'leave.approve');
        const today = deps.clock.today();
        if (compareDates(body.expiresOn, today) < 0) throw fieldError('expiresOn', 'risk.expiry_past');
        const now = deps.clock.now();
        await q.endOverrides(tx, personId, now);
        await q.insertOverride(tx, { personId, riskClass: body.riskClass, reason: body.reason, expiresOn: body.expiresOn, createdBy: ctx.actor.userId, createdAt: now });
        await persons.setRiskLevel(tx, personId, body.riskClass as RiskClass);
        await audit.record(tx, ctx, {
          action: 'risk.override',
          entityType: 'person',
          entityId: personId,
          personId,
          orgPath: p.orgPath,
          purpose: body.reason,
          details: { riskClass: body.riskClass, expiresOn: body.expiresOn },
        });
        return riskOf(tx, personId, today);
      }),

    reclassifyAll,

    /**
     * Issue 14: an alert whose fact another module judges (C11 after a transfer: kind
     * `lost_contact`, fact `transfer:<id>`), in the caller's transaction, into the inbox of the
     * person's current unit with his worker as owner; once per fact (the partial unique index).
     * Sealed files (P4) raise nothing. Returns the alert, or null when it stands already.
     */
    async raiseFactAlert(
      tx: Executor,
      ctx: RequestContext,
      f: { personId: string; kind: AlertKind; factKey: string; factDate: string; links: { type: 'measure'; id: string }[]; details: Record<string, unknown> },
    ): Promise<q.AlertRow | null> {
      if (!isExternalAlertFact(f.factKey)) throw new Error(`not an external alert fact: ${f.factKey}`);
      const [p] = await persons.contextOf(tx, [f.personId]);
      if (!p || p.sealed) return null;
      const policy = (await deps.policy.resolver(tx))(p.orgPath).policy;
      const now = deps.clock.now();
      const severity = alertSeverity[f.kind];
      const [a] = await q.insertAlerts(tx, [
        {
          personId: p.id,
          orgUnitId: p.orgUnitId,
          kind: f.kind,
          factKey: f.factKey,
          factDate: f.factDate,
          severity,
          ownerUserId: p.workerId,
          deadline: alertDeadline(now, severity, policy),
          links: f.links,
          details: f.details,
          policyVersion: policy.version,
          raisedAt: now,
        },
      ]);
      if (!a) return null;
      await q.insertEvents(tx, [{ alertId: a.id, kind: 'raised', actorId: ctx.actor?.userId ?? null, at: now, details: { severity } }]);
      await audit.record(tx, ctx, { action: 'alert.raise', entityType: 'alert', entityId: a.id, personId: p.id, orgPath: p.orgPath, details: { kind: a.kind, severity } });
      if (a.ownerUserId) {
        const zh = label('alertKind', a.kind, 'zh-CN');
        await deps.reminders.enqueue(tx, [
          {
            channel: 'in_app',
            recipientUserId: a.ownerUserId,
            personId: p.id,
            dedupeKey: `alert:${a.id}:raised`,
            title: `预警 · ${zh}`,
            body: `${p.name}：${zh}（${a.factDate}）。请在期限内处置。`,
            details: { kind: 'alert', alertId: a.id },
          },
        ]);
      }
      return a;
    },

    /** Issue 14: withdraws the open alert of an external fact that no longer holds (the person reported), with the reason; null when none is open. */
    async withdrawFactAlert(tx: Executor, ctx: RequestContext, f: { personId: string; kind: AlertKind; factKey: string }): Promise<q.AlertRow | null> {
      const standing = (await q.standingAlerts(tx, [f.personId])).find((a) => a.kind === f.kind && a.factKey === f.factKey);
      if (!standing) return null;
      const now = deps.clock.now();
      const [a] = await q.withdrawAlerts(tx, [{ id: standing.id, reason: 'facts_changed' }], now);
      if (!a) return null;
      await q.insertEvents(tx, [{ alertId: a.id, kind: 'withdrawn', actorId: null, at: now, details: { reason: a.withdrawalReason } }]);
      const [p] = await persons.contextOf(tx, [f.personId]);
      await audit.record(tx, ctx, {
        action: 'alert.withdraw',
        entityType: 'alert',
        entityId: a.id,
        personId: a.personId,
        orgPath: p?.orgPath,
        details: { kind: a.kind, reason: a.withdrawalReason },
      });
      return a;
    },

    /**
     * K17 for the governance indicators (read-only; the caller has checked scope): alerts raised
     * under a path in a period, those owed and those handled within their deadline, with the
     * alerts and persons behind each side.
     */
    async k17(exec: Executor, path: string, from: string, to: string): Promise<AlertTally> {
      const rows = await q.alertsRaisedIn(exec, { path, from, to, timeZone: deps.timeZone });
      const facts = rows.map((r) => ({ alertId: r.alertId, personId: r.personId, deadlineMs: r.deadline.getTime(), handledMs: (r.handledAt ?? r.closedAt)?.getTime() ?? null }));
      return alertTally(facts, deps.clock.now().getTime());
    },

    /** Reclassifies some persons now, in `exec` (tests). */
    async reclassify(exec: Executor, personIds: string[]) {
      const assessed = await deps.supervision.assessFor(exec, personIds);
      return derive(exec, deriveDeps, { ...assessed, ctx: JOB_CTX, cause: 'facts_changed' });
    },

    /**
     * The hourly job: escalates alerts left untouched past their deadline, and once per calendar
     * day (SUNFLOWER_TZ) reclassifies everyone under a measure (factors that age: a release, a
     * visit, a measure's end; an override's expiry). Idempotent: a second run the same hour finds
     * nothing to escalate and the day's run noted.
     */
    async runHourly(tx: Executor) {
      const now = deps.clock.now();
      const escalated = await escalate(tx, { audit, users: deps.users, reminders: deps.reminders, policy: deps.policy }, now, JOB_CTX);
      const today = deps.clock.today();
      if (await q.ranOn(tx, today)) return { escalated, reclassified: null };
      const r = await reclassifyAll(tx);
      await q.noteRun(tx, today, now, r.persons);
      if (r.persons) await audit.record(tx, JOB_CTX, { action: 'warnings.reclassify', entityType: 'job', details: { ...r, escalated } });
      return { escalated, reclassified: r };
    },
  };
}

export type WarningService = ReturnType<typeof createWarningService>;
