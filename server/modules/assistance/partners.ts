// The partner directory (item 4) and the partners' staff accounts.
import type { Db, Executor } from '../../db/client';
import { conflict, fieldError, notFound } from '../../errors';
import { inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import { hasFreePlace, servesPath } from '../../../core/rules/assistance';
import type { PartnerBody } from '../../../core/contracts/assistance';
import type { AuditService } from '../audit/service';
import type { OrgService } from '../org/service';
import * as q from './queries';
import { partnerView } from './presenter';

type Ctx = RequestContext & { actor: Principal };

export function createPartnerService(deps: {
  db: Db;
  audit: AuditService;
  org: OrgService;
  /** Whether the account holds a grant with `referral.respond` (the partner role). */
  isPartnerAccount: (userId: string) => Promise<boolean>;
}) {
  const { db, audit } = deps;

  /**
   * A partner a referral or plan action may name for a person: it must serve the person's area
   * and have a free place (items 5 and 6). Unknown is a 404 like out of reach.
   */
  async function usableFor(exec: Executor, partnerId: string, personOrgPath: string, path = 'partnerId') {
    const p = await q.partnerById(exec, partnerId);
    if (!p || !p.partner.active) throw notFound('partner');
    if (!servesPath(p.partner.servedPaths, personOrgPath)) throw fieldError(path, 'assistance.partner_not_serving');
    if (!hasFreePlace(p.partner)) throw conflict('assistance.partner_full');
    return p.partner;
  }

  return {
    usableFor,

    /**
     * The directory a worker sees: partners kept by their units, by the units above them (a
     * district's partners serve its streets), and below them.
     */
    async listPartners(actor: Principal, f: { q?: string; kind?: string }) {
      const paths = scopePaths(actor, 'assistance.read');
      const above = new Set(
        paths.flatMap((p) =>
          p
            .split('/')
            .filter(Boolean)
            .map((_, i, parts) => `/${parts.slice(0, i + 1).join('/')}/`),
        ),
      );
      const rows = await q.partnersUnder(db, [...new Set([...paths])], f);
      const ancestors = await q.partnersAt(
        db,
        [...above].filter((a) => !paths.includes(a)),
        f,
      );
      const seen = new Set<string>();
      return [...rows, ...ancestors]
        .filter((r) => (seen.has(r.partner.id) ? false : (seen.add(r.partner.id), true)))
        .map((r) => partnerView(r.partner, { orgName: r.orgName, districtName: r.districtName }));
    },

    createPartner: (ctx: Ctx, body: PartnerBody) =>
      db.transaction(async (tx) => {
        const unit = await deps.org.byId(tx, body.orgUnitId);
        if (!unit || !inScope(ctx.actor, 'partner.manage', unit.path)) throw notFound('org');
        const served = await q.unitsByIds(tx, [...new Set(body.servedOrgUnitIds)]);
        if (served.length !== new Set(body.servedOrgUnitIds).size || !served.every((s) => inScope(ctx.actor, 'partner.manage', s.path)))
          throw fieldError('servedOrgUnitIds', 'partner.served_invalid');
        const exists = (await q.partnersAt(tx, [unit.path], { q: body.name })).some((r) => r.partner.name === body.name);
        if (exists) throw conflict('partner.exists');
        const row = await q.insertPartner(tx, {
          name: body.name,
          kind: body.kind,
          orgUnitId: unit.id,
          servedUnitIds: served.map((s) => s.id),
          servedPaths: served.map((s) => s.path),
          services: body.services,
          contactName: body.contactName,
          contactPhone: body.contactPhone,
          capacity: body.capacity ?? null,
        });
        await audit.record(tx, ctx, {
          action: 'partner.create',
          entityType: 'partner',
          entityId: row.id,
          orgPath: unit.path,
          after: { name: row.name, kind: row.kind },
          details: { kind: row.kind },
        });
        return partnerView(row, { orgName: unit.name, districtName: null });
      }),

    /** Attaches a partner-role account to the partner: its inbox is that partner's referrals. */
    async addStaff(ctx: Ctx, partnerId: string, userId: string) {
      // Read before the transaction: PGlite is one connection (the users service reads on `db`).
      const account = await deps.isPartnerAccount(userId);
      return db.transaction(async (tx) => {
        const p = await q.partnerById(tx, partnerId);
        if (!p || !inScope(ctx.actor, 'partner.manage', p.orgPath)) throw notFound('partner');
        if (!account) throw fieldError('userId', 'partner.staff_invalid');
        await q.addStaff(tx, partnerId, userId);
        await audit.record(tx, ctx, { action: 'partner.staff.add', entityType: 'partner', entityId: partnerId, orgPath: p.orgPath, details: { userId } });
        return { ok: true as const };
      });
    },
  };
}
