import './audit-actions';
import crypto from 'node:crypto';
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import { asMissing, badRequest, fieldError, notFound, conflict } from '../../errors';
import { registerMessages } from '../../messages';
import type { Principal, RequestContext } from '../../http/context';
import { createMeasure, computeEndDate, reportDeadline, type Measure, type MeasureKind } from '../../../core/rules/measures';
import { applyMeasureEvent, type MeasureEvent } from '../../../core/rules/measure-events';
import { checkNewMeasure, derivePersonStatus } from '../../../core/rules/person-status';
import { compareDates } from '../../../core/rules/dates';
import type { Policy } from '../../../core/rules/policy';
import type { MeasureEventBody } from '../../../core/contracts/measures';
import { localized } from '../../../core/labels';
import { TIE, wants } from '../persons/timeline';
import type { AuditService } from '../audit/service';
import type { PersonService } from '../persons/service';
import * as q from './queries';
import { isPoliceViewer } from '../../../core/rules/delisting';

registerMessages({
  'measure.not_found': ['措施不存在', 'No such measure'],
  'measure.overlap': ['该人员已有未结束的管控措施，不能重叠', 'The person already has a measure in force; measures may not overlap'],
  'measure.event_not_for_kind': ['该操作不适用于此类措施', 'This step does not apply to this kind of measure'],
  'measure.transition_not_allowed': ['措施当前状态下不能执行此操作', "This step is not allowed in the measure's current status"],
  'measure.date_out_of_order': ['日期早于该措施已记录的日期', 'The date is before dates already recorded for this measure'],
  'measure.decision_receipt_unknown': ['请先填写决定书送达日期（C1 报到期限由此起算）', 'Enter the date the decision was received first (C1 counts from it)'],
  'measure.report_late': [
    '已超过报到期限；如有正当理由请勾选“有正当理由”，否则按拒绝报到处理（C1）',
    'Past the report deadline: tick "reason accepted" if there is one, else record a refusal (C1)',
  ],
  'measure.term_not_expired': ['期限未满，不能解除（C8）', 'The term has not expired yet (C8)'],
  'measure.extension_invalid': ['延长月数无效', 'Invalid extension'],
  'measure.extension_exceeds_max': ['延长期限超过上限（M7）', 'The extension exceeds the maximum (M7)'],
  'measure.extension_after_end': ['期限届满后不能延长（M7）', 'Cannot extend after the term has ended (M7)'],
  'measure.date_future': ['日期不能晚于今天', 'The date cannot be in the future'],
  'measure.received_before_decision': ['送达日期不能早于决定日期', 'The receipt date cannot be before the decision date'],
  'measure.previous_invalid': ['前一措施不属于该人员', 'The previous measure does not belong to this person'],
});

type Ctx = RequestContext & { actor: Principal };
export interface NewMeasureInput {
  kind: MeasureKind;
  decisionNumber?: string;
  decisionDate: string;
  decidingAuthority?: string;
  decisionReceivedDate?: string;
  termMonths?: number;
  executionPlace?: string;
  previousMeasureId?: string;
}
/** Measures in force: what a transfer moves with the file (C7). */
const IN_FORCE = ['awaiting_report', 'active', 'suspended'];
export type MeasureRow = q.MeasureRow;

/** The rule-level measure kept in `state`, rebuilt into the pure type. */
const ruleMeasure = (row: Pick<MeasureRow, 'id' | 'kind' | 'state'>): Measure => ({ ...(row.state as Measure), id: row.id, kind: row.kind as MeasureKind });

/** Called in the transaction of every measure change (supervision recomputes the person's schedule). */
export type MeasureChangeHook = (tx: Executor, personId: string, ctx: RequestContext) => Promise<void>;

