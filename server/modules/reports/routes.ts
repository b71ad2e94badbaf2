import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../core/contracts/common';
import { bulletinBody, reportList, reportListQuery, reportView } from '../../../core/contracts/reports';
import { actorContext } from '../../http/auth-hook';
import type { ReportService } from './service';

const read = { access: { permission: 'report.read', scope: 'org_subtree' } } as const;
const generate = { access: { permission: 'report.generate', scope: 'org_subtree' } } as const;
const fail = { 400: errorBody, 404: errorBody };
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function reportRoutes(app: FastifyInstance, reports: ReportService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];

  r.post('/api/reports/monthly-bulletin', {
    config: generate,
    schema: {
      tags,
      summary: 'Generate a unit’s monthly bulletin (月通报, .docx): 202 with the report, queued or already under way (two asks share one job)',
      body: bulletinBody,
      response: { 202: reportView, ...fail },
    },
    handler: async (req, reply) => reply.code(202).send(await reports.requestBulletin(actorContext(req), req.body)),
  });
  r.get('/api/reports', {
    config: read,
    schema: {
      tags,
      summary: 'The reports of the units under a unit (default: the whole scope), newest month first',
      querystring: reportListQuery,
      response: { 200: reportList, ...fail },
    },
    handler: (req) => reports.list(actorContext(req), req.query),
  });
  r.get('/api/reports/:id', {
    config: read,
    schema: { tags, summary: 'A report with its state and progress (0–100)', params: idParams, response: { 200: reportView, ...fail } },
    handler: (req) => reports.get(actorContext(req), req.params.id),
  });
  r.get('/api/reports/:id/file', {
    config: read,
    schema: { tags, summary: 'Download a done report’s file (audited); 409 while it is not ready', params: idParams },
    handler: async (req, reply) => {
      const f = await reports.file(actorContext(req), req.params.id);
      return reply
        .header('content-type', DOCX)
        .header('content-disposition', `attachment; filename="${f.names.ascii}"; filename*=UTF-8''${encodeURIComponent(f.names.utf8)}`)
        .send(f.bytes);
    },
  });
}
