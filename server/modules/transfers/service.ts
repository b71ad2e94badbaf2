// Transfers of a file between streets (变更执行地, RULES C7) and handovers from isolation to the
// street (衔接, C10), issue 14. The module owns its two tables; the file, the measures, the
// supervision and the assistance rows belong to their modules, which move their own rows when
// called here inside this module's transaction: an accepted transfer moves everything or nothing.
import './audit-actions';
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import { AppError, conflict, fieldError, notFound } from '../../errors';
import { inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import { registerMessages } from '../../messages';
import { compareDates } from '../../../core/rules/dates';
import { acceptanceDeadlines, checkDecision, checkTransferRequest, decideBy, handoverDeadlines, releaseNoticeLate } from '../../../core/rules/transfers';
import type { Policy } from '../../../core/rules/policy';
import type { HandoverView, TransferView } from '../../../core/contracts/transfers';
import type { AuditService } from '../audit/service';
import type { OrgService } from '../org/service';
import type { PersonService } from '../persons/service';
import type { MeasureService } from '../measures/service';
import type { SupervisionService } from '../supervision/service';
import type { AssistanceService } from '../assistance/service';
import type { DocumentService } from '../documents/service';
import type { ReminderService } from '../reminders/service';
import type { UserService } from '../users/service';
import type { WarningService } from '../warnings/service';
import { isTransferReportOverdue } from '../../../core/rules/breaches';
import * as q from './queries';
import { essentialsOf, handoverView, transferView, type Essentials } from './presenter';
import { transfersTimeline } from './timeline';

registerMessages({
  'transfer.not_found': ['移交记录不存在', 'No such transfer'],
  'transfer.same_unit': ['档案已在该街道，无需移交', 'The file is held by that street already: nothing to transfer'],
  'transfer.already_open': ['该人员已有一项待答复的移交，请先处理', 'A transfer of this person is awaiting an answer already'],
  'transfer.already_decided': ['该移交已答复，不能重复处理', 'This transfer has been answered already'],
  'transfer.not_asked': ['只有被请求的街道可以答复该移交', 'Only the street asked may answer this transfer'],
  'transfer.not_street': ['移交须在街道之间进行', 'A file is transferred between streets'],
  'transfer.stale': ['档案已不在原街道，该移交不能再接收', 'The file is no longer held by the sending street: this transfer cannot be accepted'],
  'transfer.not_accepted': ['移交尚未接收', 'The transfer has not been accepted'],
  'transfer.already_reported': ['已登记报到', 'The report is recorded already'],
  'transfer.already_forwarded': ['已登记档案转递', 'The file forwarding is recorded already'],
  'transfer.date_invalid': ['日期须在接收之后且不晚于今天', 'The date must be after the acceptance and not in the future'],
  'handover.not_found': ['衔接记录不存在', 'No such handover'],
  'handover.already_open': ['该人员已有待衔接的出所通知', 'A release notice of this person is awaiting the handover already'],
  'handover.not_allowed': ['出所通知须由公安或禁毒办录入', 'A release notice is entered by the police or the drug-control office'],
  'handover.paper_invalid': ['出所材料须为该人员的有效文书', 'The papers must be valid documents of this person'],
  'handover.already_reported': ['已衔接报到', 'The person has reported already'],
  'handover.date_invalid': ['报到日期不能早于出所日期或晚于今天', 'The report date cannot be before the release or in the future'],
});

type Ctx = RequestContext & { actor: Principal };
const JOB_CTX: RequestContext = { actor: null, ip: null, userAgent: 'job:transfers.deadlines' };

export function createTransferService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  org: OrgService;
  persons: PersonService;
  measures: MeasureService;
  supervision: SupervisionService;
  assistance: AssistanceService;
  documents: DocumentService;
  reminders: ReminderService;
  users: UserService;
  /** C11 after a transfer: the early-warning alert in the new street's inbox (issue 14). */
  warnings: Pick<WarningService, 'raiseFactAlert' | 'withdrawFactAlert'>;
  /** The policy at an org path (district override, else deployment, else default). */
  policyAt: (exec: Executor, orgPath: string | null) => Promise<Policy>;
}) {
  const { db, audit, persons } = deps;
  const today = () => deps.clock.today();
  persons.registerTimelineSource(transfersTimeline({ ofPerson: q.ofPerson, handoversOfPerson: q.handoversOfPerson }));

  async function street(exec: Executor, unitId: string, field = 'toOrgUnitId') {
    const unit = await deps.org.byId(exec, unitId);
    if (!unit || unit.level !== 'street' || !unit.active) throw fieldError(field, 'transfer.not_street');
    return unit;
  }

  /** The viewer's side of a transfer: out of both streets' scope it does not exist (404). */
  async function reach(exec: Executor, actor: Principal, id: string) {
    const r = await q.byId(exec, id);
    if (!r || !(inScope(actor, 'person.read', r.fromPath) || inScope(actor, 'person.read', r.toPath))) throw notFound('transfer');
    return r;
  }

  async function present(exec: Executor, actor: Principal, rows: q.TransferWithUnits[]): Promise<TransferView[]> {
    const ids = [...new Set(rows.map((r) => r.t.personId))];
    const [labels, contexts] = await Promise.all([persons.essentialsOf(exec, ids), persons.contextOf(exec, ids)]);
    const paths = new Map(contexts.map((c) => [c.id, c]));
    const essentials = new Map<string, Essentials>();
    for (const id of ids) essentials.set(id, essentialsOf(labels.get(id), await deps.measures.inForce(exec, id)));
    const policies = new Map<string, Policy>();
    for (const r of rows) if (!policies.has(r.toPath)) policies.set(r.toPath, await deps.policyAt(exec, r.toPath));
    return rows.map((r) => {
      const c = paths.get(r.t.personId);
      // The file opens only where the viewer may read it now (the holder; the receiver once it accepted).
      const opens = !!c && !c.sealed && inScope(actor, 'person.read', c.orgPath);
      const mayAnswer = checkDecision(r.t, (unitId) => inScope(actor, 'person.write', unitId === r.t.fromOrgUnitId ? r.fromPath : r.toPath)).ok;
      return transferView(r, { essentials: essentials.get(r.t.personId)!, personId: opens ? r.t.personId : null, mayAnswer, today: today(), policy: policies.get(r.toPath)! });
    });
  }

  async function presentOne(exec: Executor, actor: Principal, id: string) {
    return (await present(exec, actor, [(await q.byId(exec, id))!]))[0]!;
  }

  async function open(tx: Executor, ctx: Ctx, p: { personId: string; holderUnitId: string; toUnitId: string; initiatedBy: 'holder' | 'finder'; reason: string }) {
    const from = await persons.streetOf(tx, p.holderUnitId);
    const to = await street(tx, p.toUnitId);
    const check = checkTransferRequest(from?.id ?? p.holderUnitId, to.id, await q.openOfPerson(tx, p.personId));
    if (!check.ok) throw conflict(check.code);
    const policy = await deps.policyAt(tx, to.path);
    const row = await q
      .insert(tx, {
        personId: p.personId,
        fromOrgUnitId: from!.id,
        toOrgUnitId: to.id,
        initiatedBy: p.initiatedBy,
        status: 'pending',
        reason: p.reason,
        requestedBy: ctx.actor.userId,
        requestedAt: deps.clock.now(),
        decideBy: decideBy(today(), policy),
        policyVersion: policy.version,
      })
      .catch(uniqueAs('transfer.already_open'));
    await audit.record(tx, ctx, {
      action: p.initiatedBy === 'holder' ? 'transfer.offer' : 'transfer.request',
      entityType: 'transfer',
      entityId: row.id,
      personId: p.personId,
      orgPath: to.path,
      details: { fromOrgUnitId: row.fromOrgUnitId, toOrgUnitId: row.toOrgUnitId },
    });
    return row;
  }

  /**
   * C7: the one transaction of an acceptance. The file, the measures in force (their term keeps
   * running), the open supervision items, the plans and referrals move, each by its own module;
   * the deadlines of the report and of the paper file start. A failure anywhere rolls back all.
   */
  async function accept(tx: Executor, ctx: Ctx, t: q.TransferRow) {
    const [person] = await persons.lockForUpdate(tx, [t.personId]);
    const holder = person ? await persons.streetOf(tx, person.orgUnitId) : undefined;
    if (!person || person.sealed || holder?.id !== t.fromOrgUnitId) throw conflict('transfer.stale');
    const file = await persons.transferFile(tx, ctx, t.personId, t.toOrgUnitId, t.reason);
    const measures = await deps.measures.transferRunning(tx, ctx, t.personId, file.toName, t.id);
    const supervision = await deps.supervision.transferOpen(tx, ctx, t.personId);
    const assistance = await deps.assistance.transferOpen(tx, t.personId, file.toPath);
    const policy = await deps.policyAt(tx, file.toPath);
    const acceptedOn = today();
    const moved = { file: 1, measures, ...supervision, ...assistance };
    const row = await q.update(tx, t.id, {
      status: 'accepted',
      decidedBy: ctx.actor.userId,
      decidedAt: deps.clock.now(),
      acceptedOn,
      ...acceptanceDeadlines(acceptedOn, policy),
      moved,
    });
    await audit.record(tx, ctx, { action: 'transfer.accept', entityType: 'transfer', entityId: t.id, personId: t.personId, orgPath: file.toPath, details: { moved } });
    return row;
  }

  async function decide(ctx: Ctx, id: string, answer: { accept: true } | { accept: false; reason: string }) {
    return db.transaction(async (tx) => {
      const r = await reach(tx, ctx.actor, id);
      const t = (await q.lockById(tx, id))!;
      const check = checkDecision(t, (unitId) => inScope(ctx.actor, 'person.write', unitId === t.fromOrgUnitId ? r.fromPath : r.toPath));
      if (!check.ok) throw conflict(check.code);
      if (answer.accept) await accept(tx, ctx, t);
      else {
        await q.update(tx, id, { status: 'declined', decidedBy: ctx.actor.userId, decidedAt: deps.clock.now(), declineReason: answer.reason });
        await audit.record(tx, ctx, { action: 'transfer.decline', entityType: 'transfer', entityId: id, personId: t.personId, orgPath: r.toPath });
      }
      return presentOne(tx, ctx.actor, id);
    });
  }

  /** A date of a step after the acceptance (the report, the forwarding): not before it, not in the future. */
  function stepDate(t: q.TransferRow, date: string) {
    if (t.status !== 'accepted' || !t.acceptedOn) throw conflict('transfer.not_accepted');
    if (compareDates(date, t.acceptedOn) < 0 || compareDates(date, today()) > 0) throw fieldError('date', 'transfer.date_invalid');
  }

  return {
    /** P4, issue 14: the retention purge of a person's rows of this module, in the purge's transaction (sealing/daily.ts). */
    purgePerson: (tx: Executor, personId: string) => q.purgePerson(tx, personId),
    /** C7: the holding street offers the file to another street. */
    offer: (ctx: Ctx, body: { personId: string; toOrgUnitId: string; reason: string }) =>
      db.transaction(async (tx) => {
        const p = await persons.access(tx, ctx.actor, body.personId, 'person.write');
        const row = await open(tx, ctx, { personId: p.person.id, holderUnitId: p.person.orgUnitId, toUnitId: body.toOrgUnitId, initiatedBy: 'holder', reason: body.reason });
        return presentOne(tx, ctx.actor, row.id);
      }),

    /**
     * C7: the street that found the file held elsewhere (the 409 of a second file) asks the
     * holding street for it, by the ID number it typed; it sees the essentials only (issue 14).
     */
    request: (ctx: Ctx, body: { idType: string; idNumber: string; toOrgUnitId: string; reason: string }) =>
      db.transaction(async (tx) => {
        const to = await street(tx, body.toOrgUnitId);
        if (!inScope(ctx.actor, 'person.write', to.path)) throw notFound('org');
        const p = await persons.lookupForTransfer(tx, ctx, body.idType, body.idNumber);
        if (!p || p.person.sealed) throw notFound('person');
        const row = await open(tx, ctx, { personId: p.person.id, holderUnitId: p.person.orgUnitId, toUnitId: to.id, initiatedBy: 'finder', reason: body.reason });
        return presentOne(tx, ctx.actor, row.id);
      }),

    accept: (ctx: Ctx, id: string) => decide(ctx, id, { accept: true }),
    decline: (ctx: Ctx, id: string, reason: string) => decide(ctx, id, { accept: false, reason }),

    /** C7: the person reported to the new street (else lost contact after the deadline). */
    report: (ctx: Ctx, id: string, date: string) =>
      db.transaction(async (tx) => {
        const r = await reach(tx, ctx.actor, id);
        if (!inScope(ctx.actor, 'person.write', r.toPath)) throw notFound('transfer');
        const t = (await q.lockById(tx, id))!;
        stepDate(t, date);
        if (t.reportedOn) throw conflict('transfer.already_reported');
        const late = isTransferReportOverdue(t.acceptedOn!, date, today(), await deps.policyAt(tx, r.toPath));
        await q.update(tx, id, { reportedOn: date, reportedBy: ctx.actor.userId });
        await audit.record(tx, ctx, { action: 'transfer.report', entityType: 'transfer', entityId: id, personId: t.personId, orgPath: r.toPath, details: { date, late } });
        await reportedAfterRaise(tx, ctx, t, late);
        return presentOne(tx, ctx.actor, id);
      }),

    /** C7: the old street forwarded the paper file (its deadline is tracked). */
    forwarded: (ctx: Ctx, id: string, date: string) =>
      db.transaction(async (tx) => {
        const r = await reach(tx, ctx.actor, id);
        if (!inScope(ctx.actor, 'person.write', r.fromPath)) throw notFound('transfer');
        const t = (await q.lockById(tx, id))!;
        stepDate(t, date);
        if (t.fileForwardedOn) throw conflict('transfer.already_forwarded');
        await q.update(tx, id, { fileForwardedOn: date });
        await audit.record(tx, ctx, { action: 'transfer.forward', entityType: 'transfer', entityId: id, personId: t.personId, orgPath: r.fromPath, details: { date } });
        return presentOne(tx, ctx.actor, id);
      }),

    /** The inbox (to my streets) and outbox (from my streets); each row as the essentials until the file is the viewer's. */
    async list(ctx: Ctx, query: { box: 'in' | 'out' | 'all'; status?: q.TransferRow['status']; limit: number; offset: number }) {
      const scope = scopePaths(ctx.actor, 'person.read');
      const res = await q.list(db, { inPaths: query.box === 'out' ? [] : scope, outPaths: query.box === 'in' ? [] : scope, status: query.status }, query.limit, query.offset);
      const items = await present(db, ctx.actor, res.items);
      await audit.record(db, ctx, { action: 'transfer.list', entityType: 'transfer', details: { box: query.box, returned: items.length, total: res.total } });
      return { items, total: res.total };
    },

    async get(ctx: Ctx, id: string) {
      const r = await reach(db, ctx.actor, id);
      await audit.record(db, ctx, { action: 'transfer.read', entityType: 'transfer', entityId: id, personId: r.t.personId, orgPath: r.toPath });
      return (await present(db, ctx.actor, [r]))[0]!;
    },

    /**
     * C7: the old street keeps read access to what it wrote — the supervision records entered
     * while it held the file (from when it received the file, or from the start, to the
     * acceptance) — and to nothing after. Audited as a read of the person.
     */
    async formerRecords(ctx: Ctx, id: string, page: { limit: number; offset: number }) {
      const r = await reach(db, ctx.actor, id);
      if (!inScope(ctx.actor, 'supervision.read', r.fromPath) || r.t.status !== 'accepted' || !r.t.decidedAt) throw notFound('transfer');
      const earlier = (await q.ofPerson(db, r.t.personId)).filter((x) => x.t.status === 'accepted' && x.t.toOrgUnitId === r.t.fromOrgUnitId && x.t.decidedAt! < r.t.decidedAt!);
      const since = earlier.length ? earlier[earlier.length - 1]!.t.decidedAt! : new Date(0);
      const res = await deps.supervision.recordsEnteredBetween(db, r.t.personId, since, r.t.decidedAt, page);
      await audit.record(db, ctx, {
        action: 'transfer.records.read',
        entityType: 'transfer',
        entityId: id,
        personId: r.t.personId,
        orgPath: r.fromPath,
        details: { returned: res.items.length },
      });
      return res;
    },

    /** Every street of the city (names only): where a file may be offered. */
    async streets() {
      return { items: await q.streets(db) };
    },

    ...handoverFunctions(),

    /**
     * The daily check (C7/C11, C10): a transfer whose report is overdue, a handover missed, raise
     * a message to the holders of `person.write` over the new street, once each.
     */
    async raiseOverdue(tx: Executor): Promise<{ transfers: number; handovers: number }> {
      const now = deps.clock.now();
      const late = await q.reportsOverdue(tx, today());
      const sealed = new Set((await persons.contextOf(tx, [...new Set(late.map((r) => r.t.personId))])).filter((c) => c.sealed).map((c) => c.id));
      for (const r of late) {
        // P4/P5 (M4 sealed from the start): a sealed file raises nothing and is looked at again if unsealed.
        if (sealed.has(r.t.personId)) continue;
        const fact = lostContactFact(r.t);
        // C11: did not report after a transfer in time → a lost-contact notice to the police (C6's
        // notice mechanism) and an alert in the new street's inbox; once each (fact key per transfer).
        const notice = await deps.supervision.raiseFactNotice(tx, JOB_CTX, { ...fact, reason: 'lost_contact' });
        const measureId = notice?.measureId ?? null;
        const alert = await deps.warnings.raiseFactAlert(tx, JOB_CTX, { ...fact, kind: 'lost_contact', links: measureId ? [{ type: 'measure', id: measureId }] : [] });
        await notifyStreet(tx, r.toPath, r.t.personId, `transfer:${r.t.id}:overdue`, ['移交后逾期未报到', 'Not reported after a transfer'], {
          transferId: r.t.id,
          reportBy: r.t.reportBy,
        });
        await q.update(tx, r.t.id, { overdueRaisedAt: now });
        await audit.record(tx, JOB_CTX, {
          action: 'transfer.report_overdue',
          entityType: 'transfer',
          entityId: r.t.id,
          personId: r.t.personId,
          orgPath: r.toPath,
          details: { rule: 'C11', noticeId: notice?.id ?? null, alertId: alert?.id ?? null },
        });
      }
      const missed = await q.handoversMissed(tx, today());
      for (const h of missed) {
        await notifyStreet(tx, h.unitPath, h.h.personId, `handover:${h.h.id}:missed`, ['出所衔接逾期未报到', 'Not reported after release'], {
          handoverId: h.h.id,
          reportBy: h.h.reportBy,
        });
        await q.updateHandover(tx, h.h.id, { missedRaisedAt: now });
        await audit.record(tx, JOB_CTX, { action: 'handover.missed', entityType: 'handover', entityId: h.h.id, personId: h.h.personId, orgPath: h.unitPath });
      }
      return { transfers: late.length, handovers: missed.length };
    },
  };

  /** C11: the fact of a report not made after a transfer, one per transfer (the notice's and the alert's key). */
  function lostContactFact(t: q.TransferRow) {
    return { personId: t.personId, factKey: `transfer:${t.id}`, factDate: t.reportBy!, details: { rule: 'C11', transferId: t.id, acceptedOn: t.acceptedOn, reportBy: t.reportBy } };
  }

  /**
   * The report recorded after the daily job raised its C11 notice and alert: the alert is withdrawn
   * (the person is in contact again); the notice is withdrawn too when the report is dated within
   * the deadline (the fact never held; a notice the police had gets a correction), and stands when
   * the report was late (a silence that the contact ends but does not undo, as for C11 notices of
   * the recompute). A late report entered before the job ran raises nothing and is marked late.
   */
  async function reportedAfterRaise(tx: Executor, ctx: RequestContext, t: q.TransferRow, late: boolean) {
    if (!t.overdueRaisedAt) return;
    const fact = lostContactFact(t);
    await deps.warnings.withdrawFactAlert(tx, ctx, { personId: t.personId, kind: 'lost_contact', factKey: fact.factKey });
    if (!late) await deps.supervision.withdrawFactNotice(tx, ctx, { personId: t.personId, reason: 'lost_contact', factKey: fact.factKey });
  }

  /** An in-app message to the street's staff (no name of the person in it: the message links to him, P1). */
  async function notifyStreet(tx: Executor, path: string, personId: string, key: string, title: [string, string], details: Record<string, unknown>) {
    const holders = (await deps.users.holdersOver(tx, 'person.write', [path])).get(path) ?? [];
    await deps.reminders.enqueue(
      tx,
      holders.map((userId) => ({ channel: 'in_app' as const, recipientUserId: userId, personId, title: title[0], body: title[1], dedupeKey: `${key}:${userId}`, details })),
    );
  }

  function handoverFunctions() {
    async function reachHandover(exec: Executor, actor: Principal, id: string) {
      const h = await q.handoverById(exec, id);
      if (!h || !inScope(actor, 'person.read', h.unitPath)) throw notFound('handover');
      return h;
    }
    async function presentHandovers(exec: Executor, rows: NonNullable<Awaited<ReturnType<typeof q.handoverById>>>[]): Promise<HandoverView[]> {
      const names = await persons.essentialsOf(
        exec,
        rows.map((r) => r.h.personId),
      );
      return rows.map((r) => handoverView(r, names.get(r.h.personId)?.name ?? '', today()));
    }
    return {
      /**
       * C10: the release notice of an isolation facility, entered by the police (who acknowledge
       * notices) or the drug-control office (who decide measures): a handover for the street of
       * the registered or residence address, with the deadlines of the policy; the papers are
       * documents of the person uploaded before.
       */
      createHandover: (
        ctx: Ctx,
        body: {
          personId: string;
          facility: string;
          releaseDate: string;
          noticeReceivedOn: string;
          orgUnitId?: string;
          addressBasis: 'registered' | 'residence';
          documentIds: string[];
        },
      ) =>
        db.transaction(async (tx) => {
          const p = await persons.access(tx, ctx.actor, body.personId);
          if (!inScope(ctx.actor, 'measure.write', p.orgPath) && !inScope(ctx.actor, 'notice.acknowledge', p.orgPath)) throw new AppError('handover.not_allowed', 403);
          if (compareDates(body.noticeReceivedOn, today()) > 0) throw fieldError('noticeReceivedOn', 'transfer.date_invalid');
          const target = body.orgUnitId ? await street(tx, body.orgUnitId, 'orgUnitId') : await persons.streetOf(tx, p.person.orgUnitId);
          if (!target) throw fieldError('orgUnitId', 'transfer.not_street');
          const unit = (await deps.org.byId(tx, target.id))!;
          for (const [i, d] of body.documentIds.entries())
            if (!(await deps.documents.attachable(tx, d, p.person.id))) throw fieldError(`documentIds.${i}`, 'handover.paper_invalid');
          if ((await q.openHandoverOf(tx, p.person.id)) > 0) throw conflict('handover.already_open');
          const policy = await deps.policyAt(tx, unit.path);
          const d = handoverDeadlines(body.releaseDate, policy);
          const isolation = (await deps.measures.inForce(tx, p.person.id)).find((m) => m.kind === 'compulsory_isolation');
          const row = await q
            .insertHandover(tx, {
              personId: p.person.id,
              orgUnitId: unit.id,
              addressBasis: body.addressBasis,
              facility: body.facility,
              releaseDate: body.releaseDate,
              noticeReceivedOn: body.noticeReceivedOn,
              ...d,
              noticeLate: releaseNoticeLate(body.noticeReceivedOn, d),
              documentIds: body.documentIds,
              isolationMeasureId: isolation?.id ?? null,
              createdBy: ctx.actor.userId,
              createdAt: deps.clock.now(),
              policyVersion: policy.version,
            })
            .catch(uniqueAs('handover.already_open'));
          await audit.record(tx, ctx, {
            action: 'handover.create',
            entityType: 'handover',
            entityId: row.id,
            personId: p.person.id,
            orgPath: unit.path,
            details: { orgUnitId: unit.id, releaseDate: body.releaseDate, papers: body.documentIds.length, noticeLate: row.noticeLate },
          });
          return (await presentHandovers(tx, [(await q.handoverById(tx, row.id))!]))[0]!;
        }),

      /**
       * C10, M9, F1: the person reported to the street: the isolation ends on the release day and
       * a community_rehab measure starts on the report (its schedule carries the F1 follow-ups).
       */
      reportHandover: (ctx: Ctx, id: string, body: { date: string; termMonths: number }) =>
        db.transaction(async (tx) => {
          const h = await reachHandover(tx, ctx.actor, id);
          const locked = (await q.lockHandover(tx, id))!;
          if (locked.reportedOn) throw conflict('handover.already_reported');
          if (compareDates(body.date, locked.releaseDate) < 0 || compareDates(body.date, today()) > 0) throw fieldError('date', 'handover.date_invalid');
          if (locked.isolationMeasureId) {
            const iso = await deps.measures.byId(tx, locked.isolationMeasureId);
            if (iso && ['active', 'suspended'].includes(iso.status)) await deps.measures.applyEventIn(tx, ctx, iso.id, { type: 'complete', date: locked.releaseDate });
          }
          const m = await deps.measures.createIn(tx, ctx, locked.personId, {
            kind: 'community_rehab',
            decisionDate: locked.releaseDate,
            decisionReceivedDate: locked.releaseDate,
            termMonths: body.termMonths,
            executionPlace: h.unitName,
            ...(locked.isolationMeasureId ? { previousMeasureId: locked.isolationMeasureId } : {}),
          });
          await deps.measures.applyEventIn(tx, ctx, m.id, { type: 'report', date: body.date, lateExcused: true });
          await q.updateHandover(tx, id, { reportedOn: body.date, reportedBy: ctx.actor.userId, measureId: m.id });
          await audit.record(tx, ctx, {
            action: 'handover.report',
            entityType: 'handover',
            entityId: id,
            personId: locked.personId,
            orgPath: h.unitPath,
            details: { date: body.date, measureId: m.id },
          });
          return (await presentHandovers(tx, [(await q.handoverById(tx, id))!]))[0]!;
        }),

      /** The handover list of the viewer's streets, the nearest deadline first. */
      async handovers(ctx: Ctx, query: { state?: 'awaiting' | 'reported' | 'missed'; limit: number; offset: number }) {
        const res = await q.handoverList(db, { paths: scopePaths(ctx.actor, 'person.read'), state: query.state, today: today() }, query.limit, query.offset);
        const items = await presentHandovers(db, res.items);
        await audit.record(db, ctx, { action: 'handover.list', entityType: 'handover', details: { returned: items.length, total: res.total } });
        return { items, total: res.total };
      },
    };
  }
}

/** The partial unique index (one open transfer or handover per person) caught under a race: the same answer as the check before it. */
function uniqueAs(code: string) {
  return (err: unknown): never => {
    const pg = err as { code?: string; cause?: { code?: string } };
    if (pg.code === '23505' || pg.cause?.code === '23505') throw conflict(code);
    throw err;
  };
}

export type TransferService = ReturnType<typeof createTransferService>;
