import './audit-actions';
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import { conflict, fieldError, notFound } from '../../errors';
import { registerMessages } from '../../messages';
import { inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import { compareDates } from '../../../core/rules/dates';
import { assistanceIndicators, assistanceIndicatorSets, needOfService, placementDatesValid, reassessmentDueOn, type ServiceKind } from '../../../core/rules/assistance';
import type { AssessmentBody, PlanBody, ServiceBody } from '../../../core/contracts/assistance';
import { localized } from '../../../core/labels';
import type { AuditService } from '../audit/service';
import type { PersonService } from '../persons/service';
import type { OrgService } from '../org/service';
import { TIE } from '../persons/timeline';
import * as q from './queries';
import * as present from './presenter';
import { createPartnerService } from './partners';
import { createReferralService } from './referrals';
import { createTaskService } from './tasks';
import type { Policy } from '../../../core/rules/policy';
import type { ReassessmentTrigger } from '../../../core/rules/assistance';

registerMessages({
  'assistance.date_future': ['日期不能晚于今天', 'The date cannot be in the future'],
  'assistance.need_duplicate': ['同一需求只能评估一次', 'Each need is assessed once'],
  'assistance.partner_required': ['由合作单位负责的措施须选择合作单位', 'An action owned by a partner names the partner'],
  'assistance.partner_not_serving': ['该合作单位不服务此人员所在辖区', "This partner does not serve the person's area"],
  'assistance.partner_full': ['该合作单位已无空余名额', 'This partner has no free place'],
  'assistance.action_invalid': ['该措施不属于此人员当前的帮扶计划', "This action is not in the person's current plan"],
  'assistance.plan_approved': ['该版本计划已审批', 'This version of the plan is approved already'],
  'assistance.plan_superseded': ['该版本已被新版本取代，请审批最新版本', 'A newer version exists: approve the latest one'],
  'assistance.placement_dates': ['离职日期不能早于入职日期', 'A placement cannot end before it starts'],
  'assistance.review_before_today': ['评估回顾日期不能早于今天', 'The review date cannot be before today'],
  'assistance.consent_required': ['转介给该合作单位须先记录本人同意（P2）', "Referring to this partner needs the person's recorded consent (P2)"],
  'assistance.consent_refused': ['本人未同意，不能转介给该合作单位（P2）', 'The person refused consent: this referral cannot be sent (P2)'],
  'assistance.referral_duplicate': ['已有同一需求转介给该合作单位且尚未结束', 'An open referral for this need to this partner exists already'],
  'assistance.referral_step': ['转介当前状态下不能执行此操作', "This step is not allowed in the referral's current status"],
  'assistance.service_kind': ['完成转介须登记与需求相符的服务', 'Completing the referral records a service for its need'],
  'assistance.period': ['起止日期无效', 'Invalid period'],
  'partner.not_found': ['合作单位不存在', 'No such partner'],
  'partner.served_invalid': ['服务辖区须在本人管辖范围内', 'The served units must be within your area'],
  'partner.exists': ['本单位已有同名合作单位', "A partner of this name is in this unit's directory already"],
  'partner.staff_invalid': ['该账号须持有“合作单位”角色', 'The account must hold the partner role'],
  'referral.not_found': ['转介不存在或已结束', 'No such open referral'],
  'plan.not_found': ['帮扶计划不存在', 'No such plan'],
  'service.not_found': ['该就业安置记录不存在', 'No such placement'],
  'assistance.check_month': ['回访月份须为政策规定的月份（默认第 3、6、12 个月）', 'The check month must be one of the policy (by default 3, 6 or 12)'],
  'assistance.check_duplicate': ['该月份的在岗回访已登记', 'This month has been checked already'],
  'assistance.placement_ended': ['该就业安置已结束，不再回访', 'This placement has ended: no more checks'],
  'assistance.relief_decided': ['该救助申请已有审批结果', 'This relief application has been decided already'],
  'assistance.relief_dates': ['审批日期不能早于申请日期', 'The decision cannot come before the application'],
});

type Ctx = RequestContext & { actor: Principal };

export function createAssistanceService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  persons: PersonService;
  org: OrgService;
  /** The needs the latest visit noted (supervision); they show as open needs of the plan. */
  visitNeeds: (exec: Executor, personId: string) => Promise<string[]>;
  isPartnerAccount: (userId: string) => Promise<boolean>;
  /** Display names of accounts (the users service). */
  userNames: (exec: Executor, ids: string[]) => Promise<Map<string, string>>;
  /** The policy in force per org path (policy service): the cadences of item 1, 3 and 5. */
  policies: (exec: Executor) => Promise<(orgPath: string | null) => Policy>;
  /** Measure starts, transfers and relapses of some persons (measures, persons, supervision). */
  triggers: (exec: Executor, personIds: string[]) => Promise<({ personId: string } & ReassessmentTrigger)[]>;
}) {
  const { db, audit } = deps;
  const today = () => deps.clock.today();
  const names = (exec: Executor, ids: (string | null)[]) => deps.userNames(exec, [...new Set(ids.filter((x): x is string => !!x))]);
  const notFuture = (path: string, date: string) => {
    if (compareDates(date, today()) > 0) throw fieldError(path, 'assistance.date_future');
  };

  /**
   * Records a service and closes the plan action it answers: the one named, else the open action
   * for the service's need in the current plan (item 3). A placement takes a place at its
   * employer or base, refused when none is free (item 6). The caller holds the transaction.
   */
  async function recordService(
    tx: Executor,
    ctx: Ctx,
    p: { id: string; orgPath: string },
    body: ServiceBody,
    link: { providerPartnerId?: string | null; referralId?: string | null } = {},
  ) {
    notFuture('date', body.date);
    const d = body.details;
    let providerPartnerId = link.providerPartnerId ?? null;
    if (d.kind === 'job_placement') {
      if (!placementDatesValid(d.startDate, d.endDate)) throw fieldError('details.endDate', 'assistance.placement_dates');
      if (d.employerPartnerId) providerPartnerId = d.employerPartnerId;
      if (providerPartnerId && !(await q.takePlace(tx, providerPartnerId))) {
        if (!(await q.partnerById(tx, providerPartnerId))) throw fieldError('details.employerPartnerId', 'partner.not_found');
        throw conflict('assistance.partner_full');
      }
    }
    const action = await actionToClose(tx, p.id, body.actionId, needOfService[d.kind as ServiceKind]);
    const row = await q.insertService(tx, {
      personId: p.id,
      personOrgPath: p.orgPath,
      kind: d.kind,
      serviceDate: body.date,
      outcome: body.outcome,
      details: d,
      startDate: d.kind === 'job_placement' ? d.startDate : null,
      endDate: d.kind === 'job_placement' ? (d.endDate ?? null) : null,
      providerPartnerId,
      referralId: link.referralId ?? null,
      actionId: action?.id ?? null,
      recordedBy: ctx.actor.userId,
    });
    if (action) await q.closeAction(tx, action.id, body.date);
    await audit.record(tx, ctx, {
      action: 'assistance.service.create',
      entityType: 'assistance_service',
      entityId: row.id,
      personId: p.id,
      orgPath: p.orgPath,
      details: { kind: d.kind, actionId: action?.id },
    });
    return row;
  }

  async function actionToClose(tx: Executor, personId: string, actionId: string | undefined, need: string) {
    const plan = await q.latestPlan(tx, personId);
    if (actionId) {
      const a = await q.actionById(tx, actionId);
      if (!a || a.personId !== personId || a.planId !== plan?.id) throw fieldError('actionId', 'assistance.action_invalid');
      return a;
    }
    return plan ? q.openActionFor(tx, plan.id, need) : undefined;
  }

  const partners = createPartnerService({ db, audit, org: deps.org, isPartnerAccount: deps.isPartnerAccount });
  const referralService = createReferralService({ db, clock: deps.clock, audit, persons: deps.persons, partners, recordService, policies: deps.policies });
  const taskService = createTaskService({ db, clock: deps.clock, audit, persons: deps.persons, org: deps.org, policies: deps.policies, triggers: deps.triggers });

  // Each service delivered is a line of the person's timeline (item 3).
  deps.persons.registerTimelineSource(async (exec, personId) =>
    (await q.servicesOf(exec, personId)).map((s) => ({
      at: s.createdAt,
      date: s.serviceDate,
      kind: 'assistance' as const,
      title: localized('serviceKind', s.kind),
      detail: s.outcome,
      refId: s.id,
      tie: TIE.assistance,
      key: s.id,
    })),
  );

  async function tab(ctx: Ctx, personId: string) {
    const p = await deps.persons.access(db, ctx.actor, personId, 'assistance.read');
    const [assessments, history, referrals, services, visit, triggers, resolve] = await Promise.all([
      q.assessmentsOf(db, personId),
      q.plansOf(db, personId),
      q.referralsOf(db, personId),
      q.servicesOf(db, personId),
      deps.visitNeeds(db, personId),
      deps.triggers(db, [personId]),
      deps.policies(db),
    ]);
    const plan = history[0];
    const checks = await taskService.checksOf(db, personId, p.orgPath, services);
    const actions = plan ? await q.actionsOfPlan(db, plan.id) : [];
    const partnerIds = [...referrals.map((r) => r.partnerId), ...services.map((s) => s.providerPartnerId), ...actions.map((a) => a.partnerId)].filter((x): x is string => !!x);
    const partnerNames = await q.partnerNames(db, [...new Set(partnerIds)]);
    const users = await names(db, [...assessments.map((a) => a.assessedBy), plan?.approvedBy ?? null]);
    const visitNeeds = new Set(visit);
    const planNeeds = new Set(actions.map((a) => a.need));
    await audit.record(db, ctx, { action: 'assistance.read', entityType: 'person', entityId: personId, personId, orgPath: p.orgPath });
    return {
      assessments: assessments.map((a) => present.assessmentView(a, users)),
      reassessmentDue: reassessmentDueOn(assessments[0]?.assessedOn ?? null, triggers, resolve(p.orgPath).assistance.reassessEveryMonths)?.dueDate ?? null,
      visitNeeds: [...visitNeeds].filter((n) => !planNeeds.has(n)) as never[],
      plan: plan
        ? present.planView(
            plan,
            actions.map((a) => present.actionView(a, partnerNames, visitNeeds)),
            users,
          )
        : null,
      planVersions: history.length,
      planHistory: history.map(present.planVersionView),
      referrals: referrals.map((r) => present.referralView(r, partnerNames, today())),
      services: services.map((s) => present.serviceView(s, partnerNames, checks.get(s.id))),
    };
  }

  /** Item 2: one version of the plan (the latest by default) as the A4 paper of the file. */
  async function planPrint(ctx: Ctx, personId: string, version?: number) {
    const p = await deps.persons.access(db, ctx.actor, personId, 'assistance.read');
    const plan = version === undefined ? await q.latestPlan(db, personId) : await q.planByVersion(db, personId, version);
    if (!plan) throw notFound('plan');
    const [actions, assessments, context] = await Promise.all([q.actionsOfPlan(db, plan.id), q.assessmentsOf(db, personId), deps.persons.contextOf(db, [personId])]);
    // The needs as assessed when this version was written: the latest assessment on or before it.
    const written = plan.createdAt.getTime();
    const needs = assessments.find((a) => a.createdAt.getTime() <= written) ?? null;
    const partnerNames = await q.partnerNames(db, [...new Set(actions.map((a) => a.partnerId).filter((x): x is string => !!x))]);
    const users = await names(db, [plan.approvedBy, plan.createdBy, needs?.assessedBy ?? null]);
    await audit.record(db, ctx, {
      action: 'assistance.plan.print',
      entityType: 'assistance_plan',
      entityId: plan.id,
      personId,
      orgPath: p.orgPath,
      details: { version: plan.version },
    });
    return {
      person: { name: context[0]?.name ?? '', orgUnitName: context[0]?.orgUnitName ?? '' },
      plan: present.planView(
        plan,
        actions.map((a) => present.actionView(a, partnerNames, new Set())),
        users,
      ),
      needs: needs ? present.assessmentView(needs, users) : null,
      createdByName: plan.createdBy ? (users.get(plan.createdBy) ?? null) : null,
    };
  }

  return {
    /** P4, issue 14: the retention purge of a person's rows of this module, in the purge's transaction (sealing/daily.ts). */
    purgePerson: (tx: Executor, personId: string) => q.purgePerson(tx, personId),
    ...partners,
    ...referralService,
    ...taskService,
    tab,
    planPrint,
    recordService,

    assess: (ctx: Ctx, personId: string, body: AssessmentBody) =>
      db.transaction(async (tx) => {
        const p = await deps.persons.access(tx, ctx.actor, personId, 'assistance.write');
        notFuture('assessedOn', body.assessedOn);
        if (new Set(body.needs.map((n) => n.need)).size !== body.needs.length) throw fieldError('needs', 'assistance.need_duplicate');
        const row = await q.insertAssessment(tx, {
          personId,
          assessedOn: body.assessedOn,
          assessedBy: ctx.actor.userId,
          needs: body.needs.map((n) => ({ ...n, note: n.note || null })),
        });
        await audit.record(tx, ctx, {
          action: 'assistance.assessment.create',
          entityType: 'assistance_assessment',
          entityId: row.id,
          personId,
          orgPath: p.orgPath,
          details: { needs: body.needs.length },
        });
        return present.assessmentView(row, await names(tx, [row.assessedBy]));
      }),

    /** A new version of the plan (item 2): the old versions stay; the street approves it. */
    writePlan: (ctx: Ctx, personId: string, body: PlanBody) =>
      db.transaction(async (tx) => {
        const p = await deps.persons.access(tx, ctx.actor, personId, 'assistance.write');
        if (compareDates(body.reviewDate, today()) < 0) throw fieldError('reviewDate', 'assistance.review_before_today');
        for (const [i, a] of body.actions.entries()) {
          if (a.owner === 'partner' && !a.partnerId) throw fieldError(`actions.${i}.partnerId`, 'assistance.partner_required');
          if (a.partnerId) await partners.usableFor(tx, a.partnerId, p.orgPath, `actions.${i}.partnerId`);
        }
        const version = (await q.planCount(tx, personId)) + 1;
        const plan = await q.insertPlan(tx, { personId, version, reviewDate: body.reviewDate, createdBy: ctx.actor.userId });
        await q.insertActions(
          tx,
          body.actions.map((a) => ({ ...a, partnerId: a.partnerId ?? null, planId: plan.id, personId })),
        );
        await audit.record(tx, ctx, {
          action: 'assistance.plan.create',
          entityType: 'assistance_plan',
          entityId: plan.id,
          personId,
          orgPath: p.orgPath,
          details: { version, actions: body.actions.length },
        });
        return { id: plan.id, version };
      }),

    approvePlan: (ctx: Ctx, planId: string) =>
      db.transaction(async (tx) => {
        const plan = await q.planById(tx, planId);
        if (!plan) throw notFound('plan');
        const p = await deps.persons.access(tx, ctx.actor, plan.personId, 'assistance.approve').catch(() => {
          throw notFound('plan');
        });
        if (plan.status === 'approved') throw conflict('assistance.plan_approved');
        if ((await q.latestPlan(tx, plan.personId))?.id !== plan.id) throw conflict('assistance.plan_superseded');
        await q.approvePlan(tx, planId, ctx.actor.userId, deps.clock.now());
        await audit.record(tx, ctx, {
          action: 'assistance.plan.approve',
          entityType: 'assistance_plan',
          entityId: planId,
          personId: plan.personId,
          orgPath: p.orgPath,
          details: { version: plan.version },
        });
        return { id: planId, version: plan.version };
      }),

    addService: (ctx: Ctx, personId: string, body: ServiceBody) =>
      db.transaction(async (tx) => {
        const p = await deps.persons.access(tx, ctx.actor, personId, 'assistance.write');
        const row = await recordService(tx, ctx, { id: personId, orgPath: p.orgPath }, body);
        return present.serviceView(row, await q.partnerNames(tx, row.providerPartnerId ? [row.providerPartnerId] : []));
      }),

    /** K8, K9, K10 numerators and denominators for a unit and period (item 8). */
    async indicators(ctx: Ctx, query: { orgUnitId: string; from: string; to: string }) {
      if (compareDates(query.from, query.to) > 0) throw fieldError('from', 'assistance.period');
      const unit = await deps.org.byId(db, query.orgUnitId);
      if (!unit || !inScope(ctx.actor, 'report.read', unit.path)) throw notFound('org');
      const result = await indicatorsFor(db, unit.path, query.from, query.to);
      await audit.record(db, ctx, { action: 'assistance.indicators.read', entityType: 'org_unit', entityId: unit.id, orgPath: unit.path, details: query });
      return { ...query, ...result };
    },
    indicatorsFor,
    /** #15 governance: the persons behind K8–K10 of a subtree and period (read-only, no audit: the caller audits). */
    indicatorSetsFor: async (exec: Executor, path: string, from: string, to: string) => assistanceIndicatorSets(await indicatorInputs(exec, path, to), from, to),

    /** Issue 13 (warnings, no scope check): the needs judged severe in each person's latest assessment, and who has an approved plan. */
    async riskFactsOf(exec: Executor, personIds: string[]) {
      const severe = new Map<string, { assessmentId: string; needs: string[] }>();
      for (const a of await q.latestAssessments(exec, personIds)) {
        const needs = (a.needs as { need: string; level: string }[]).filter((n) => n.level === 'severe').map((n) => n.need);
        if (needs.length) severe.set(a.personId, { assessmentId: a.id, needs });
      }
      return { severe, planned: await q.withApprovedPlan(exec, personIds) };
    },

    /** The worker's list of open referrals in their area (item 7). */
    async openReferrals(ctx: Ctx) {
      const all = await q.openReferralsUnder(db, scopePaths(ctx.actor, 'assistance.read'), 500);
      // P4: contactsOf answers open files only, so a sealed person's referral leaves the list.
      const persons = await deps.persons.contactsOf(db, [...new Set(all.map((r) => r.personId))]);
      const rows = all.filter((r) => persons.has(r.personId));
      const names = await q.partnerNames(db, [...new Set(rows.map((r) => r.partnerId))]);
      await audit.record(db, ctx, { action: 'assistance.referrals.read', entityType: 'assistance_referral', details: { returned: rows.length } });
      return rows.map((r) => ({ ...present.referralView(r, names, today()), personName: persons.get(r.personId)?.name ?? '' }));
    },

    /**
     * C7: the person's file moved to the unit at `newPath` (transfers module, in its transaction).
     * Plans and their actions are found through the person and follow him; the open referrals are
     * listed by the unit they were sent from, so they are listed under the new one. Services
     * delivered stay where they were written (the old street keeps what it wrote). Returns counts.
     */
    async transferOpen(tx: Executor, personId: string, newPath: string) {
      const referralsMoved = await q.moveOpenReferrals(tx, personId, newPath);
      const plans = await q.openPlanCounts(tx, personId);
      return { plans: plans.plans, actions: plans.actions, referrals: referralsMoved };
    },
    /** Open referrals of a person still listed under a unit (0 after a transfer, C7). */
    openReferralsUnder: (exec: Executor, personId: string, path: string) => q.openReferralsOfPersonUnder(exec, personId, path),
  };

  async function indicatorInputs(exec: Executor, path: string, to: string) {
    const underMeasure = await deps.persons.idsUnderMeasureIn(exec, path);
    const rows = await q.indicatorRows(exec, path, to);
    const familyNeed = await q.familyNeedIn(exec, underMeasure, to);
    const placements = rows.placements.map((r) => ({ personId: r.personId, startDate: r.startDate!, endDate: r.endDate }));
    return { underMeasure, placements, counselling: rows.counselling, familyNeed, familyRepaired: rows.repaired };
  }

  async function indicatorsFor(exec: Executor, path: string, from: string, to: string) {
    return assistanceIndicators(await indicatorInputs(exec, path, to), from, to);
  }
}

export type AssistanceService = ReturnType<typeof createAssistanceService>;
