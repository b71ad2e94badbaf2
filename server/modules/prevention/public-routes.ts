import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, okBody } from '../../../core/contracts/common';
import { publicAnswerInput, publicSurvey, tokenParams } from '../../../core/contracts/surveys';
import { publicTipInput, publicTipReceipt, publicTipStatus, publicTipStatusInput, publicUnitList } from '../../../core/contracts/tips';
import type { PreventionService } from './service';

// The only routes besides sign-in that need no session (issue 16, security of the public
// endpoints): a survey's page and answer, the tip form, a tip's status by its receipt code.
// Each takes only its own fields (strict contracts), a small body, and passes the limits of
// public-limits.ts before it reads or writes anything.
const open = { access: { permission: 'public', scope: 'none' } } as const;
const SMALL_BODY = 16 * 1024;
const fail = { 400: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

/** The surveys this device answered (ids), as far as a cookie allows: at most the last 50. */
const ANSWERED_COOKIE = 'sf_answered';
const answeredIds = (req: FastifyRequest) => (req.cookies?.[ANSWERED_COOKIE] ?? '').split('.').filter((x) => /^[0-9a-f-]{36}$/.test(x));

export function publicPreventionRoutes(app: FastifyInstance, prevention: PreventionService, opts: { secureCookies: boolean }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['public'];

  r.get('/api/public/surveys/:token', {
    config: open,
    schema: {
      tags,
      summary: 'A survey through its public link: the questions, without their answers',
      params: tokenParams,
      response: { 200: publicSurvey, 400: errorBody, 404: errorBody },
    },
    handler: (req) => prevention.surveys.publicSurvey(req.params.token),
  });
  r.post('/api/public/surveys/:token/answers', {
    config: open,
    bodyLimit: SMALL_BODY,
    schema: {
      tags,
      summary: 'Answer a survey without sign-in (no personal data; one answer per device as far as a cookie allows; rate-limited)',
      params: tokenParams,
      body: publicAnswerInput,
      response: { 201: okBody, ...fail },
    },
    handler: async (req, reply) => {
      const answered = answeredIds(req);
      const { surveyId } = await prevention.surveys.answer(req.ip ?? null, req.params.token, req.body, answered);
      reply.setCookie(ANSWERED_COOKIE, [...answered.filter((x) => x !== surveyId), surveyId].slice(-50).join('.'), {
        path: '/api/public/surveys',
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secureCookies,
        maxAge: 365 * 24 * 3600,
      });
      return reply.code(201).send({ ok: true });
    },
  });

  r.get('/api/public/tip-units', {
    config: open,
    schema: { tags, summary: 'The units a tip can be sent to (names only)', response: { 200: publicUnitList } },
    handler: () => prevention.tips.publicUnits(),
  });
  r.post('/api/public/tips', {
    config: open,
    bodyLimit: SMALL_BODY,
    schema: { tags, summary: 'Report a tip without sign-in (anonymous allowed); answers with a receipt code', body: publicTipInput, response: { 201: publicTipReceipt, ...fail } },
    handler: async (req, reply) => reply.code(201).send(await prevention.tips.submit(req.ip ?? null, req.body)),
  });
  r.post('/api/public/tips/status', {
    config: open,
    bodyLimit: SMALL_BODY,
    schema: { tags, summary: "A tip's status by its receipt code (the status only)", body: publicTipStatusInput, response: { 200: publicTipStatus, ...fail } },
    handler: (req) => prevention.tips.publicStatus(req.ip ?? null, req.body.receiptCode),
  });
}
