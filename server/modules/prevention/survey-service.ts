import crypto from 'node:crypto';
import type { Db, Executor, Reader } from '../../db/client';
import type { Clock } from '../../clock';
import { AppError, conflict, fieldError, notFound } from '../../errors';
import { registerMessages, messageFor } from '../../messages';
import { inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import type { Permission } from '../../../core/contracts/permissions';
import { answerProblems, scoreAnswers, type QuestionShape } from '../../../core/rules/prevention';
import type { PublicAnswerInput, PublicSurvey, SurveyInput, SurveyResults, SurveyState, SurveyView } from '../../../core/contracts/surveys';
import type { AuditService } from '../audit/service';
import type { PublicLimits } from './public-limits';
import { publicSurveyView, surveyResultsView, surveyView } from './presenter';
import * as q from './queries';

registerMessages({
  'survey.not_found': ['问卷不存在', 'No such survey'],
  'survey.closed': ['该问卷已结束', 'This survey is closed'],
  'survey.already_answered': ['本设备已提交过此问卷', 'This device has already answered this survey'],
  'survey.answers_count': ['请回答每一道题', 'Answer every question'],
  'survey.answer_invalid': ['答案不符合题目要求', 'The answer does not fit the question'],
  'survey.audience_unknown': ['请选择问卷列出的身份', 'Choose one of the groups the survey lists'],
  'survey.options_too_few': ['选择题至少需要两个选项', 'A choice question needs at least two options'],
  'survey.correct_invalid': ['正确答案须是本题的选项（单选题只有一个）', "The correct answers must be the question's options (one for a single choice)"],
  'survey.satisfaction_no_options': ['满意度题使用固定的五级量表，不设选项', 'A satisfaction item uses the fixed five-point scale: no options'],
  'survey.satisfaction_no_correct': ['满意度题没有正确答案', 'A satisfaction item has no correct answer'],
  'survey.link_outside': ['只能为问卷所属单位及其下级单位生成链接', "Links are only for the survey's unit and the units under it"],
  'survey.unit_inactive': ['该单位已停用', 'The unit is deactivated'],
});

type Ctx = RequestContext & { actor: Principal };

/** 128 random bits as 22 characters of base64url: a link's token, the only way to a survey without sign-in. */
const newToken = () => crypto.randomBytes(16).toString('base64url');

export function createSurveyService(deps: { db: Db; reader: Reader; clock: Clock; audit: AuditService; limits: PublicLimits }) {
  const { db, reader, audit } = deps;

  async function unitFor(exec: Executor, actor: Principal, perm: Permission, id: string) {
    const unit = await q.unitById(exec, id);
    if (!unit || !inScope(actor, perm, unit.path)) throw notFound('org');
    return unit;
  }

  async function loadSurvey(exec: Executor, actor: Principal, id: string, perm: Permission) {
    const r = await q.surveyById(exec, id);
    if (!r || !inScope(actor, perm, r.orgPath)) throw notFound('survey');
    return r;
  }

  async function viewOf(exec: Executor, r: q.SurveyWithUnit): Promise<SurveyView> {
    return surveyView(r, await q.linksOf(exec, [r.s.id]));
  }

  return {
    /** A survey of a unit, with its first public link (for the unit itself). */
    createSurvey: (ctx: Ctx, input: SurveyInput) =>
      db.transaction(async (tx) => {
        const unit = await unitFor(tx, ctx.actor, 'prevention.write', input.orgUnitId);
        if (!unit.active) throw fieldError('orgUnitId', 'survey.unit_inactive');
        const row = await q.insertSurvey(tx, { ...input, questions: input.questions, createdBy: ctx.actor.userId });
        await q.insertLink(tx, { token: newToken(), surveyId: row.id, orgUnitId: unit.id });
        await audit.record(tx, ctx, { action: 'survey.create', entityType: 'survey', entityId: row.id, orgPath: unit.path, details: { questions: input.questions.length } });
        return viewOf(tx, (await q.surveyById(tx, row.id))!);
      }),

    /** A public link of the survey for a unit of its subtree (one per unit: asking again returns the same). */
    addLink: (ctx: Ctx, surveyId: string, orgUnitId: string) =>
      db.transaction(async (tx) => {
        const survey = await loadSurvey(tx, ctx.actor, surveyId, 'prevention.write');
        const unit = await unitFor(tx, ctx.actor, 'prevention.write', orgUnitId);
        if (!unit.path.startsWith(survey.orgPath)) throw fieldError('orgUnitId', 'survey.link_outside');
        if (!unit.active) throw fieldError('orgUnitId', 'survey.unit_inactive');
        const added = await q.insertLink(tx, { token: newToken(), surveyId, orgUnitId });
        if (added) await audit.record(tx, ctx, { action: 'survey.link', entityType: 'survey', entityId: surveyId, orgPath: unit.path, details: { orgUnitId } });
        return viewOf(tx, survey);
      }),

    setState: (ctx: Ctx, surveyId: string, state: SurveyState) =>
      db.transaction(async (tx) => {
        const survey = await loadSurvey(tx, ctx.actor, surveyId, 'prevention.write');
        await q.setSurveyState(tx, surveyId, state);
        await audit.record(tx, ctx, { action: 'survey.state', entityType: 'survey', entityId: surveyId, orgPath: survey.orgPath, details: { state } });
        return viewOf(tx, (await q.surveyById(tx, surveyId))!);
      }),

    getSurvey: async (ctx: Ctx, id: string) => viewOf(db, await loadSurvey(db, ctx.actor, id, 'prevention.read')),

    async listSurveys(ctx: Ctx, f: { orgUnitId?: string; limit: number; offset: number }) {
      const prefixes = f.orgUnitId ? [(await unitFor(db, ctx.actor, 'prevention.read', f.orgUnitId)).path] : scopePaths(ctx.actor, 'prevention.read');
      return reader.read(ctx.actor, async (exec) => {
        const r = await q.listSurveys(exec, { ...f, prefixes });
        const links = await q.linksOf(
          exec,
          r.items.map((s) => s.s.id),
        );
        return { items: r.items.map((s) => surveyView(s, links)), total: r.total };
      });
    },

    /** Results by unit (the link answered), by the audience respondents named and by question; K14 and K15 of the survey. */
    async results(ctx: Ctx, id: string): Promise<SurveyResults> {
      const survey = await loadSurvey(db, ctx.actor, id, 'prevention.read');
      return reader.read(ctx.actor, async (exec) => surveyResultsView(survey, await q.surveyTallies(exec, id), await q.surveyAnswers(exec, id)));
    },

    /** The public page of a link: the questions without their correct answers. */
    async publicSurvey(token: string): Promise<PublicSurvey> {
      const link = await q.linkByToken(db, token);
      if (!link) throw notFound('survey');
      return publicSurveyView(link);
    },

    /**
     * One anonymous answer set through a public link. Admitted by the limits before anything is
     * read, checked strictly, stored in one statement with its K14/K15 tallies; the answer is
     * sent only after the commit, so a success is never lost. The audit row keeps neither the
     * address nor the browser (no person data is collected, issue 16 item 4).
     */
    async answer(ip: string | null, token: string, input: PublicAnswerInput, answeredOnDevice: readonly string[]): Promise<{ surveyId: string }> {
      deps.limits.admit(ip, token);
      const link = await q.linkByToken(db, token);
      if (!link) throw notFound('survey');
      if (link.survey.state !== 'open' || !link.orgActive) throw conflict('survey.closed');
      if (answeredOnDevice.includes(link.surveyId)) throw conflict('survey.already_answered');
      const questions = link.survey.questions as QuestionShape[];
      const problems = answerProblems(questions, input.answers);
      if (input.audience && !link.survey.audiences.includes(input.audience)) problems.push({ path: 'audience', code: 'survey.audience_unknown' });
      if (problems.length)
        throw new AppError(
          'validation.failed',
          400,
          problems.map((p) => ({ ...p, message: messageFor(p.code) })),
        );
      const score = scoreAnswers(questions, input.answers);
      await db.transaction(async (tx) => {
        const row = await q.insertResponse(tx, {
          surveyId: link.surveyId,
          orgUnitId: link.orgUnitId,
          audience: input.audience ?? null,
          answers: input.answers,
          ...score,
          answeredOn: deps.clock.today(),
        });
        await audit.record(
          tx,
          { actor: null, ip: null, userAgent: null },
          { action: 'survey.answer', entityType: 'survey', entityId: link.surveyId, details: { responseId: row.id, orgUnitId: link.orgUnitId } },
        );
      });
      return { surveyId: link.surveyId };
    },

    /** K14 and K15 raw material of a subtree in a period (for the indicators and the governance module). */
    totals: (exec: Executor, period: q.Period) => q.surveyTotals(exec, period),
  };
}

export type SurveyService = ReturnType<typeof createSurveyService>;
