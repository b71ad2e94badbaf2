// Referrals (item 5): a worker sends, the partner answers from its inbox. A partner reaches only
// its own open referrals; anything else answers exactly like a missing one (404).
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import { badRequest, conflict, fieldError, notFound } from '../../errors';
import type { Principal, RequestContext } from '../../http/context';
import {
  consentRequired,
  needOfService,
  openReferralStatuses,
  referralStep,
  respondBy,
  serviceKinds,
  type PartnerKind,
  type ReferralStatus,
  type ReferralStep,
} from '../../../core/rules/assistance';
import type { ReferralBody, ServiceBody } from '../../../core/contracts/assistance';
import type { AuditService } from '../audit/service';
import type { PersonService } from '../persons/service';
import type { Policy } from '../../../core/rules/policy';
import * as q from './queries';
import * as present from './presenter';
import { createPartnerService } from './partners';

type Ctx = RequestContext & { actor: Principal };
type RecordService = (
  tx: Executor,
  ctx: Ctx,
  p: { id: string; orgPath: string },
  body: ServiceBody,
  link: { providerPartnerId?: string | null; referralId?: string | null },
) => Promise<q.ServiceRow>;

export function createReferralService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  persons: PersonService;
  partners: Pick<ReturnType<typeof createPartnerService>, 'usableFor'>;
  recordService: RecordService;
  policies: (exec: Executor) => Promise<(orgPath: string | null) => Policy>;
}) {
  const { db, audit } = deps;

  /** The open referral `id` of one of the caller's partners, or a 404 (closed, foreign or missing alike). */
  async function ownOpen(exec: Executor, actor: Principal, id: string) {
    const r = await q.referralById(exec, id);
    const mine = await q.partnersOfUser(exec, actor.userId);
    if (!r || !mine.includes(r.partnerId) || !openReferralStatuses.includes(r.status as ReferralStatus)) throw notFound('referral');
    return r;
  }

  async function step(ctx: Ctx, id: string, s: ReferralStep, patch: { declineReason?: string; outcome?: string }, then?: (tx: Executor, r: q.ReferralRow) => Promise<void>) {
    return db.transaction(async (tx) => {
      const r = await ownOpen(tx, ctx.actor, id);
      const next = referralStep(r.status as ReferralStatus, s);
      if (!next.ok) throw badRequest(next.code);
      if (then) await then(tx, r);
      const updated = await q.updateReferral(tx, id, { status: next.status, respondedBy: ctx.actor.userId, ...patch });
      await audit.record(tx, ctx, {
        action: `partner.referral.${s}`,
        entityType: 'assistance_referral',
        entityId: id,
        personId: r.personId,
        orgPath: r.personOrgPath,
        details: { partnerId: r.partnerId },
      });
      return { id, status: updated.status as ReferralStatus };
    });
  }

  return {
    /** P2: beyond the statutory bodies a referral needs a recorded, given consent. */
    refer: (ctx: Ctx, personId: string, body: ReferralBody) =>
      db.transaction(async (tx) => {
        const p = await deps.persons.access(tx, ctx.actor, personId, 'assistance.write');
        const partner = await deps.partners.usableFor(tx, body.partnerId, p.orgPath);
        if (consentRequired(partner.kind as PartnerKind)) {
          if (!body.consent) throw fieldError('consent', 'assistance.consent_required');
          if (!body.consent.given) throw fieldError('consent.given', 'assistance.consent_refused');
        }
        if (body.actionId) {
          const a = await q.actionById(tx, body.actionId);
          if (!a || a.personId !== personId) throw fieldError('actionId', 'assistance.action_invalid');
        }
        const today = deps.clock.today();
        const workingDays = (await deps.policies(tx))(p.orgPath).assistance.referralResponseWorkingDays;
        const row = await q.insertReferral(tx, {
          personId,
          personOrgPath: p.orgPath,
          partnerId: partner.id,
          actionId: body.actionId ?? null,
          need: body.need,
          purpose: body.purpose,
          consent: body.consent ?? null,
          sentOn: today,
          respondBy: respondBy(today, workingDays),
          createdBy: ctx.actor.userId,
        });
        if (!row) throw conflict('assistance.referral_duplicate');
        await audit.record(tx, ctx, {
          action: 'assistance.referral.create',
          entityType: 'assistance_referral',
          entityId: row.id,
          personId,
          orgPath: p.orgPath,
          details: { need: body.need, partnerId: partner.id, consent: !!body.consent },
        });
        return present.referralView(row, new Map([[partner.id, partner.name]]), today);
      }),

    /**
     * The partner's inbox: its open referrals with the person's name and phone, nothing more
     * (P1). One audit row per person shown, so every partner read is on the trail (P3).
     */
    async inbox(ctx: Ctx) {
      const mine = await q.partnersOfUser(db, ctx.actor.userId);
      const rows = await q.openReferralsOfPartners(db, mine, 500);
      const names = await q.partnerNames(db, mine);
      const contacts = await deps.persons.contactsOf(db, [...new Set(rows.map((r) => r.personId))]);
      const shown = rows.filter((r) => contacts.has(r.personId));
      await audit.recordMany(
        db,
        ctx,
        shown.map((r) => ({
          action: 'partner.inbox.read',
          entityType: 'assistance_referral',
          entityId: r.id,
          personId: r.personId,
          orgPath: r.personOrgPath,
          details: { partnerId: r.partnerId, referralId: r.id },
        })),
      );
      return shown.map((r) => present.inboxItem(r, names, contacts.get(r.personId)));
    },

    accept: (ctx: Ctx, id: string) => step(ctx, id, 'accept', {}),
    decline: (ctx: Ctx, id: string, reason: string) => step(ctx, id, 'decline', { declineReason: reason }),

    /** The partner records what it delivered; the service closes the plan action (items 3, 5). */
    complete: (ctx: Ctx, id: string, body: Omit<ServiceBody, 'actionId'>) =>
      step(ctx, id, 'complete', { outcome: body.outcome }, async (tx, r) => {
        const answering = serviceKinds.filter((k) => needOfService[k] === r.need);
        if (answering.length > 0 && !answering.includes(body.details.kind)) throw fieldError('details.kind', 'assistance.service_kind');
        await deps.recordService(
          tx,
          ctx,
          { id: r.personId, orgPath: r.personOrgPath },
          { ...body, actionId: r.actionId ?? undefined },
          { providerPartnerId: r.partnerId, referralId: r.id },
        );
      }),
  };
}
