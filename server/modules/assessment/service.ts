// The quarterly assessment (季考核), issue 15 item 5: each child unit of a unit scored for a
// quarter from the governance service's indicators (K1–K18, RULES §6) and milestones, under the
// scoring rules the district office sets (core/rules/quarterly-assessment.ts), and ranked.
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import { fieldError, notFound } from '../../errors';
import { registerMessages } from '../../messages';
import { inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import type { Permission } from '../../../core/contracts/permissions';
import { indicatorCodes, type IndicatorCode } from '../../../core/rules/indicators';
import { periodProblem } from '../../../core/rules/targets';
import { defaultScoringRules, parseQuarter, quarterMilestone, rankUnits, scoreUnit, type Quarter, type ScoringRules } from '../../../core/rules/quarterly-assessment';
import type { QuarterlyQuery, QuarterlyView, RulesBody, RulesView } from '../../../core/contracts/assessment';
import type { AuditService } from '../audit/service';
import type { GovernanceService } from '../governance/service';
import type { OrgService } from '../org/service';
import * as present from './presenter';
import * as q from './queries';
import './audit-actions';

registerMessages({
  'assessment.quarter_future': ['考核季度不能在未来', 'The quarter cannot lie in the future'],
  'assessment.quarter_format': ['季度格式应为“2026-Q3”', 'A quarter is written like “2026-Q3”'],
  'assessment.unknown_indicator': ['未知的指标代码（应为K1–K18）', 'Unknown indicator code (K1–K18)'],
  'assessment.weight_negative': ['权重不能为负数', 'A weight cannot be negative'],
  'assessment.no_weight': ['至少一项指标的权重须大于0', 'At least one indicator needs a weight above 0'],
  'assessment.milestone_order': ['里程碑分值应为：正常 ≥ 有风险 ≥ 未达成', 'Milestone points run on track ≥ at risk ≥ missed'],
});

type Ctx = RequestContext & { actor: Principal };
type Unit = NonNullable<Awaited<ReturnType<typeof q.unitById>>>;

export interface AssessmentDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  org: Pick<OrgService, 'registerUsage'>;
  governance: Pick<GovernanceService, 'overview' | 'milestoneGoals'>;
}

export function createAssessmentService(deps: AssessmentDeps) {
  const { db, audit } = deps;
  const today = () => deps.clock.today();
  deps.org.registerUsage({ 'zh-CN': '季度考核评分规则', 'en-US': 'assessment scoring rules' }, (exec, unitId) => q.rulesOfUnit(exec, unitId));

  /** The unit asked for, or the top of the actor's scope; out of scope answers as missing (404). */
  async function unitFor(exec: Executor, actor: Principal, perm: Permission, orgUnitId?: string): Promise<Unit> {
    const id = orgUnitId ?? scopePaths(actor, perm)[0]?.split('/').filter(Boolean).pop();
    const unit = id ? await q.unitById(exec, id) : undefined;
    if (!unit || !inScope(actor, perm, unit.path)) throw notFound('org');
    return unit;
  }

  /** A well-formed quarter that has begun (the governance period rule: not in the future). */
  function quarterOf(code: string): Quarter {
    const quarter = parseQuarter(code);
    if (!quarter) throw fieldError('quarter', 'assessment.quarter_format');
    if (periodProblem(quarter.from, quarter.to, today())) throw fieldError('quarter', 'assessment.quarter_future');
    return quarter;
  }

  /** The rules in force at a unit: its own, else the nearest ancestor's, else the defaults. */
  async function rulesAt(exec: Executor, unit: Unit): Promise<RulesView> {
    const chain = unit.path.split('/').filter(Boolean);
    const rows = await q.rulesFor(exec, chain);
    const own = [...chain]
      .reverse()
      .map((id) => rows.find((r) => r.orgUnitId === id))
      .find(Boolean);
    if (!own) return present.rulesView(unit, 'default', defaultScoringRules, null);
    return present.rulesView(unit, own.orgUnitId === unit.id ? 'unit' : 'inherited', rulesOfRow(own), own.updatedAt);
  }

  async function scorecard(ctx: Ctx, query: QuarterlyQuery): Promise<QuarterlyView> {
    const quarter = quarterOf(query.quarter);
    const unit = await unitFor(db, ctx.actor, 'report.read', query.orgUnitId);
    const rulesView = await rulesAt(db, unit);
    const rules: ScoringRules = rulesView;
    const year = Number(quarter.from.slice(0, 4));
    // The children side by side: each is a few independent reads (PostgreSQL's pool serves them at once).
    const scored = await Promise.all(
      (await q.childUnits(db, unit.id)).map(async (child) => {
        const [overview, goals] = await Promise.all([
          deps.governance.overview(ctx, { orgUnitId: child.id, from: quarter.from, to: quarter.to }),
          deps.governance.milestoneGoals(ctx, { orgUnitId: child.id, year }),
        ]);
        const items = indicatorCodes.map((code: IndicatorCode) => {
          const v = overview.items.find((x) => x.code === code)!;
          const milestones = goals.items.find((x) => x.code === code)?.milestones ?? [];
          return { code, value: v.value, target: v.target, milestone: quarterMilestone(code, milestones, quarter, v.value, today()) };
        });
        return { orgUnit: present.unitRef(child), ...scoreUnit(items, rules) };
      }),
    );
    return { orgUnit: present.unitRef(unit), quarter: quarter.code, from: quarter.from, to: quarter.to, rules: rulesView, units: present.ranked(rankUnits(scored)) };
  }

  return {
    quarterly: scorecard,

    /** The scorecard for a download (.xlsx, .docx): audited like the other exports. */
    async exportScorecard(ctx: Ctx, query: QuarterlyQuery, format: 'xlsx' | 'docx'): Promise<QuarterlyView> {
      const view = await scorecard(ctx, query);
      const unit = (await q.unitById(db, view.orgUnit.id))!;
      await audit.record(db, ctx, {
        action: 'assessment.scorecard.export',
        entityType: 'org_unit',
        entityId: unit.id,
        orgPath: unit.path,
        details: { from: view.from, to: view.to, format, units: view.units.length },
      });
      return view;
    },

    async rules(ctx: Ctx, query: { orgUnitId?: string }): Promise<RulesView> {
      const unit = await unitFor(db, ctx.actor, 'report.read', query.orgUnitId);
      return rulesAt(db, unit);
    },

    /** The district office sets the weights and milestone points of its unit (inherited below it). */
    setRules: (ctx: Ctx, body: RulesBody) =>
      db.transaction(async (tx) => {
        const unit = await unitFor(tx, ctx.actor, 'target.manage', body.orgUnitId);
        const weights = Object.fromEntries(Object.entries(body.weights).filter(([, w]) => w > 0));
        await q.upsertRules(tx, {
          orgUnitId: unit.id,
          weights,
          milestoneShare: body.milestoneShare,
          milestonePoints: body.milestonePoints,
          updatedBy: ctx.actor.userId,
          updatedAt: deps.clock.now(),
        });
        await audit.record(tx, ctx, {
          action: 'assessment.rules.set',
          entityType: 'org_unit',
          entityId: unit.id,
          orgPath: unit.path,
          details: { codes: Object.keys(weights), milestoneShare: body.milestoneShare },
        });
        return rulesAt(tx, unit);
      }),
  };
}

function rulesOfRow(row: q.RulesRow): ScoringRules {
  return { weights: row.weights as ScoringRules['weights'], milestoneShare: row.milestoneShare, milestonePoints: row.milestonePoints };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
