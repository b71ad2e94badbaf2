import crypto from 'node:crypto';
import type { Db, Executor, Reader } from '../../db/client';
import type { Clock } from '../../clock';
import type { DataCipher } from '../../lib/data-key';
import { AppError, fieldError, notFound } from '../../errors';
import { registerMessages } from '../../messages';
import { hasPermission, inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import type { PublicTipInput, TipStatus, TipView } from '../../../core/contracts/tips';
import type { AuditService } from '../audit/service';
import type { PublicLimits } from './public-limits';
import { tipView } from './presenter';
import * as q from './queries';

registerMessages({
  'tip.not_found': ['线索不存在', 'No such tip'],
  'tip.unit_unknown': ['请选择受理单位', 'Choose the unit to send the tip to'],
  'tip.receipt_unknown': ['查询码无效', 'No tip has this receipt code'],
  'tip.status_backwards': ['线索状态只能向前推进（受理 → 核实 → 办结）', 'A tip moves forward only (received → verified → closed)'],
  'tip.reward_not_verified': ['线索核实后才能登记奖励', 'A reward is recorded once the tip is verified'],
});

type Ctx = RequestContext & { actor: Principal };

// Crockford base32 (no I, L, O, U): read aloud and typed from a phone without confusion.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** TIP-XXXX-XXXX-XXXX-XXXX: 80 random bits, unguessable; only its SHA-256 is stored. */
function newReceiptCode(): string {
  const bytes = crypto.randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join('');
  return `TIP-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${chars.slice(12, 16)}`;
}
const receiptHash = (code: string) => crypto.createHash('sha256').update(code.toUpperCase()).digest('hex');

const statusOrder: TipStatus[] = ['received', 'verified', 'closed'];

/**
 * Tips are routed to the police of the unit: `tip.read` (police; the drug-control office) shows
 * the tip, `tip.handle` (the police role alone) also who gave it, and moves its status and
 * reward (RULES P1: shown to the fewest). The description and the contact are encrypted at rest
 * (P6). The public side gets a receipt code and, with it, the status and nothing else.
 */
export function createTipService(deps: { db: Db; reader: Reader; clock: Clock; cipher: DataCipher; audit: AuditService; limits: PublicLimits }) {
  const { db, audit, cipher } = deps;
  const seesTipster = (actor: Principal, orgPath: string) => hasPermission(actor, 'tip.handle') && inScope(actor, 'tip.handle', orgPath);

  async function loadTip(exec: Executor, actor: Principal, id: string) {
    const r = await q.tipById(exec, id);
    if (!r || !inScope(actor, 'tip.read', r.orgPath)) throw notFound('tip');
    return r;
  }
  const viewFor = (actor: Principal, r: q.TipWithUnit): TipView => tipView(r, cipher, seesTipster(actor, r.orgPath));

  return {
    /** The units a tip can be sent to (active; city, district or street): names only. */
    publicUnits: async () => ({ items: await q.tipUnits(db) }),

    /** A public tip: stored encrypted, answered with its receipt code. The audit row keeps no address. */
    async submit(ip: string | null, input: PublicTipInput): Promise<{ receiptCode: string; status: TipStatus }> {
      deps.limits.admit(ip);
      const unit = await q.unitById(db, input.orgUnitId);
      if (!unit || !unit.active) throw fieldError('orgUnitId', 'tip.unit_unknown');
      const code = newReceiptCode();
      const anonymous = !input.contactName && !input.contactPhone;
      await db.transaction(async (tx) => {
        const row = await q.insertTip(tx, {
          orgUnitId: unit.id,
          receiptHash: receiptHash(code),
          category: input.category,
          descriptionEnc: cipher.encrypt(input.description),
          place: input.place,
          anonymous,
          tipsterNameEnc: input.contactName ? cipher.encrypt(input.contactName) : null,
          tipsterPhoneEnc: input.contactPhone ? cipher.encrypt(input.contactPhone) : null,
          receivedOn: deps.clock.today(),
        });
        await audit.record(
          tx,
          { actor: null, ip: null, userAgent: null },
          { action: 'tip.submit', entityType: 'tip', entityId: row.id, orgPath: unit.path, details: { category: input.category, anonymous } },
        );
      });
      return { receiptCode: code, status: 'received' };
    },

    /** The status of the one tip the code belongs to; any other code is a 404 (the same for a wrong and a malformed one). */
    async publicStatus(ip: string | null, code: string) {
      deps.limits.admit(ip);
      const r = await q.tipByReceipt(db, receiptHash(code));
      if (!r) throw new AppError('tip.receipt_unknown', 404);
      return { status: r.status as TipStatus, receivedOn: r.receivedOn };
    },

    async list(ctx: Ctx, f: { orgUnitId?: string; status?: TipStatus; limit: number; offset: number }) {
      let prefixes = scopePaths(ctx.actor, 'tip.read');
      if (f.orgUnitId) {
        const unit = await q.unitById(db, f.orgUnitId);
        if (!unit || !inScope(ctx.actor, 'tip.read', unit.path)) throw notFound('org');
        prefixes = [unit.path];
      }
      const r = await q.listTips(db, { ...f, prefixes });
      await audit.record(db, ctx, { action: 'tip.list', entityType: 'tip', orgPath: prefixes[0] ?? null, details: { returned: r.items.length, total: r.total } });
      return { items: r.items.map((t) => viewFor(ctx.actor, t)), total: r.total };
    },

    get: (ctx: Ctx, id: string) =>
      db.transaction(async (tx) => {
        const r = await loadTip(tx, ctx.actor, id);
        const view = viewFor(ctx.actor, r);
        await audit.record(tx, ctx, { action: 'tip.read', entityType: 'tip', entityId: id, orgPath: r.orgPath, details: { tipster: 'tipster' in view } });
        return view;
      }),

    /** Moves a tip forward (received → verified → closed); the police role only. */
    setStatus: (ctx: Ctx, id: string, input: { status: TipStatus; note: string }) =>
      db.transaction(async (tx) => {
        const r = await loadTip(tx, ctx.actor, id);
        if (!inScope(ctx.actor, 'tip.handle', r.orgPath)) throw notFound('tip');
        if (statusOrder.indexOf(input.status) < statusOrder.indexOf(r.t.status as TipStatus)) throw fieldError('status', 'tip.status_backwards');
        await q.updateTip(tx, id, { status: input.status, statusNote: input.note });
        await audit.record(tx, ctx, { action: 'tip.status', entityType: 'tip', entityId: id, orgPath: r.orgPath, details: { from: r.t.status, to: input.status } });
        return viewFor(ctx.actor, (await q.tipById(tx, id))!);
      }),

    /** The reward (奖励) of a verified tip: its amount and the day it was paid. */
    setReward: (ctx: Ctx, id: string, input: { amountYuan: number; paidOn: string | null }) =>
      db.transaction(async (tx) => {
        const r = await loadTip(tx, ctx.actor, id);
        if (!inScope(ctx.actor, 'tip.handle', r.orgPath)) throw notFound('tip');
        if (r.t.status === 'received') throw fieldError('amountYuan', 'tip.reward_not_verified');
        if (input.paidOn && input.paidOn > deps.clock.today()) throw fieldError('paidOn', 'prevention.date_future');
        await q.updateTip(tx, id, { rewardYuan: input.amountYuan, rewardPaidOn: input.paidOn });
        await audit.record(tx, ctx, { action: 'tip.reward', entityType: 'tip', entityId: id, orgPath: r.orgPath, details: { amountYuan: input.amountYuan, paidOn: input.paidOn } });
        return viewFor(ctx.actor, (await q.tipById(tx, id))!);
      }),
  };
}

export type TipService = ReturnType<typeof createTipService>;