export function createMeasureService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  persons: PersonService;
  /** The effective policy of the person (district override, else deployment override, else default). */
  policy: (exec: Executor, personId: string) => Promise<Policy>;
}) {
  const { db, audit } = deps;
  const changeHooks: MeasureChangeHook[] = [];
  const changed = async (tx: Executor, personId: string, ctx: RequestContext) => {
    for (const hook of changeHooks) await hook(tx, personId, ctx);
  };

  // Each measure event is a line of the person's timeline; a change of status is marked as such.
  deps.persons.registerTimelineSource(async (exec, personId, w) => {
    if (!wants(w, 'measure', 'status')) return [];
    const [list, events] = await Promise.all([q.ofPerson(exec, personId), q.eventsOfPerson(exec, personId)]);
    const kinds = new Map(list.map((m) => [m.id, m.kind]));
    // M4: voluntary treatment never reaches a police reader.
    const shown = w.hideVoluntary ? events.filter((e) => kinds.get(e.measureId) !== 'voluntary_treatment') : events;
    return shown.map((e) => {
      const kind = localized('measureKind', kinds.get(e.measureId) ?? '');
      const event = localized('measureEventDone', e.event);
      return {
        at: e.at,
        date: e.eventDate,
        kind: e.fromStatus !== null && e.fromStatus !== e.toStatus ? ('status' as const) : ('measure' as const),
        title: { 'zh-CN': `${kind['zh-CN']} · ${event['zh-CN']}`, 'en-US': `${kind['en-US']} · ${event['en-US']}` },
        detail: e.reason,
        refId: e.measureId,
        tie: TIE.measure,
        key: e.id,
      };
    });
  });
  // The person page shows the measures beside the file, read under its one scope check (11.2).
  deps.persons.registerPagePart('measures', async (exec, personId, shown) => {
    const [policy, rows] = await Promise.all([deps.policy(exec, personId), q.ofPerson(exec, personId)]);
    return visibleTo(rows, shown.hideVoluntary).map((row) => view(row, policy));
  });
  /** M4: voluntary treatment is kept apart from control — a police reader never sees it. */
  const visibleTo = (rows: MeasureRow[], hideVoluntary: boolean) => (hideVoluntary ? rows.filter((r) => r.kind !== 'voluntary_treatment') : rows);

  function columnsOf(m: Measure, policy: Policy) {
    return {
      status: m.status,
      reportDate: m.kind === 'community_detox' || m.kind === 'community_rehab' ? m.startDate : null,
      startDate: m.startDate,
      endDate: m.endedOn ?? computeEndDate(m, policy),
      state: m,
      policyVersion: policy.version,
    };
  }

  /** Re-derives the person's status from all their measures (it is never typed in). */
  async function refreshPersonStatus(tx: Executor, personId: string) {
    const all = (await q.ofPerson(tx, personId)).map(ruleMeasure);
    const s = derivePersonStatus(all, deps.clock.today());
    const kind = s.measureId ? (all.find((m) => m.id === s.measureId)?.kind ?? null) : null;
    await deps.persons.setDerivedStatus(tx, personId, s.status, kind);
  }

  const notFuture = (path: string, date?: string | null) => {
    if (date && compareDates(date, deps.clock.today()) > 0) throw fieldError(path, 'measure.date_future');
  };

  function view(row: MeasureRow, policy: Policy) {
    const m = ruleMeasure(row);
    return {
      id: row.id,
      personId: row.personId,
      kind: m.kind,
      status: m.status,
      decisionNumber: row.decisionNumber,
      decisionDate: row.decisionDate,
      decidingAuthority: row.decidingAuthority,
      decisionReceivedDate: row.decisionReceivedDate,
      reportDeadline: m.status === 'awaiting_report' ? reportDeadline(m, policy) : null,
      reportDate: row.reportDate,
      startDate: row.startDate,
      endDate: row.endDate,
      termMonths: row.termMonths,
      executionPlace: row.executionPlace,
      creditedDays: m.creditedDays,
      suspensions: [...m.suspensions],
      terminationReason: m.terminationReason,
      previousMeasureId: row.previousMeasureId,
      policyVersion: row.policyVersion,
      createdAt: row.createdAt.toISOString(),
    };
  }

  return {
    /** P4, issue 14: the retention purge of a person's rows of this module, in the purge's transaction (sealing/daily.ts). */
    purgePerson: (tx: Executor, personId: string) => q.purgePerson(tx, personId),
    view,

    async list(ctx: Ctx, personId: string) {
      await deps.persons.access(db, ctx.actor, personId);
      const policy = await deps.policy(db, personId);
      return visibleTo(await q.ofPerson(db, personId), isPoliceViewer(ctx.actor.grants)).map((row) => view(row, policy));
    },

    /** For other modules (documents, supervision): the row, without scope checks. */
    byId: (exec: Executor, id: string) => q.byId(exec, id),
    /** #15 reports (月通报): measures ended in a period under a subtree, counted by the status reached; the caller checks scope. */
    endedCountsIn: (exec: Executor, f: { path: string; from: string; to: string }) => q.endedCountsIn(exec, f),
    /** The community measures of a batch of persons as the rules read them (supervision's recompute). */
    async communityOf(exec: Executor, personIds: string[]): Promise<{ personId: string; measure: Measure }[]> {
      return (await q.communityOfPersons(exec, personIds)).map((r) => ({ personId: r.personId, measure: ruleMeasure(r) }));
    },
    /** The non-community measures of a batch of persons as the rules read them (warnings: D4 releases, D6 earlier measures; the community ones come with supervision's recompute). */
    async otherOf(exec: Executor, personIds: string[]): Promise<{ personId: string; measure: Measure }[]> {
      return (await q.otherOfPersons(exec, personIds)).map((r) => ({ personId: r.personId, measure: ruleMeasure(r) }));
    },
    ofPerson: (exec: Executor, personId: string) => q.ofPerson(exec, personId),
    /** The measures of many persons as the delisting rule reads them (D3; one statement per batch). */
    async delistingMeasuresOf(exec: Executor, personIds: string[]) {
      return (await q.ofPersons(exec, personIds)).map((row) => {
        const m = ruleMeasure(row);
        return {
          personId: row.personId,
          id: row.id,
          kind: m.kind,
          status: m.status,
          decisionDate: m.decisionDate,
          startDate: m.startDate,
          endedOn: m.endedOn,
          terminationReason: m.terminationReason,
        };
      });
    },
    eventsOfPerson: (exec: Executor, personId: string) => q.eventsOfPerson(exec, personId),

    create: (ctx: Ctx, personId: string, input: NewMeasureInput) => db.transaction((tx) => createIn(tx, ctx, personId, input)),

    /** One lifecycle step through the pure state machine (rules M*, C*). */
    applyEvent: (ctx: Ctx, measureId: string, body: MeasureEventBody) => db.transaction((tx) => applyEventIn(tx, ctx, measureId, body)),

    /** `create` inside the caller's transaction (the handover from isolation starts a measure as one step of its own, C10). */
    createIn,
    /** `applyEvent` inside the caller's transaction. */
    applyEventIn,

    /**
     * C7: the person's file moved to another street. The measures in force go with it — the
     * term keeps running (no date changes); the execution place becomes the new street and the
     * move is an event of the measure (its timeline line). Runs the change hooks (supervision
     * recomputes the schedule under the new unit). Returns the number of measures moved.
     */
    async transferRunning(tx: Executor, ctx: Ctx, personId: string, place: string, transferId: string): Promise<number> {
      const running = (await q.ofPerson(tx, personId)).filter((m) => IN_FORCE.includes(m.status));
      for (const m of running) {
        await q.update(tx, m.id, { executionPlace: place });
        await q.insertEvent(tx, {
          measureId: m.id,
          personId,
          event: 'transfer',
          eventDate: deps.clock.today(),
          fromStatus: m.status,
          toStatus: m.status,
          reason: place,
          details: { transferId },
          actorId: ctx.actor.userId,
        });
      }
      await changed(tx, personId, ctx);
      return running.length;
    },

    /** The measures in force of a person (what a transfer would move, C7). */
    async inForce(exec: Executor, personId: string) {
      const policy = await deps.policy(exec, personId);
      return (await q.ofPerson(exec, personId)).filter((m) => IN_FORCE.includes(m.status)).map((row) => view(row, policy));
    },

    refreshPersonStatus,

    /** Registers a hook run inside the transaction of every measure change (composition root). */
    onChange(hook: MeasureChangeHook) {
      changeHooks.push(hook);
    },
  };

  async function createIn(tx: Executor, ctx: Ctx, personId: string, input: NewMeasureInput) {
    const person = await deps.persons.access(tx, ctx.actor, personId, 'measure.write');
    notFuture('decisionDate', input.decisionDate);
    notFuture('decisionReceivedDate', input.decisionReceivedDate);
    if (input.decisionReceivedDate && compareDates(input.decisionReceivedDate, input.decisionDate) < 0) {
      throw fieldError('decisionReceivedDate', 'measure.received_before_decision');
    }
    const existing = await q.ofPerson(tx, personId);
    if (input.previousMeasureId && !existing.some((m) => m.id === input.previousMeasureId)) throw fieldError('previousMeasureId', 'measure.previous_invalid');
    const policy = await deps.policy(tx, personId);
    const m = createMeasure({
      id: crypto.randomUUID(),
      kind: input.kind,
      decisionDate: input.decisionDate,
      decisionReceivedDate: input.decisionReceivedDate ?? null,
      decisionTermMonths: input.termMonths ?? null,
    });
    const overlap = checkNewMeasure(existing.map(ruleMeasure), m);
    if (!overlap.ok) throw conflict('measure.overlap');
    const row = await q.insert(tx, {
      id: m.id,
      personId,
      kind: m.kind,
      decisionNumber: input.decisionNumber ?? null,
      decisionDate: input.decisionDate,
      decidingAuthority: input.decidingAuthority ?? null,
      decisionReceivedDate: input.decisionReceivedDate ?? null,
      termMonths: input.termMonths ?? null,
      executionPlace: input.executionPlace ?? null,
      previousMeasureId: input.previousMeasureId ?? null,
      createdBy: ctx.actor.userId,
      ...columnsOf(m, policy),
    });
    await q.insertEvent(tx, { measureId: row.id, personId, event: 'create', eventDate: input.decisionDate, fromStatus: null, toStatus: m.status, actorId: ctx.actor.userId });
    await refreshPersonStatus(tx, personId);
    await changed(tx, personId, ctx);
    await audit.record(tx, ctx, { action: 'measure.create', entityType: 'measure', entityId: row.id, personId, orgPath: person.orgPath, after: view(row, policy) });
    return view(row, policy);
  }

  async function applyEventIn(tx: Executor, ctx: Ctx, measureId: string, body: MeasureEventBody) {
    const row = await q.byId(tx, measureId);
    if (!row) throw notFound('measure');
    const person = await deps.persons.access(tx, ctx.actor, row.personId, 'measure.write').catch(asMissing('measure'));
    notFuture('date', body.date);
    const policy = await deps.policy(tx, row.personId);
    const event: MeasureEvent = body.type === 'convert' ? { type: 'convert', date: body.date, successorId: crypto.randomUUID() } : (body as MeasureEvent);
    const before = ruleMeasure(row);
    const result = applyMeasureEvent(before, event, policy);
    if (!result.ok) throw badRequest(result.code);
    const updated = await q.update(tx, measureId, columnsOf(result.measure, policy));
    const reason = body.type === 'terminate' ? [body.reason, body.note].filter(Boolean).join(': ') : (body.reason ?? null);
    await q.insertEvent(tx, {
      measureId,
      personId: row.personId,
      event: body.type,
      eventDate: body.date,
      fromStatus: before.status,
      toStatus: result.measure.status,
      reason,
      details: body,
      actorId: ctx.actor.userId,
    });
    if (result.successor) {
      const s = result.successor;
      await q.insert(tx, {
        id: s.id,
        personId: row.personId,
        kind: s.kind,
        decisionDate: s.decisionDate,
        decisionReceivedDate: s.decisionReceivedDate,
        previousMeasureId: measureId,
        createdBy: ctx.actor.userId,
        ...columnsOf(s, policy),
      });
      await q.insertEvent(tx, {
        measureId: s.id,
        personId: row.personId,
        event: 'create',
        eventDate: body.date,
        fromStatus: null,
        toStatus: s.status,
        reason: 'M8',
        actorId: ctx.actor.userId,
      });
    }
    await refreshPersonStatus(tx, row.personId);
    await changed(tx, row.personId, ctx);
    await audit.record(tx, ctx, {
      action: `measure.${body.type}`,
      entityType: 'measure',
      entityId: measureId,
      personId: row.personId,
      orgPath: person.orgPath,
      before: view(row, policy),
      after: view(updated, policy),
      details: body,
    });
    return view(updated, policy);
  }
}

export type MeasureService = ReturnType<typeof createMeasureService>;
