import './audit-actions';
import crypto from 'node:crypto';
import type { Db, Executor } from '../../db/client';
import { AppError, conflict, notFound, badRequest } from '../../errors';
import { messageFor, type Localized } from '../../messages';
import { inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import type { AuditService } from '../audit/service';
import { orgLevels, type OrgLevel } from '../../../core/contracts/org';
import * as q from './queries';

export type OrgUnitRow = q.OrgUnitRow;

/** Another module's records that pin an org unit (users, persons, …): a unit holding any cannot be deleted. */
export type UsageCheck = (exec: Executor, unitId: string) => Promise<number>;

export interface OrgService {
  list(viewer: Principal): Promise<OrgUnitRow[]>;
  get(viewer: Principal, id: string): Promise<OrgUnitRow>;
  /** For other modules: the unit, without a viewer (they do their own scope checks). */
  byId(exec: Executor, id: string): Promise<OrgUnitRow | undefined>;
  create(ctx: Ctx, input: { parentId: string; level: OrgLevel; name: string; code?: string }): Promise<OrgUnitRow>;
  createRoot(exec: Executor, ctx: RequestContext, input: { level: OrgLevel; name: string }): Promise<OrgUnitRow>;
  update(ctx: Ctx, id: string, patch: { name?: string; code?: string | null; active?: boolean }): Promise<OrgUnitRow>;
  move(ctx: Ctx, id: string, parentId: string): Promise<OrgUnitRow>;
  remove(ctx: Ctx, id: string): Promise<void>;
  registerUsage(name: Localized, check: UsageCheck): void;
}

type Ctx = RequestContext & { actor: Principal };

const levelIndex = (l: OrgLevel) => orgLevels.indexOf(l);

export function createOrgService(deps: { db: Db; audit: AuditService }): OrgService {
  const usage = new Map<Localized, UsageCheck>();
  usage.set({ 'zh-CN': '下级单位', 'en-US': 'child units' }, (exec, id) => q.childCount(exec, id));

  /** Loads a unit the actor may manage; outside the actor's scope it does not exist (404). */
  async function manageable(exec: Executor, actor: Principal, id: string): Promise<OrgUnitRow> {
    const unit = await q.byId(exec, id);
    if (!unit || !inScope(actor, 'org.manage', unit.path)) throw notFound('org');
    return unit;
  }

  const snapshot = (u: OrgUnitRow) => ({ name: u.name, code: u.code, level: u.level, path: u.path, active: u.active, parentId: u.parentId });

  return {
    list: (viewer) => q.listUnder(deps.db, scopePaths(viewer, 'org.read')),

    async get(viewer, id) {
      const unit = await q.byId(deps.db, id);
      if (!unit || !inScope(viewer, 'org.read', unit.path)) throw notFound('org');
      return unit;
    },

    byId: (exec, id) => q.byId(exec, id),

    create: (ctx, input) =>
      deps.db.transaction(async (tx) => {
        const parent = await manageable(tx, ctx.actor, input.parentId);
        if (!parent.active) throw badRequest('org.inactive_parent');
        if (levelIndex(input.level) <= levelIndex(parent.level)) throw fieldErr('level', 'org.level_invalid');
        if (await q.siblingNamed(tx, parent.id, input.name)) throw fieldErr('name', 'org.name_taken');
        const id = crypto.randomUUID();
        const unit = await q.insert(tx, {
          id,
          parentId: parent.id,
          level: input.level,
          name: input.name,
          code: input.code || null,
          path: `${parent.path}${id}/`,
          depth: parent.depth + 1,
        });
        await deps.audit.record(tx, ctx, { action: 'org.create', entityType: 'org_unit', entityId: id, orgPath: unit.path, after: snapshot(unit) });
        return unit;
      }),

    async createRoot(exec, ctx, input) {
      if ((await q.rootCount(exec)) > 0) throw conflict('org.root_exists');
      const id = crypto.randomUUID();
      const unit = await q.insert(exec, { id, parentId: null, level: input.level, name: input.name, code: null, path: `/${id}/`, depth: 1 });
      await deps.audit.record(exec, ctx, { action: 'org.create', entityType: 'org_unit', entityId: id, orgPath: unit.path, after: snapshot(unit) });
      return unit;
    },

    update: (ctx, id, patch) =>
      deps.db.transaction(async (tx) => {
        const before = await manageable(tx, ctx.actor, id);
        if (patch.name && (await q.siblingNamed(tx, before.parentId, patch.name, id))) throw fieldErr('name', 'org.name_taken');
        const after = await q.update(tx, id, { name: patch.name, code: patch.code === undefined ? undefined : patch.code || null });
        if (patch.active !== undefined && patch.active !== before.active) {
          // Deactivating a unit deactivates everything below it; reactivating needs an active parent.
          if (patch.active && before.parentId) {
            const parent = await q.byId(tx, before.parentId);
            if (parent && !parent.active) throw badRequest('org.inactive_parent');
          }
          await q.setActiveUnder(tx, before.path, patch.active);
        }
        const fresh = (await q.byId(tx, id)) ?? after;
        await deps.audit.record(tx, ctx, { action: 'org.update', entityType: 'org_unit', entityId: id, orgPath: fresh.path, before: snapshot(before), after: snapshot(fresh) });
        return fresh;
      }),

    move: (ctx, id, parentId) =>
      deps.db.transaction(async (tx) => {
        const unit = await manageable(tx, ctx.actor, id);
        const parent = await manageable(tx, ctx.actor, parentId);
        if (parent.path.startsWith(unit.path)) throw fieldErr('parentId', 'org.cycle');
        if (levelIndex(unit.level) <= levelIndex(parent.level)) throw fieldErr('parentId', 'org.level_invalid');
        if (await q.siblingNamed(tx, parent.id, unit.name, id)) throw fieldErr('name', 'org.name_taken');
        const newPath = `${parent.path}${unit.id}/`;
        await q.movePaths(tx, unit.path, newPath, parent.depth + 1 - unit.depth);
        await q.setParent(tx, id, parent.id);
        const moved = (await q.byId(tx, id))!;
        await deps.audit.record(tx, ctx, { action: 'org.move', entityType: 'org_unit', entityId: id, orgPath: moved.path, before: snapshot(unit), after: snapshot(moved) });
        return moved;
      }),

    remove: (ctx, id) =>
      deps.db.transaction(async (tx) => {
        const unit = await manageable(tx, ctx.actor, id);
        if (!unit.parentId) throw conflict('org.has_records', { what: { 'zh-CN': '根单位', 'en-US': 'the root unit' } });
        for (const [name, check] of usage) {
          const n = await check(tx, id);
          if (n > 0) throw conflict('org.has_records', { what: { 'zh-CN': `${name['zh-CN']} ${n} 条`, 'en-US': `${n} ${name['en-US']}` } });
        }
        await q.remove(tx, id);
        await deps.audit.record(tx, ctx, { action: 'org.delete', entityType: 'org_unit', entityId: id, orgPath: unit.path, before: snapshot(unit) });
      }),

    registerUsage(name, check) {
      usage.set(name, check);
    },
  };
}

function fieldErr(path: string, code: string): AppError {
  return badRequest(code, [{ path, code, message: messageFor(code) }]);
}
