// The person's access report (PIPL §44–45): on his request at the station, the officer prints
// which units and roles read or changed his file, when and for what purpose. Staff are named by
// role and unit only; the report is exactly the trail's rows about him, and producing it is a
// row of its own.
import type { RequestContext, Principal } from '../../http/context';
import { hasLabel, localized } from '../../../core/labels';
import type { AuditService } from '../audit/service';
import type { SealingDeps } from './service';

type Ctx = RequestContext & { actor: Principal };
type AuditRow = Awaited<ReturnType<AuditService['ofPerson']>>[number];

const OPENINGS = new Set(['sealing.open', 'sealing.break_glass']);
const READS = /(\.read|\.search|\.unmask|\.exists_check|\.lookup|\.download|\.export)$/;

/** What a trail row was, to the person: a read, a change, or an opening of a sealed or out-of-area file. */
export const accessKind = (action: string): 'read' | 'change' | 'opening' => (OPENINGS.has(action) ? 'opening' : READS.test(action) ? 'read' : 'change');

export function createAccessReport(deps: SealingDeps) {
  const { db } = deps;

  /** The unit a path ends in, by name (the deepest id of `/a/b/c/`). */
  async function unitNames(paths: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const path of paths) {
      const id = path.split('/').filter(Boolean).pop();
      const unit = id ? await deps.org.byId(db, id) : undefined;
      out.set(path, unit?.name ?? '—');
    }
    return out;
  }

  /** Each actor's roles (their names, never the person's): the staff are shown as role and unit. */
  async function rolesOf(actorIds: string[]) {
    const out = new Map<string, { 'zh-CN': string; 'en-US': string }[]>();
    for (const id of actorIds) {
      const grants = await deps.grantsFor(id);
      const seen = new Map(grants.map((g) => [g.roleCode, { 'zh-CN': g.roleNameZh, 'en-US': g.roleNameEn }]));
      out.set(id, [...seen.values()]);
    }
    return out;
  }

  function rowsOf(trail: AuditRow[], units: Map<string, string>, roles: Map<string, { 'zh-CN': string; 'en-US': string }[]>) {
    return trail.map((r) => ({
      auditId: r.id,
      at: r.at.toISOString(),
      action: r.action,
      actionLabel: hasLabel('auditAction', r.action) ? localized('auditAction', r.action) : { 'zh-CN': r.action, 'en-US': r.action },
      kind: accessKind(r.action),
      unitName: r.actorOrgPath ? (units.get(r.actorOrgPath) ?? '—') : '系统 System',
      roles: r.actorId ? (roles.get(r.actorId) ?? []) : [],
      purpose: r.purpose,
    }));
  }

  return async function accessReport(ctx: Ctx, personId: string) {
    const file = await deps.persons.access(db, ctx.actor, personId, 'person.access_report');
    const trail = await deps.audit.ofPerson(db, personId);
    const units = await unitNames([...new Set(trail.flatMap((r) => (r.actorOrgPath ? [r.actorOrgPath] : [])))]);
    const roles = await rolesOf([...new Set(trail.flatMap((r) => (r.actorId ? [r.actorId] : [])))]);
    const rows = rowsOf(trail, units, roles);
    const byUnit = new Map<string, { unitName: string; reads: number; changes: number }>();
    for (const r of rows) {
      const u = byUnit.get(r.unitName) ?? byUnit.set(r.unitName, { unitName: r.unitName, reads: 0, changes: 0 }).get(r.unitName)!;
      if (r.kind === 'change') u.changes++;
      else u.reads++;
    }
    const label = (await deps.persons.auditLabels(db, [personId])).get(personId);
    await deps.audit.record(db, ctx, { action: 'person.access_report', entityType: 'person', entityId: personId, personId, orgPath: file.orgPath, details: { rows: rows.length } });
    return { personId, maskedName: label?.name ?? '', idLast4: label?.idLast4 ?? '', producedAt: deps.clock.now().toISOString(), rows, units: [...byUnit.values()] };
  };
}
