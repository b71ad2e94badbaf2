import './audit-actions';
import type { Db, Executor, Reader } from '../../db/client';
import type { Clock } from '../../clock';
import type { DataCipher } from '../../lib/data-key';
import { conflict, fieldError, notFound } from '../../errors';
import { registerMessages } from '../../messages';
import { inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import type { Permission } from '../../../core/contracts/permissions';
import { compareDates } from '../../../core/rules/dates';
import {
  activityReach,
  preventionTargets,
  publicityMet,
  ratio,
  recognitionMet,
  satisfactionMet,
  staffingMet,
  surveyTargets,
  targetForPeriod,
  trainingMet,
  workersNeeded,
} from '../../../core/rules/prevention';
import {
  onlinePublicityKinds,
  type AudienceSegment,
  type PreventionIndicators,
  type PublicityInput,
  type PublicityKind,
  type PublicitySummary,
  type TrainingInput,
  type VolunteerInput,
} from '../../../core/contracts/prevention';
import type { AuditService } from '../audit/service';
import type { OrgService } from '../org/service';
import { activityView, teamView, trainingView, volunteerView } from './presenter';
import * as q from './queries';
import { createPublicLimits } from './public-limits';
import { createSurveyService } from './survey-service';
import { createTipService } from './tip-service';
import { createStaffService, type StaffDeps } from './staff-service';
import { createPhotoService } from './photo-service';

registerMessages({
  'prevention.date_future': ['日期不能晚于今天', 'The date cannot be in the future'],
  'prevention.period_invalid': ['开始日期不能晚于结束日期', 'The start of the period cannot be after its end'],
  'prevention.unit_inactive': ['该单位已停用', 'The unit is deactivated'],
  'publicity.channels_required': ['网络宣传请按渠道填写阅读、播放或转发数', 'For online publicity enter the reads, plays or shares per channel'],
  'publicity.channel_twice': ['同一渠道只能填写一次', 'Enter each channel once'],
  'publicity.not_found': ['宣传活动不存在', 'No such publicity activity'],
  'volunteer_team.not_found': ['志愿者队伍不存在', 'No such volunteer team'],
  'volunteer.not_found': ['志愿者不存在', 'No such volunteer'],
  'volunteer.recognised_already': ['该志愿者 {year} 年已获评优秀志愿者', 'This volunteer was already recognised for {year}'],
  'volunteer_team.leader_not_member': ['队长须是本队志愿者', 'The leader must be a volunteer of this team'],
  'training.not_found': ['培训不存在', 'No such training'],
  'training.attendee_unknown': ['参训人员不存在或不在您的管辖范围内', 'No such staff member within your scope'],
  'training.attendee_twice': ['同一人员只能登记一次', 'Enter each attendee once'],
});

type Ctx = RequestContext & { actor: Principal };

/** The org path of an account's unit; injected (the users service), so prevention does not read the users table. */
export type UserOrgPath = (exec: Executor, userId: string) => Promise<string | undefined>;

export function createPreventionService(deps: {
  db: Db;
  reader: Reader;
  clock: Clock;
  cipher: DataCipher;
  audit: AuditService;
  org: OrgService;
  userOrgPath: UserOrgPath;
  publicLimits: { perAddressPerMinute: number; perLinkPerMinute: number };
  /** The largest photo accepted: the documents' maximum (SUNFLOWER_DOCUMENT_MAX_MB). */
  photoMaxBytes: number;
  /** #16 item 3 staff capacity: the role's holders, names, caseloads and the policy, from their modules. */
  staff: Pick<StaffDeps, 'socialWorkersUnder' | 'names' | 'caseloadsUnder' | 'capacityPolicy'>;
}) {
  const { db, reader, audit } = deps;
  const limits = createPublicLimits({ ...deps.publicLimits, nowMs: () => deps.clock.now().getTime() });
  const surveys = createSurveyService({ db, reader, clock: deps.clock, audit, limits });
  const tips = createTipService({ db, reader, clock: deps.clock, cipher: deps.cipher, audit, limits });

  deps.org.registerUsage({ 'zh-CN': '宣传、志愿者与培训记录', 'en-US': 'prevention records' }, (exec, unitId) => q.recordsOfUnit(exec, unitId));

  /** A unit the actor holds `perm` on; outside the scope it does not exist (404). */
  async function unitFor(exec: Executor, actor: Principal, perm: Permission, id: string) {
    const unit = await q.unitById(exec, id);
    if (!unit || !inScope(actor, perm, unit.path)) throw notFound('org');
    return unit;
  }

  /** The subtrees a list covers: one unit's (in scope), or all of the actor's. */
  async function prefixesFor(exec: Executor, actor: Principal, orgUnitId?: string) {
    if (orgUnitId) return [(await unitFor(exec, actor, 'prevention.read', orgUnitId)).path];
    return scopePaths(actor, 'prevention.read');
  }

  /** The unit a summary is about: the one asked for, else the top of the actor's scope. */
  async function summaryUnit(exec: Executor, actor: Principal, orgUnitId?: string) {
    const id = orgUnitId ?? scopePaths(actor, 'prevention.read')[0]?.split('/').filter(Boolean).pop();
    if (!id) throw notFound('org');
    return unitFor(exec, actor, 'prevention.read', id);
  }

  const photos = createPhotoService({ db, audit, maxFileBytes: deps.photoMaxBytes });
  const staff = createStaffService({ db, reader, clock: deps.clock, audit, summaryUnit, ...deps.staff });

  const notAfterToday = (path: string, date: string) => {
    if (compareDates(date, deps.clock.today()) > 0) throw fieldError(path, 'prevention.date_future');
  };
  const checkPeriod = (from: string, to: string) => {
    if (compareDates(from, to) > 0) throw fieldError('from', 'prevention.period_invalid');
  };

  function checkActivity(input: PublicityInput) {
    notAfterToday('heldOn', input.heldOn);
    const channels = input.channels.map((c) => c.channel);
    if (new Set(channels).size !== channels.length) throw fieldError('channels', 'publicity.channel_twice');
    const online = onlinePublicityKinds.includes(input.kind);
    if (online && !input.channels.some((c) => c.reads + c.plays + c.shares > 0)) throw fieldError('channels', 'publicity.channels_required');
  }

  async function loadActivity(exec: Executor, actor: Principal, id: string) {
    const r = await q.activityById(exec, id);
    if (!r || !inScope(actor, 'prevention.read', r.orgPath)) throw notFound('publicity');
    return r;
  }

  async function loadTeam(exec: Executor, actor: Principal, id: string, perm: Permission) {
    const r = await q.teamById(exec, id);
    if (!r || !inScope(actor, perm, r.orgPath)) throw notFound('volunteer_team');
    return r;
  }

  async function loadVolunteer(exec: Executor, actor: Principal, id: string, perm: Permission) {
    const r = await q.volunteerById(exec, id);
    if (!r || !inScope(actor, perm, r.orgPath)) throw notFound('volunteer');
    return r;
  }

  /** Attendees exist, are distinct and lie within the actor's scope (an unknown one is a 400, naming the row). */
  async function checkAttendees(exec: Executor, actor: Principal, attendees: TrainingInput['attendees']) {
    const seen = new Set<string>();
    for (const [i, a] of attendees.entries()) {
      if (seen.has(a.userId)) throw fieldError(`attendees.${i}.userId`, 'training.attendee_twice');
      seen.add(a.userId);
      const orgPath = await deps.userOrgPath(exec, a.userId);
      if (!orgPath || !inScope(actor, 'prevention.write', orgPath)) throw fieldError(`attendees.${i}.userId`, 'training.attendee_unknown');
    }
  }

  async function trainingsWithAttendees(exec: Executor, rows: { t: q.TrainingRow; orgUnitName: string }[]) {
    const attendees = await q.attendeesOf(
      exec,
      rows.map((r) => r.t.id),
    );
    return rows.map((r) =>
      trainingView(
        r,
        attendees.filter((a) => a.trainingId === r.t.id),
      ),
    );
  }

  /** The per-indicator service functions; each reads one unit path's subtree and one period. */
  const indicator = {
    /** K12: persons under a community measure, the workers responsible for them, caseloads, and the ratio the unit's policy sets (1 : 30 by default). */
    async k12(exec: Executor, path: string) {
      const loads = await q.caseloads(exec, path);
      // The same figure as the staff page (队伍建设), so the two never show different targets.
      const { personsPerWorker } = await deps.staff.capacityPolicy(exec, path);
      const assigned = loads.filter((l) => l.workerId !== null);
      const persons = loads.reduce((n, l) => n + l.persons, 0);
      const workers = assigned.length;
      return {
        persons,
        workers,
        unassigned: loads.find((l) => l.workerId === null)?.persons ?? 0,
        workersNeeded: workersNeeded(persons, personsPerWorker),
        maxCaseload: Math.max(0, ...assigned.map((l) => l.persons)),
        overCaseload: assigned.filter((l) => l.persons > personsPerWorker).length,
        met: staffingMet(workers, persons, personsPerWorker),
      };
    },
    /** K13: activities and person-times reached, against the yearly targets pro rata. */
    async k13(exec: Executor, path: string, from: string, to: string) {
      const pub = await q.publicityTotal(exec, { prefixes: [path], from, to });
      const T = preventionTargets;
      return {
        ...pub,
        activitiesTarget: targetForPeriod(T.publicityActivitiesPerYear, from, to),
        reachTarget: targetForPeriod(T.publicityReachPerYear, from, to),
        met: publicityMet(pub.activities, pub.reach, from, to),
      };
    },
    /** K14: right answers to the surveys' knowledge items, through links of units in the subtree. */
    async k14(exec: Executor, path: string, from: string, to: string) {
      const t = await surveys.totals(exec, { prefixes: [path], from, to });
      return { responses: t.responses, recognition: ratio(t.correct, t.knowledge), target: surveyTargets.recognitionRate, met: recognitionMet(t.correct, t.knowledge) };
    },
    /** K15: satisfied ratings (4 or 5 of 5) in those surveys. */
    async k15(exec: Executor, path: string, from: string, to: string) {
      const t = await surveys.totals(exec, { prefixes: [path], from, to });
      return { responses: t.responses, satisfaction: ratio(t.satisfied, t.rated), target: surveyTargets.satisfactionRate, met: satisfactionMet(t.satisfied, t.rated) };
    },
    /** K16: trainings held and the pass rate of those examined. */
    async k16(exec: Executor, path: string, from: string, to: string) {
      const tr = await q.trainingTotals(exec, { prefixes: [path], from, to });
      return {
        trainings: tr.trainings,
        trainingsTarget: targetForPeriod(preventionTargets.trainingsPerYear, from, to),
        passRate: ratio(tr.passed, tr.examined),
        met: trainingMet(tr.trainings, tr.passed, tr.examined, from, to),
      };
    },
  };

  return {
    photos,
    /** Logs a publicity activity with its reach (K13); its unit must be in the actor's write scope. */
    createActivity: (ctx: Ctx, input: PublicityInput) => {
      checkActivity(input);
      return db.transaction(async (tx) => {
        const unit = await unitFor(tx, ctx.actor, 'prevention.write', input.orgUnitId);
        if (!unit.active) throw fieldError('orgUnitId', 'prevention.unit_inactive');
        const reach = activityReach(input.attendees, input.channels);
        const row = await q.insertActivity(tx, { ...input, reach, recordedBy: ctx.actor.userId });
        await audit.record(tx, ctx, {
          action: 'publicity.create',
          entityType: 'publicity_activity',
          entityId: row.id,
          orgPath: unit.path,
          details: { kind: input.kind, audiences: input.audiences, heldOn: input.heldOn, reach },
        });
        return activityView((await q.activityById(tx, row.id))!);
      });
    },

    getActivity: async (ctx: Ctx, id: string) => activityView(await loadActivity(db, ctx.actor, id)),

    async listActivities(ctx: Ctx, f: { orgUnitId?: string; from: string; to: string; audience?: AudienceSegment; kind?: PublicityKind; limit: number; offset: number }) {
      checkPeriod(f.from, f.to);
      const prefixes = await prefixesFor(db, ctx.actor, f.orgUnitId);
      const r = await reader.read(ctx.actor, (exec) => q.listActivities(exec, { ...f, prefixes }));
      return { items: r.items.map(activityView), total: r.total };
    },

    /** Activities and reach of a unit's subtree in a period: in total, by audience, by kind, by child unit. */
    async publicitySummary(ctx: Ctx, f: { orgUnitId?: string; from: string; to: string }): Promise<PublicitySummary> {
      checkPeriod(f.from, f.to);
      const unit = await summaryUnit(db, ctx.actor, f.orgUnitId);
      const period = { prefixes: [unit.path], from: f.from, to: f.to };
      return reader.read(ctx.actor, async (exec) => {
        const [total, byAudience, byKind, children] = [
          await q.publicityTotal(exec, period),
          await q.publicityByAudience(exec, period),
          await q.publicityByKind(exec, period),
          await q.publicityByChild(exec, unit.id, f.from, f.to),
        ];
        const byUnit = children.length ? children : [{ orgUnitId: unit.id, orgUnitName: unit.name, ...total }];
        return { from: f.from, to: f.to, total, byAudience: byAudience as PublicitySummary['byAudience'], byKind: byKind as PublicitySummary['byKind'], byUnit };
      });
    },

    createTeam: (ctx: Ctx, input: { orgUnitId: string; name: string }) =>
      db.transaction(async (tx) => {
        const unit = await unitFor(tx, ctx.actor, 'prevention.write', input.orgUnitId);
        if (!unit.active) throw fieldError('orgUnitId', 'prevention.unit_inactive');
        const row = await q.insertTeam(tx, input);
        await audit.record(tx, ctx, { action: 'volunteer_team.create', entityType: 'volunteer_team', entityId: row.id, orgPath: unit.path, after: { name: row.name } });
        return teamView((await q.teamById(tx, row.id))!);
      }),

    /** Names a team's leader: one of its own volunteers, or none. */
    setTeamLeader: (ctx: Ctx, teamId: string, leaderVolunteerId: string | null) =>
      db.transaction(async (tx) => {
        const team = await loadTeam(tx, ctx.actor, teamId, 'prevention.write');
        if (leaderVolunteerId) {
          const v = await q.volunteerById(tx, leaderVolunteerId);
          if (!v || v.v.teamId !== teamId) throw fieldError('leaderVolunteerId', 'volunteer_team.leader_not_member');
        }
        await q.setLeader(tx, teamId, leaderVolunteerId);
        await audit.record(tx, ctx, { action: 'volunteer_team.leader', entityType: 'volunteer_team', entityId: teamId, orgPath: team.orgPath, details: { leaderVolunteerId } });
        return teamView((await q.teamById(tx, teamId))!);
      }),

    async listTeams(ctx: Ctx, orgUnitId?: string) {
      const prefixes = await prefixesFor(db, ctx.actor, orgUnitId);
      return { items: (await reader.read(ctx.actor, (exec) => q.listTeams(exec, prefixes))).map(teamView) };
    },

    registerVolunteer: (ctx: Ctx, input: VolunteerInput) => {
      notAfterToday('registeredOn', input.registeredOn);
      return db.transaction(async (tx) => {
        const team = await loadTeam(tx, ctx.actor, input.teamId, 'prevention.write');
        const row = await q.insertVolunteer(tx, {
          teamId: input.teamId,
          name: input.name,
          phoneEnc: deps.cipher.encrypt(input.phone),
          skills: input.skills,
          registeredOn: input.registeredOn,
        });
        await audit.record(tx, ctx, {
          action: 'volunteer.register',
          entityType: 'volunteer',
          entityId: row.id,
          orgPath: team.orgPath,
          details: { teamId: input.teamId, skills: input.skills },
        });
        return volunteerView((await q.volunteerById(tx, row.id))!, deps.cipher);
      });
    },

    /** Volunteers (phones masked); a list of people, so the read is audited with its counts. */
    async listVolunteers(ctx: Ctx, f: { orgUnitId?: string; teamId?: string; limit: number; offset: number }) {
      const prefixes = await prefixesFor(db, ctx.actor, f.orgUnitId);
      const r = await q.listVolunteers(db, { ...f, prefixes });
      await audit.record(db, ctx, {
        action: 'volunteer.list',
        entityType: 'volunteer',
        orgPath: prefixes[0] ?? null,
        details: { teamId: f.teamId ?? null, returned: r.items.length, total: r.total },
      });
      return { items: r.items.map((v) => volunteerView(v, deps.cipher)), total: r.total };
    },

    logHours: (ctx: Ctx, volunteerId: string, input: { servedOn: string; minutes: number; activityId?: string }) => {
      notAfterToday('servedOn', input.servedOn);
      return db.transaction(async (tx) => {
        const v = await loadVolunteer(tx, ctx.actor, volunteerId, 'prevention.write');
        if (input.activityId) {
          const a = await q.activityExists(tx, input.activityId);
          if (!a || !inScope(ctx.actor, 'prevention.read', a.orgPath)) throw fieldError('activityId', 'publicity.not_found');
        }
        const row = await q.insertHours(tx, { volunteerId, servedOn: input.servedOn, minutes: input.minutes, activityId: input.activityId ?? null, recordedBy: ctx.actor.userId });
        await audit.record(tx, ctx, {
          action: 'volunteer.hours',
          entityType: 'volunteer',
          entityId: volunteerId,
          orgPath: v.orgPath,
          details: { volunteerId, servedOn: input.servedOn, minutes: input.minutes, activityId: input.activityId ?? null },
        });
        return { id: row.id, volunteerId, servedOn: row.servedOn, minutes: row.minutes, activityId: row.activityId };
      });
    },

    /** Recognises a volunteer as outstanding (优秀志愿者) for the year of the date; once a year (409 the second time). */
    recognise: (ctx: Ctx, volunteerId: string, recognisedOn: string) => {
      notAfterToday('recognisedOn', recognisedOn);
      return db.transaction(async (tx) => {
        const v = await loadVolunteer(tx, ctx.actor, volunteerId, 'prevention.write');
        const year = Number(recognisedOn.slice(0, 4));
        const row = await q.insertRecognition(tx, { volunteerId, year, recognisedOn, recordedBy: ctx.actor.userId });
        if (!row) throw conflict('volunteer.recognised_already', { year });
        await audit.record(tx, ctx, { action: 'volunteer.recognise', entityType: 'volunteer', entityId: volunteerId, orgPath: v.orgPath, details: { year } });
        return volunteerView((await q.volunteerById(tx, volunteerId))!, deps.cipher);
      });
    },

    /** Records a staff training with its attendees and their exam results (K16). */
    createTraining: (ctx: Ctx, input: TrainingInput) => {
      notAfterToday('heldOn', input.heldOn);
      return db.transaction(async (tx) => {
        const unit = await unitFor(tx, ctx.actor, 'prevention.write', input.orgUnitId);
        await checkAttendees(tx, ctx.actor, input.attendees);
        const row = await q.insertTraining(
          tx,
          { orgUnitId: unit.id, topic: input.topic, heldOn: input.heldOn, minutes: input.minutes, recordedBy: ctx.actor.userId },
          input.attendees,
        );
        const [view] = await trainingsWithAttendees(tx, [{ t: row, orgUnitName: unit.name }]);
        await audit.record(tx, ctx, {
          action: 'training.create',
          entityType: 'staff_training',
          entityId: row.id,
          orgPath: unit.path,
          details: { heldOn: input.heldOn, attendees: input.attendees.length, examined: view!.examined, passed: view!.passed },
        });
        return view!;
      });
    },

    async listTrainings(ctx: Ctx, f: { orgUnitId?: string; from: string; to: string; limit: number; offset: number }) {
      checkPeriod(f.from, f.to);
      const prefixes = await prefixesFor(db, ctx.actor, f.orgUnitId);
      return reader.read(ctx.actor, async (exec) => {
        const r = await q.listTrainings(exec, { ...f, prefixes });
        return { items: await trainingsWithAttendees(exec, r.items), total: r.total };
      });
    },

    /** K12–K16 of a unit's subtree for a period, against the seed targets (pro rata where yearly); volunteer counts beside. */
    indicators: (ctx: Ctx, f: { orgUnitId?: string; from: string; to: string }) => indicatorsOf(ctx, f),
    /** #15 governance: K13 and K16 raw totals of a subtree and period, read-only (the caller checks scope and audits). */
    totalsFor: async (exec: Executor, path: string, from: string, to: string) => {
      const period = { prefixes: [path], from, to };
      return { publicity: await q.publicityTotal(exec, period), training: await q.trainingTotals(exec, period) };
    },

    surveys,
    tips,
    staff,
    /** One function per indicator (RULES K12–K16), for a unit's subtree and period; the caller (the governance module) has checked scope. */
    indicator,
  };

  async function indicatorsOf(ctx: Ctx, f: { orgUnitId?: string; from: string; to: string }): Promise<PreventionIndicators> {
    checkPeriod(f.from, f.to);
    const unit = await summaryUnit(db, ctx.actor, f.orgUnitId);
    const { from, to } = f;
    return reader.read(ctx.actor, async (exec) => ({
      orgUnitId: unit.id,
      from,
      to,
      k12: await indicator.k12(exec, unit.path),
      k13: await indicator.k13(exec, unit.path, from, to),
      k14: await indicator.k14(exec, unit.path, from, to),
      k15: await indicator.k15(exec, unit.path, from, to),
      k16: await indicator.k16(exec, unit.path, from, to),
      volunteers: {
        ...(await q.volunteerTotals(exec, { prefixes: [unit.path], from, to })),
        teamSizeTarget: preventionTargets.volunteerTeamSize,
        recognised: await q.recognisedIn(exec, { prefixes: [unit.path], from, to }),
      },
    }));
  }
}

export type PreventionService = ReturnType<typeof createPreventionService>;
