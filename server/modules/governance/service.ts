// Governance (考核), issue 15 items 1–4: indicators K1–K18 by unit and period with their
// drill-down, the rollups behind the dashboards, and the work plan's targets and milestones.
import type { Db, Executor, Reader } from '../../db/client';
import type { Clock } from '../../clock';
import { fieldError, notFound } from '../../errors';
import { registerMessages } from '../../messages';
import { inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import type { Permission } from '../../../core/contracts/permissions';
import { definitionOf, indicatorCodes, indicatorDefinitions, supervisionIndicators, type IndicatorCode, type SupervisionIndicator } from '../../../core/rules/indicators';
import {
  addMonths,
  defaultMilestoneGoal,
  milestoneMonths,
  milestoneState,
  periodContaining,
  periodProblem,
  phaseAt,
  ragOf,
  targetProblem,
  type ProgressState,
} from '../../../core/rules/targets';
import { addDays, compareDates } from '../../../core/rules/dates';
import type { DrillQuery, DrillView, IndicatorPage, OverviewView, PeriodQuery, PlanBody, TargetsBody, TargetsView } from '../../../core/contracts/governance';
import type { AuditService } from '../audit/service';
import type { OrgService } from '../org/service';
import type { PreventionService } from '../prevention/service';
import { figuresFor, liveSupervision, targetForPeriod, valueOf, type FigureDeps } from './figures';
import { refreshRollups, type RollupDeps } from './rollups';
import * as present from './presenter';
import * as q from './queries';
import './audit-actions';

registerMessages({
  'governance.period_order': ['结束日期不能早于开始日期', 'The period cannot end before it starts'],
  'governance.period_future': ['统计期不能从未来开始', 'The period cannot start in the future'],
  'governance.target_rate_range': ['比率的目标和基线须在0%到100%之间', 'A rate’s target and baseline lie between 0 % and 100 %'],
  'governance.target_negative': ['目标和基线不能为负数', 'A target or baseline cannot be negative'],
  'governance.no_drill': ['该指标没有可下钻的明细', 'This indicator has no records to drill into'],
});

type Ctx = RequestContext & { actor: Principal };

export interface GovernanceDeps extends FigureDeps {
  db: Db;
  reader: Reader;
  clock: Clock;
  audit: AuditService;
  org: Pick<OrgService, 'byId'>;
  prevention: Pick<PreventionService, 'totalsFor' | 'indicator' | 'listActivities' | 'listTrainings'>;
}

type Unit = NonNullable<Awaited<ReturnType<typeof q.unitById>>>;

export function createGovernanceService(deps: GovernanceDeps) {
  const { db, reader, audit } = deps;
  const today = () => deps.clock.today();
  const rollupDeps: RollupDeps = { today, now: () => deps.clock.now(), resolver: deps.resolver };

  /** The unit asked for, or the top of the actor's scope; out of scope answers as missing (404). */
  async function unitFor(exec: Executor, actor: Principal, perm: Permission, orgUnitId?: string): Promise<Unit> {
    const id = orgUnitId ?? scopePaths(actor, perm)[0]?.split('/').filter(Boolean).pop();
    const unit = id ? await q.unitById(exec, id) : undefined;
    if (!unit || !inScope(actor, perm, unit.path)) throw notFound('org');
    return unit;
  }

  function checkPeriod(from: string, to: string) {
    const problem = periodProblem(from, to, today());
    if (problem) throw fieldError(problem === 'governance.period_order' ? 'to' : 'from', problem);
  }

  /** Effective targets of a unit for a year: its own, else the nearest ancestor's, else the seed's. */
  async function targetsOf(exec: Executor, unit: Unit, year: number) {
    const chain = unit.path.split('/').filter(Boolean); // root … unit
    const rows = await q.targetsFor(exec, chain, year);
    const out = new Map<IndicatorCode, { baseline: number | null; target: number | null; origin: 'unit' | 'inherited' | 'seed' }>();
    for (const code of indicatorCodes) {
      const def = definitionOf(code);
      const own = [...chain]
        .reverse()
        .map((id) => rows.find((r) => r.orgUnitId === id && r.indicator === code))
        .find(Boolean);
      out.set(
        code,
        own
          ? { baseline: own.baseline, target: own.target, origin: own.orgUnitId === unit.id ? 'unit' : 'inherited' }
          : { baseline: def.seedBaseline, target: def.seedTarget, origin: 'seed' },
      );
    }
    return out;
  }

  async function overviewOf(exec: Executor, unit: Unit, from: string, to: string): Promise<OverviewView> {
    const f = await figuresFor(exec, deps, { unitId: unit.id, path: unit.path, from, to, today: today(), useRollup: await rollupsCurrent(exec) });
    const targets = await targetsOf(exec, unit, Number(from.slice(0, 4)));
    const state = f.source === 'rollup' ? await q.rollupState(exec) : undefined;
    return {
      orgUnit: present.unitRef(unit),
      from,
      to,
      source: f.source,
      refreshedAt: state?.refreshedAt.toISOString() ?? null,
      items: indicatorCodes.map((c) => valueOf(c, f.sums.get(c), targetForPeriod(c, targets.get(c)!.target, from, to), f.detail.get(c))),
    };
  }

  /** The rollups answer only when built for today (a new day rebuilds them within one tick). */
  async function rollupsCurrent(exec: Executor) {
    return (await q.rollupState(exec))?.builtFor === today();
  }

  return {
    definitions: () => ({ items: indicatorDefinitions.map(present.definitionView) }),

    /** Item 4: each indicator of a unit's subtree for a period, against its target (red/amber/green). */
    async overview(ctx: Ctx, query: PeriodQuery): Promise<OverviewView> {
      checkPeriod(query.from, query.to);
      const unit = await unitFor(db, ctx.actor, 'report.read', query.orgUnitId);
      return reader.read(ctx.actor, (exec) => overviewOf(exec, unit, query.from, query.to));
    },

    /** The indicator page: definition, value, the child units' values (ranking) and the monthly trend. */
    async indicator(ctx: Ctx, query: PeriodQuery & { code: IndicatorCode }): Promise<IndicatorPage> {
      checkPeriod(query.from, query.to);
      const unit = await unitFor(db, ctx.actor, 'report.read', query.orgUnitId);
      return reader.read(ctx.actor, async (exec) => {
        const main = await overviewOf(exec, unit, query.from, query.to);
        const children = [];
        for (const child of await q.childUnits(exec, unit.id)) {
          const o = await overviewOf(exec, { ...child, parentId: unit.id }, query.from, query.to);
          children.push({ orgUnit: present.unitRef(child), value: o.items.find((x) => x.code === query.code)! });
        }
        return {
          definition: present.definitionView(definitionOf(query.code)),
          orgUnit: present.unitRef(unit),
          from: query.from,
          to: query.to,
          value: main.items.find((x) => x.code === query.code)!,
          children: present.ranked(query.code, children),
          trend: await trendOf(exec, unit, query.code),
        };
      });
    },

    /** The persons (or records) behind a numerator or denominator; persons need person.read on the unit (404 otherwise). */
    async drill(ctx: Ctx, query: DrillQuery): Promise<DrillView> {
      checkPeriod(query.from, query.to);
      const def = definitionOf(query.code);
      if (def.drill === 'none') throw fieldError('code', 'governance.no_drill');
      if (def.drill === 'records') return drillRecords(ctx, query);
      const unit = await unitFor(db, ctx.actor, 'person.read', query.orgUnitId);
      if (!inScope(ctx.actor, 'report.read', unit.path)) throw notFound('org');
      const ids = await reader.read(ctx.actor, (exec) => drillIds(exec, unit, query));
      const page = await q.personsPage(db, ids, query.limit, query.offset);
      await audit.record(db, ctx, {
        action: 'governance.drill.read',
        entityType: 'org_unit',
        entityId: unit.id,
        orgPath: unit.path,
        details: { code: query.code, side: query.side, from: query.from, to: query.to, total: ids.length, returned: page.length },
      });
      return { kind: 'persons', total: ids.length, items: page };
    },

    async targets(ctx: Ctx, query: { orgUnitId?: string; year: number }): Promise<TargetsView> {
      const unit = await unitFor(db, ctx.actor, 'report.read', query.orgUnitId);
      return reader.read(ctx.actor, (exec) => targetsView(exec, unit, query.year));
    },

    /** The targets view without the year's values (states `no_data`): the milestone goals and due dates, for the quarterly assessment. */
    async milestoneGoals(ctx: Ctx, query: { orgUnitId?: string; year: number }): Promise<TargetsView> {
      const unit = await unitFor(db, ctx.actor, 'report.read', query.orgUnitId);
      return reader.read(ctx.actor, (exec) => targetsView(exec, unit, query.year, false));
    },

    /** Item 3: the district office sets a year's baselines and targets of a unit (a rate's within 0–100 %). */
    setTargets: (ctx: Ctx, body: TargetsBody) =>
      db.transaction(async (tx) => {
        const unit = await unitFor(tx, ctx.actor, 'target.manage', body.orgUnitId);
        body.items.forEach((item, i) => {
          for (const key of ['target', 'baseline'] as const) {
            const problem = targetProblem(definitionOf(item.code), item[key]);
            if (problem) throw fieldError(`items.${i}.${key}`, problem);
          }
        });
        for (const item of body.items) {
          await q.upsertTarget(tx, {
            orgUnitId: unit.id,
            year: body.year,
            indicator: item.code,
            baseline: item.baseline,
            target: item.target,
            updatedBy: ctx.actor.userId,
            updatedAt: deps.clock.now(),
          });
        }
        await audit.record(tx, ctx, {
          action: 'governance.targets.set',
          entityType: 'org_unit',
          entityId: unit.id,
          orgPath: unit.path,
          details: { year: body.year, codes: body.items.map((x) => x.code) },
        });
        return targetsView(tx, unit, body.year);
      }),

    /** The work plan's start and milestone goals of a unit (seed §8.2: 6/12/24/36/60 months). */
    setPlan: (ctx: Ctx, body: PlanBody) =>
      db.transaction(async (tx) => {
        const unit = await unitFor(tx, ctx.actor, 'target.manage', body.orgUnitId);
        body.milestones.forEach((m, i) => {
          const problem = targetProblem(definitionOf(m.code), m.goal);
          if (problem) throw fieldError(`milestones.${i}.goal`, problem);
        });
        const at = deps.clock.now();
        await q.upsertPlan(tx, { orgUnitId: unit.id, startDate: body.startDate, updatedBy: ctx.actor.userId, updatedAt: at });
        for (const m of body.milestones)
          await q.upsertMilestone(tx, { orgUnitId: unit.id, indicator: m.code, month: m.month, goal: m.goal, updatedBy: ctx.actor.userId, updatedAt: at });
        await audit.record(tx, ctx, {
          action: 'governance.plan.set',
          entityType: 'org_unit',
          entityId: unit.id,
          orgPath: unit.path,
          details: { startDate: body.startDate, milestones: body.milestones.length },
        });
        return targetsView(tx, unit, Number(today().slice(0, 4)));
      }),

    /** The rollups' state, for the dashboards' "as of" line and the bench. */
    async rollupStatus(ctx: Ctx) {
      await unitFor(db, ctx.actor, 'report.read');
      const s = await q.rollupState(db);
      return {
        builtFor: s?.builtFor ?? null,
        refreshedAt: s?.refreshedAt.toISOString() ?? null,
        pendingMarks: await q.dirtyCount(db),
        unitsLastRun: s?.unitsLastRun ?? 0,
        msLastRun: s?.msLastRun ?? 0,
      };
    },

    /** #15 reports (月通报): a unit's overview as the dashboard computes it, for a caller that has checked scope (or the schedule). */
    async overviewFor(exec: Executor, unitId: string, from: string, to: string): Promise<OverviewView> {
      const unit = await q.unitById(exec, unitId);
      if (!unit) throw notFound('org');
      return overviewOf(exec, unit, from, to);
    },

    /** #15 reports: the active child units of a unit, by name (the bulletin's tables and chart). */
    childUnitsOf: (exec: Executor, unitId: string) => q.childUnits(exec, unitId),

    /** The job's tick (item 2), under the scheduler's advisory lock. */
    refresh: (tx: Executor) => refreshRollups(tx, rollupDeps),
  };

  async function drillIds(exec: Executor, unit: Unit, query: DrillQuery): Promise<string[]> {
    const end = compareDates(query.to, today()) > 0 ? today() : query.to;
    if (query.code === 'K8' || query.code === 'K9' || query.code === 'K10') {
      const sets = await deps.assistance.indicatorSetsFor(exec, unit.path, query.from, end);
      return sets[query.code][query.side];
    }
    if (query.code === 'K17') {
      // K17 counts alerts; its drill-down lists the persons they were raised about (one row per person).
      const a = await deps.warnings.k17(exec, unit.path, query.from, query.to);
      return query.side === 'numerator' ? a.numeratorPersonIds : a.denominatorPersonIds;
    }
    if (query.code === 'K12' && query.side === 'numerator') return []; // the workers are staff, listed under users, not persons
    const t = (await liveSupervision(exec, deps, unit.path, query.from, query.to, today())).get(query.code as SupervisionIndicator)!;
    return query.side === 'numerator' ? t.numeratorIds : t.denominatorIds;
  }

  async function drillRecords(ctx: Ctx, query: DrillQuery): Promise<DrillView> {
    const f = { orgUnitId: query.orgUnitId, from: query.from, to: query.to, limit: query.limit, offset: query.offset };
    if (query.code === 'K13') {
      const r = await deps.prevention.listActivities(ctx, f);
      return { kind: 'records', total: r.total, items: r.items.map((a) => ({ id: a.id, name: a.title, orgUnitId: a.orgUnitId, orgUnitName: a.orgUnitName, date: a.heldOn })) };
    }
    const r = await deps.prevention.listTrainings(ctx, f);
    return { kind: 'records', total: r.total, items: r.items.map((x) => ({ id: x.id, name: x.topic, orgUnitId: x.orgUnitId, orgUnitName: x.orgUnitName, date: x.heldOn })) };
  }

  /** The last twelve months of an indicator: supervision ones from the rollups (or live), the others live per month. */
  async function trendOf(exec: Executor, unit: Unit, code: IndicatorCode) {
    if (definitionOf(code).noData) return [];
    const points = [];
    let p = periodContaining('month', today());
    const months = [];
    for (let i = 0; i < 12; i++) {
      months.unshift(p);
      p = periodContaining('month', addDays(p.from, -1));
    }
    const useRollup = (supervisionIndicators as readonly string[]).includes(code) && code !== 'K12' && (await rollupsCurrent(exec));
    if (useRollup) {
      const series = new Map((await q.rollupSeries(exec, unit.path, 'month', code, months[0]!.from)).map((x) => [x.start, x]));
      for (const m of months) {
        const s = series.get(m.from) ?? { numerator: 0, denominator: 0 };
        points.push({ ...m, value: valueOf(code, s, null).value, numerator: s.numerator, denominator: s.denominator });
      }
      return points;
    }
    for (const m of months) {
      const f = await figuresFor(exec, deps, { unitId: unit.id, path: unit.path, from: m.from, to: m.to, today: today(), useRollup: await rollupsCurrent(exec) });
      const s = f.sums.get(code) ?? { numerator: 0, denominator: 0 };
      points.push({ ...m, value: valueOf(code, s, null).value, numerator: s.numerator, denominator: s.denominator ?? 0 });
    }
    return points;
  }

  async function targetsView(exec: Executor, unit: Unit, year: number, withValues = true): Promise<TargetsView> {
    const chain = unit.path.split('/').filter(Boolean);
    const plans = await q.plansFor(exec, chain);
    const plan = [...chain]
      .reverse()
      .map((id) => plans.find((x) => x.orgUnitId === id))
      .find(Boolean);
    const startDate = plan?.startDate ?? `${today().slice(0, 4)}-01-01`;
    const milestones = await q.milestonesFor(exec, chain);
    const targets = await targetsOf(exec, unit, year);
    const yearFrom = `${year}-01-01`;
    const yearTo = `${year}-12-31`;
    const values = withValues && compareDates(yearFrom, today()) <= 0 ? (await overviewOf(exec, unit, yearFrom, yearTo)).items : [];
    return {
      orgUnit: present.unitRef(unit),
      year,
      plan: { startDate, phase: phaseAt(startDate, today()), own: plan?.orgUnitId === unit.id },
      items: indicatorCodes.map((code) => {
        const t = targets.get(code)!;
        const v = values.find((x) => x.code === code);
        const value = v?.value ?? null;
        return {
          code,
          baseline: t.baseline,
          target: t.target,
          origin: t.origin,
          value,
          state: yearState(code, value, v?.target ?? t.target, yearTo),
          milestones: milestoneMonths.map((month) => {
            const set = [...chain]
              .reverse()
              .map((id) => milestones.find((x) => x.orgUnitId === id && x.indicator === code && x.month === month))
              .find(Boolean);
            const goal = set ? set.goal : defaultMilestoneGoal(code, month, t.baseline, t.target);
            const due = addMonths(startDate, month);
            return { month, due, goal, state: milestoneState(code, { due, today: today(), goal, value }), own: set?.orgUnitId === unit.id };
          }),
        };
      }),
    };
  }

  /** A year's target: met or missed once the year is over; on track (green) or at risk before. */
  function yearState(code: IndicatorCode, value: number | null, target: number | null, yearEnd: string): ProgressState {
    if (value === null || target === null) return 'no_data';
    const rag = ragOf(code, value, target);
    if (compareDates(yearEnd, today()) < 0) return rag === 'green' ? 'met' : 'missed';
    return rag === 'green' ? 'on_track' : 'at_risk';
  }
}

export type GovernanceService = ReturnType<typeof createGovernanceService>;
