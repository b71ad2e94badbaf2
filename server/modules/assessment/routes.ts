import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody } from '../../../core/contracts/common';
import { quarterlyQuery, quarterlyView, rulesBody, rulesQuery, rulesView } from '../../../core/contracts/assessment';
import { actorContext } from '../../http/auth-hook';
import { scorecardDocx, scorecardXlsx } from './files';
import type { AssessmentService } from './service';

const read = { access: { permission: 'report.read', scope: 'org_subtree' } } as const;
const manage = { access: { permission: 'target.manage', scope: 'org_subtree' } } as const;
const fail = { 400: errorBody, 404: errorBody };
const P = '/api/assessment';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const disposition = (ext: string, v: { quarter: string; orgUnit: { name: string } }) =>
  `attachment; filename="assessment-${v.quarter}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${v.orgUnit.name}-${v.quarter}-季度考核.${ext}`)}`;

export function assessmentRoutes(app: FastifyInstance, s: AssessmentService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assessment'];

  r.get(`${P}/quarterly`, {
    config: read,
    schema: {
      tags,
      summary: '季考核: each child unit of a unit scored for a quarter (points per indicator, total of 100) and ranked',
      querystring: quarterlyQuery,
      response: { 200: quarterlyView, ...fail },
    },
    handler: (req) => s.quarterly(actorContext(req), req.query),
  });
  r.get(`${P}/quarterly.xlsx`, {
    config: read,
    schema: { tags, summary: 'The quarterly scorecard as a workbook (audited)', querystring: quarterlyQuery },
    handler: async (req, reply) => {
      const v = await s.exportScorecard(actorContext(req), req.query, 'xlsx');
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', disposition('xlsx', v))
        .send(await scorecardXlsx(v));
    },
  });
  r.get(`${P}/quarterly.docx`, {
    config: read,
    schema: { tags, summary: 'The quarterly scorecard as a Word document, East Asian font set (audited)', querystring: quarterlyQuery },
    handler: async (req, reply) => {
      const v = await s.exportScorecard(actorContext(req), req.query, 'docx');
      return reply
        .header('content-type', DOCX)
        .header('content-disposition', disposition('docx', v))
        .send(await scorecardDocx(v));
    },
  });
  r.get(`${P}/rules`, {
    config: read,
    schema: { tags, summary: 'The scoring rules in force at a unit (its own, a parent’s, or the defaults)', querystring: rulesQuery, response: { 200: rulesView, ...fail } },
    handler: (req) => s.rules(actorContext(req), req.query),
  });
  r.put(`${P}/rules`, {
    config: manage,
    schema: {
      tags,
      summary: 'The district office sets a unit’s weights per indicator (≥ 0, one > 0, K1–K18) and milestone points',
      body: rulesBody,
      response: { 200: rulesView, ...fail },
    },
    handler: (req) => s.setRules(actorContext(req), req.body),
  });
}
