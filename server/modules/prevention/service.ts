import './audit-actions';
import type { Db, Executor, Reader } from '../../db/client';
import type { Clock } from '../../clock';
import type { DataCipher } from '../../lib/data-key';
import { fieldError, notFound } from '../../errors';
import { registerMessages } from '../../messages';
import { inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import type { Permission } from '../../../core/contracts/permissions';
import { compareDates } from '../../../core/rules/dates';
import { activityReach, preventionTargets, publicityMet, ratio, targetForPeriod, trainingMet } from '../../../core/rules/prevention';
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

registerMessages({
  'prevention.date_future': ['日期不能晚于今天', 'The date cannot be in the future'],
  'prevention.period_invalid': ['开始日期不能晚于结束日期', 'The start of the period cannot be after its end'],
  'prevention.unit_inactive': ['该单位已停用', 'The unit is deactivated'],
  'publicity.channels_required': ['网络宣传请按渠道填写阅读、播放或转发数', 'For online publicity enter the reads, plays or shares per channel'],
  'publicity.channel_twice': ['同一渠道只能填写一次', 'Enter each channel once'],
  'publicity.not_found': ['宣传活动不存在', 'No such publicity activity'],
  'volunteer_team.not_found': ['志愿者队伍不存在', 'No such volunteer team'],
  'volunteer.not_found': ['志愿者不存在', 'No such volunteer'],
  'volunteer_team.leader_not_member': ['队长须是本队志愿者', 'The leader must be a volunteer of this team'],
  'training.not_found': ['培训不存在', 'No such training'],
  'training.attendee_unknown': ['参训人员不存在或不在您的管辖范围内', 'No such staff member within your scope'],
  'training.attendee_twice': ['同一人员只能登记一次', 'Enter each attendee once'],
});

type Ctx = RequestContext & { actor: Principal };

/** The org path of an account's unit; injected (the users service), so prevention does not read the users table. */
export type UserOrgPath = (exec: Executor, userId: string) => Promise<string | undefined>;

export function createPreventionService(deps: { db: Db; reader: Reader; clock: Clock; cipher: DataCipher; audit: AuditService; org: OrgService; userOrgPath: UserOrgPath }) {
  const { db, reader, audit } = deps;

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

  return {
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

    /** K13 and K16 of a unit's subtree for a period, against the seed targets pro rata; volunteer counts beside. */
    indicators: (ctx: Ctx, f: { orgUnitId?: string; from: string; to: string }) => indicatorsOf(ctx, f),
    /** #15 governance: K13 and K16 raw totals of a subtree and period, read-only (the caller checks scope and audits). */
    totalsFor: async (exec: Executor, path: string, from: string, to: string) => {
      const period = { prefixes: [path], from, to };
      return { publicity: await q.publicityTotal(exec, period), training: await q.trainingTotals(exec, period) };
    },
  };

  async function indicatorsOf(ctx: Ctx, f: { orgUnitId?: string; from: string; to: string }): Promise<PreventionIndicators> {
    checkPeriod(f.from, f.to);
    const unit = await summaryUnit(db, ctx.actor, f.orgUnitId);
    const period = { prefixes: [unit.path], from: f.from, to: f.to };
    const [pub, tr, vol] = await reader.read(
      ctx.actor,
      async (exec) => [await q.publicityTotal(exec, period), await q.trainingTotals(exec, period), await q.volunteerTotals(exec, period)] as const,
    );
    const T = preventionTargets;
    return {
      orgUnitId: unit.id,
      from: f.from,
      to: f.to,
      k13: {
        ...pub,
        activitiesTarget: targetForPeriod(T.publicityActivitiesPerYear, f.from, f.to),
        reachTarget: targetForPeriod(T.publicityReachPerYear, f.from, f.to),
        met: publicityMet(pub.activities, pub.reach, f.from, f.to),
      },
      k16: {
        trainings: tr.trainings,
        trainingsTarget: targetForPeriod(T.trainingsPerYear, f.from, f.to),
        passRate: ratio(tr.passed, tr.examined),
        met: trainingMet(tr.trainings, tr.passed, tr.examined, f.from, f.to),
      },
      volunteers: { ...vol, teamSizeTarget: T.volunteerTeamSize },
    };
  }
}

export type PreventionService = ReturnType<typeof createPreventionService>;
