// Staff capacity (队伍建设, issue 16 item 3; RULES K12): the social workers of a unit's subtree
// with their grade, the pay band that applies, their qualifications and their states, their
// caseload from the persons' real assignments, their trainings this year, and the unit's K12.
// Who is a social worker (the role's holders) comes from the users service, the caseloads from
// the persons service; prevention keeps only the grades and the qualifications.
import type { Db, Executor, Reader } from '../../db/client';
import type { Clock } from '../../clock';
import { fieldError, notFound } from '../../errors';
import { registerMessages } from '../../messages';
import { scopePaths, type Principal, type RequestContext } from '../../http/context';
import { compareDates } from '../../../core/rules/dates';
import { socialWorkerGrades, type SocialWorkerGrade } from '../../../core/rules/policy';
import { payBandFor, payGrade, qualificationState, unitStaffing, workerCaseload, type CapacityPolicy, type Caseload, type QualificationKind } from '../../../core/rules/capacity';
import { ratio } from '../../../core/rules/prevention';
import type { QualificationInput, StaffView, StaffWorkerView } from '../../../core/contracts/prevention';
import type { AuditService } from '../audit/service';
import * as q from './queries';

registerMessages({
  'staff.not_found': ['该社工不存在或不在您的管辖范围内', 'No such social worker within your scope'],
  'staff_qualification.not_found': ['该资质证书不存在', 'No such qualification'],
  'staff.expiry_before_issue': ['有效期截止日期须晚于发证日期', 'The expiry date must come after the date of issue'],
});

type Ctx = RequestContext & { actor: Principal };

/** What prevention needs from other modules, injected (app.ts wires the users, persons and policy services). */
export interface StaffDeps {
  db: Db;
  reader: Reader;
  clock: Clock;
  audit: AuditService;
  /** The unit a page is about (the one asked for, else the top of the scope), 404 outside it. */
  summaryUnit: (exec: Executor, actor: Principal, orgUnitId?: string) => Promise<{ id: string; path: string; name: string }>;
  /** Holders of the social-worker role with a grant on a unit under the path. */
  socialWorkersUnder: (exec: Executor, path: string) => Promise<{ userId: string; orgUnitId: string }[]>;
  names: (exec: Executor, ids: string[]) => Promise<Map<string, string>>;
  /** Persons under a community measure in a subtree, by responsible worker (persons service). */
  caseloadsUnder: (exec: Executor, path: string) => Promise<Caseload[]>;
  /** The policy's capacity section in force for a unit path. */
  capacityPolicy: (exec: Executor, path: string) => Promise<CapacityPolicy>;
}

const isGrade = (g: string | undefined): g is SocialWorkerGrade => (socialWorkerGrades as readonly string[]).includes(g ?? '');

