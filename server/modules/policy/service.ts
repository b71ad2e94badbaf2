import './audit-actions';
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import { badRequest, conflict, fieldError, forbidden, notFound, type FieldError } from '../../errors';
import { messageFor, registerMessages } from '../../messages';
import { inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import { defaultPolicy, resolvePolicy, type Policy } from '../../../core/rules/policy';
import type { CreatePolicyVersionBody } from '../../../core/contracts/policy';
import type { AuditService } from '../audit/service';
import type { OrgService } from '../org/service';
import * as q from './queries';

registerMessages({
  'policy.invalid': ['参数不合法：{detail}', 'Invalid setting: {detail}'],
  'policy.org_level': ['区级参数只能设置在区（县）一级单位', 'A district override belongs to a district-level unit'],
  'policy.version_taken': ['版本号「{version}」已使用，请换一个', 'Version “{version}” is taken: choose another'],
  'policy.deployment_scope': [
    '只有持有全市（根单位）参数管理权限的管理员可以修改全局参数',
    'Only an administrator holding policy management on the root unit may change the deployment policy',
  ],
  'policy.breaks_district': ['该全局参数与区「{unit}」的参数组合后不合法：{detail}', 'Combined with the override of {unit}, this deployment policy is invalid: {detail}'],
});

type Ctx = RequestContext & { actor: Principal };

export interface PolicyChainLink {
  scope: 'default' | 'deployment' | 'district';
  orgUnitId: string | null;
  version: string;
  versionId: string | null;
}

/** A policy in force and the overrides it was built from; `policy.version` names the whole chain. */
export interface EffectivePolicy {
  policy: Policy;
  chain: PolicyChainLink[];
}

/** Maps an org path to its effective policy, from overrides loaded once (batch recomputes). */
export type PolicyResolver = (orgPath: string | null) => EffectivePolicy;

/** Runs in the transaction that saved an override: `orgPath` null for the deployment. Returns how many persons it recomputed, or null if it left them to the daily job. */
export type PolicyChangeHook = (tx: Executor, orgPath: string | null, ctx: RequestContext) => Promise<number | null>;

const DEFAULT: EffectivePolicy = {
  policy: defaultPolicy,
  chain: [{ scope: 'default', orgUnitId: null, version: defaultPolicy.version, versionId: null }],
};

const issuesToFields = (issues: { path: string; message: string }[], code = 'policy.invalid', params: Record<string, string> = {}): FieldError[] =>
  issues.map((i) => ({
    path: ['override', ...(i.path ? [i.path] : [])].join('.'),
    code,
    message: messageFor(code, { ...params, detail: i.path ? `${i.path}: ${i.message}` : i.message }),
  }));

/** Applies one stored override on top of a base; the version of the result names both. */
function apply(base: EffectivePolicy, row: q.PolicyVersionRow, scope: 'deployment' | 'district'): EffectivePolicy {
  const r = resolvePolicy(row.override, base.policy);
  // Checked when saved (and districts again when the deployment changes); a default shipped
  // later that no longer combines is skipped rather than taking supervision down.
  if (!r.ok) return base;
  return {
    policy: { ...r.policy, version: `${base.policy.version}+${row.version}` },
    chain: [...base.chain, { scope, orgUnitId: row.orgUnitId, version: row.version, versionId: row.id }],
  };
}

export function createPolicyService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  org: OrgService;
  /** The org path of a person's current unit (persons service): the policy follows the person, like the tasks. */
  personPath: (exec: Executor, personId: string) => Promise<string | null>;
}) {
  const { db, audit } = deps;
  const hooks: PolicyChangeHook[] = [];

  async function resolver(exec: Executor): Promise<PolicyResolver> {
    const latest = await q.latestPerScope(exec);
    const deploymentRow = latest.find((r) => r.orgUnitId === null);
    const deployment = deploymentRow ? apply(DEFAULT, deploymentRow, 'deployment') : DEFAULT;
    const byUnit = new Map(latest.filter((r) => r.orgUnitId !== null).map((r) => [r.orgUnitId!, r]));
    const cache = new Map<string, EffectivePolicy>();
    return (orgPath) => {
      if (!orgPath || byUnit.size === 0) return deployment;
      // The nearest override above (or on) the unit: the deepest id of the path that has one.
      const ids = orgPath.split('/').filter(Boolean).reverse();
      const row = ids.map((id) => byUnit.get(id)).find((r) => r !== undefined);
      if (!row) return deployment;
      let eff = cache.get(row.id);
      if (!eff) cache.set(row.id, (eff = apply(deployment, row, 'district')));
      return eff;
    };
  }

  const effective = async (exec: Executor, orgPath: string | null) => (await resolver(exec))(orgPath);

  const view = (e: EffectivePolicy, orgUnitId: string | null) => ({ version: e.policy.version, orgUnitId, chain: e.chain, policy: e.policy });

  function versionView(r: Awaited<ReturnType<typeof q.history>>[number], current: boolean) {
    return {
      id: r.v.id,
      scope: r.v.orgUnitId ? ('district' as const) : ('deployment' as const),
      orgUnitId: r.v.orgUnitId,
      orgUnitName: r.orgName,
      version: r.v.version,
      effectiveVersion: r.v.effectiveVersion,
      override: r.v.override as Record<string, unknown>,
      reason: r.v.reason,
      createdBy: r.v.createdBy,
      createdByName: r.createdByName,
      createdAt: r.v.createdAt.toISOString(),
      current,
    };
  }

  /** Holding policy.manage on a root unit: the deployment policy is theirs. */
  const holdsRoot = (actor: Principal) => scopePaths(actor, 'policy.manage').some((p) => p.split('/').filter(Boolean).length === 1);

  return {
    resolver,
    effective,
    /** The policy versions in force, in one figure (a new version anywhere changes it). */
    async fingerprint(exec: Executor): Promise<string> {
      return (await q.latestPerScope(exec))
        .map((r) => r.id)
        .sort()
        .join(',');
    },

    /** The policy in force for a person: nearest district override above the unit, else the deployment's, else the default. */
    async forPerson(exec: Executor, personId: string): Promise<Policy> {
      return (await effective(exec, await deps.personPath(exec, personId))).policy;
    },

    async get(ctx: Ctx, orgUnitId?: string) {
      if (!orgUnitId) return view(await effective(db, null), null);
      const unit = await deps.org.byId(db, orgUnitId);
      if (!unit || !inScope(ctx.actor, 'org.read', unit.path)) throw notFound('org');
      return view(await effective(db, unit.path), unit.id);
    },

    async versions(ctx: Ctx) {
      const scope = scopePaths(ctx.actor, 'policy.manage');
      const rows = await q.history(db);
      const seen = new Set<string>();
      return rows
        .map((r) => {
          const k = r.v.orgUnitId ?? '';
          const current = !seen.has(k);
          seen.add(k);
          return { r, current };
        })
        .filter(({ r }) => r.v.orgUnitId === null || (r.orgPath !== null && scope.some((p) => r.orgPath!.startsWith(p))))
        .map(({ r, current }) => versionView(r, current));
    },

    create: (ctx: Ctx, input: CreatePolicyVersionBody) =>
      db.transaction(async (tx) => {
        let unit: Awaited<ReturnType<OrgService['byId']>> = undefined;
        if (input.orgUnitId) {
          unit = await deps.org.byId(tx, input.orgUnitId);
          if (!unit || !inScope(ctx.actor, 'policy.manage', unit.path)) throw notFound('org');
          if (unit.level !== 'district') throw fieldError('orgUnitId', 'policy.org_level');
        } else if (!holdsRoot(ctx.actor)) {
          throw forbidden('policy.deployment_scope');
        }
        const resolve = await resolver(tx);
        const base = unit ? resolve(null) : DEFAULT;
        const checked = resolvePolicy(input.override, base.policy);
        if (!checked.ok) throw badRequest('validation.failed', issuesToFields(checked.issues));
        const version = checked.policy.version;
        if (await q.byVersion(tx, version)) throw conflict('policy.version_taken', { version });
        const effectiveVersion = `${base.policy.version}+${version}`;
        if (!unit) {
          // A new deployment policy must still combine with every district override in force.
          const newBase: EffectivePolicy = { policy: { ...checked.policy, version: effectiveVersion }, chain: [] };
          for (const d of (await q.latestPerScope(tx)).filter((r) => r.orgUnitId !== null)) {
            const r = resolvePolicy(d.override, newBase.policy);
            if (!r.ok) {
              const name = (await deps.org.byId(tx, d.orgUnitId!))?.name ?? d.orgUnitId!;
              throw badRequest('validation.failed', issuesToFields(r.issues, 'policy.breaks_district', { unit: name }));
            }
          }
        }
        const row = await q.insert(tx, {
          orgUnitId: unit?.id ?? null,
          version,
          override: input.override,
          effectiveVersion,
          reason: input.reason ?? null,
          createdBy: ctx.actor.userId,
        });
        await audit.record(tx, ctx, {
          action: 'policy.override',
          entityType: 'policy_version',
          entityId: row.id,
          orgPath: unit?.path ?? null,
          after: { orgUnitId: row.orgUnitId, version, override: input.override, effectiveVersion },
          details: { reason: input.reason ?? null },
        });
        let recomputedPersons: number | null = 0;
        for (const hook of hooks) {
          const n = await hook(tx, unit?.path ?? null, ctx);
          recomputedPersons = n === null || recomputedPersons === null ? null : recomputedPersons + n;
        }
        const history = await q.history(tx);
        const saved = history.find((h) => h.v.id === row.id)!;
        return {
          version: versionView(saved, true),
          effective: view(await effective(tx, unit?.path ?? null), unit?.id ?? null),
          recomputedPersons,
        };
      }),

    /** Supervision registers the recompute of the persons a new override reaches. */
    onChange(hook: PolicyChangeHook) {
      hooks.push(hook);
    },

    registerOrgUsage() {
      deps.org.registerUsage({ 'zh-CN': '业务参数', 'en-US': 'policy overrides' }, (exec, unitId) => q.countForUnit(exec, unitId));
    },
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;