export function createStaffService(deps: StaffDeps) {
  const { db, reader, audit } = deps;

  /** A social worker within the actor's write scope, with the unit path his role is held on; 404 otherwise. */
  async function loadWorker(exec: Executor, actor: Principal, userId: string) {
    for (const prefix of scopePaths(actor, 'prevention.write')) {
      const hit = (await deps.socialWorkersUnder(exec, prefix)).find((h) => h.userId === userId);
      if (hit) return { ...hit, path: (await q.unitById(exec, hit.orgUnitId))!.path };
    }
    throw notFound('staff');
  }

  async function list(exec: Executor, unit: { id: string; path: string; name: string }): Promise<StaffView> {
    const today = deps.clock.today();
    const policy = await deps.capacityPolicy(exec, unit.path);
    const holders = new Map<string, string>();
    for (const h of await deps.socialWorkersUnder(exec, unit.path)) if (!holders.has(h.userId)) holders.set(h.userId, h.orgUnitId);
    const ids = [...holders.keys()];
    const [names, units, grades, quals, loads, trainings] = [
      await deps.names(exec, ids),
      new Map((await q.unitsByIds(exec, [...new Set(holders.values())])).map((u) => [u.id, u.name])),
      await q.gradesOf(exec, ids),
      await q.qualificationsOf(exec, ids),
      await deps.caseloadsUnder(exec, unit.path),
      await q.trainingByUser(exec, ids, `${today.slice(0, 4)}-01-01`, today),
    ];
    const workers: StaffWorkerView[] = ids.map((userId) => {
      const recorded = grades.get(userId);
      const grade: SocialWorkerGrade = isGrade(recorded) ? recorded : 'unqualified';
      const mine = quals.filter((x) => x.userId === userId);
      const pay = payGrade(
        grade,
        mine.map((x) => ({ kind: x.kind as QualificationKind, issuedOn: x.issuedOn, expiresOn: x.expiresOn })),
        today,
      );
      const t = trainings.get(userId) ?? { trainings: 0, minutes: 0, passed: 0, examined: 0 };
      return {
        userId,
        displayName: names.get(userId) ?? '',
        orgUnitId: holders.get(userId)!,
        orgUnitName: units.get(holders.get(userId)!) ?? '',
        grade,
        payGrade: pay,
        payBand: payBandFor(pay, policy),
        qualifications: mine.map((x) => ({
          id: x.id,
          kind: x.kind as QualificationKind,
          number: x.number,
          issuedOn: x.issuedOn,
          expiresOn: x.expiresOn,
          ...qualificationState(x.expiresOn, today, policy.qualificationExpiringWithinDays),
        })),
        caseload: workerCaseload(loads, userId, policy),
        training: { trainings: t.trainings, minutes: t.minutes, passRate: ratio(t.passed, t.examined) },
      };
    });
    workers.sort((a, b) => a.orgUnitName.localeCompare(b.orgUnitName, 'zh-CN') || a.displayName.localeCompare(b.displayName, 'zh-CN') || (a.userId < b.userId ? -1 : 1));
    return { orgUnitId: unit.id, orgUnitName: unit.name, today, payBandsYuan: policy.payBandsYuan, k12: unitStaffing(loads, policy), workers };
  }

  return {
    /** The social workers of a unit's subtree with grades, pay bands, qualifications, caseloads and training; the unit's K12. */
    async list(ctx: Ctx, orgUnitId?: string): Promise<StaffView> {
      const unit = await deps.summaryUnit(db, ctx.actor, orgUnitId);
      const view = await reader.read(ctx.actor, (exec) => list(exec, unit));
      await audit.record(db, ctx, { action: 'staff.list', entityType: 'user', orgPath: unit.path, details: { orgUnitId: unit.id, returned: view.workers.length } });
      return view;
    },

    /** Records a social worker's grade (资质等级); the pay band that applies follows from it and his certificates. */
    setGrade: (ctx: Ctx, userId: string, grade: SocialWorkerGrade) =>
      db.transaction(async (tx) => {
        const w = await loadWorker(tx, ctx.actor, userId);
        const from = await q.setGrade(tx, userId, grade, ctx.actor.userId);
        await audit.record(tx, ctx, { action: 'staff.grade', entityType: 'user', entityId: userId, orgPath: w.path, details: { from: from ?? 'unqualified', to: grade } });
        return { userId, grade };
      }),

    /** Adds a certificate with its dates (issued by today; an expiry, if any, after the issue). */
    addQualification: (ctx: Ctx, userId: string, input: QualificationInput) => {
      if (compareDates(input.issuedOn, deps.clock.today()) > 0) throw fieldError('issuedOn', 'prevention.date_future');
      if (input.expiresOn && compareDates(input.expiresOn, input.issuedOn) <= 0) throw fieldError('expiresOn', 'staff.expiry_before_issue');
      return db.transaction(async (tx) => {
        const w = await loadWorker(tx, ctx.actor, userId);
        const row = await q.insertQualification(tx, { userId, ...input, recordedBy: ctx.actor.userId });
        await audit.record(tx, ctx, {
          action: 'staff.qualification_add',
          entityType: 'user',
          entityId: userId,
          orgPath: w.path,
          details: { qualificationId: row.id, kind: input.kind, issuedOn: input.issuedOn, expiresOn: input.expiresOn },
        });
        const policy = await deps.capacityPolicy(tx, w.path);
        return { ...row, kind: row.kind as QualificationKind, ...qualificationState(row.expiresOn, deps.clock.today(), policy.qualificationExpiringWithinDays) };
      });
    },

    /** Removes a certificate entered in error or withdrawn. */
    removeQualification: (ctx: Ctx, userId: string, qualificationId: string) =>
      db.transaction(async (tx) => {
        const w = await loadWorker(tx, ctx.actor, userId);
        const row = await q.deleteQualification(tx, userId, qualificationId);
        if (!row) throw notFound('staff_qualification');
        await audit.record(tx, ctx, { action: 'staff.qualification_remove', entityType: 'user', entityId: userId, orgPath: w.path, details: { qualificationId, kind: row.kind } });
        return { ok: true as const };
      }),
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
