import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams } from '../../../core/contracts/common';
import {
  actionItemList,
  actionItemUpdate,
  actionItemView,
  baseYearInput,
  budgetPlanInput,
  budgetQuery,
  budgetView,
  dispatchQuery,
  dispatchView,
  expenseInput,
  expenseResult,
  k18View,
  meetingInput,
  meetingList,
  meetingQuery,
  meetingView,
  policeFigureEdit,
  policeFigureInput,
  policeFigureList,
  policeFigureQuery,
  policeFigureReturn,
  policeFigureView,
  riskInput,
  riskList,
  riskMatrix,
  riskReviewInput,
  riskUpdate,
  riskView,
  stationItemInput,
  stationItems,
  stationList,
  stationView,
  unitDocumentPurposes,
  unitDocumentView,
} from '../../../core/contracts/governance-ops';
import { actorContext } from '../../http/auth-hook';
import { readUpload } from '../documents/routes';
import type { DocumentService } from '../documents/service';
import { inlineDisposition } from '../documents/file-type';
import { minutesDocx, dispatchXlsx } from './files';
import type { GovOpsService } from './service';

const read = { access: { permission: 'govops.read', scope: 'org_subtree' } } as const;
const write = { access: { permission: 'govops.write', scope: 'org_subtree' } } as const;
const police = { access: { permission: 'police_figure.write', scope: 'org_subtree' } } as const;
const fail = { 400: errorBody, 404: errorBody, 409: errorBody };
const unitParams = z.object({ orgUnitId: z.uuid() });
const P = '/api/governance-ops';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function govOpsRoutes(app: FastifyInstance, s: GovOpsService, documents: DocumentService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['governance-ops'];

  // ——— police figures (K18)
  r.post(`${P}/police-figures`, {
    config: police,
    schema: {
      tags,
      summary: 'Police enter a drug-case figure of a unit for a month (or 0: the whole year), as a draft',
      body: policeFigureInput,
      response: { 201: policeFigureView, ...fail },
    },
    handler: async (req, reply) => reply.code(201).send(await s.createFigure(actorContext(req), req.body)),
  });
  r.patch(`${P}/police-figures/:id`, {
    config: police,
    schema: { tags, summary: 'Change a draft or returned figure', params: idParams, body: policeFigureEdit, response: { 200: policeFigureView, ...fail } },
    handler: (req) => s.editFigure(actorContext(req), req.params.id, { cases: req.body.cases, note: req.body.note }),
  });
  r.post(`${P}/police-figures/:id/submit`, {
    config: police,
    schema: { tags, summary: 'Submit a figure to the district office', params: idParams, response: { 200: policeFigureView, ...fail } },
    handler: (req) => s.submitFigure(actorContext(req), req.params.id),
  });
  r.get(`${P}/police-figures/entered`, {
    config: police,
    schema: { tags, summary: "The figures of the police's own units", querystring: policeFigureQuery, response: { 200: policeFigureList, ...fail } },
    handler: (req) => s.listFigures(actorContext(req), 'police_figure.write', req.query),
  });
  r.get(`${P}/police-figures`, {
    config: read,
    schema: { tags, summary: 'Police figures of a subtree, any status', querystring: policeFigureQuery, response: { 200: policeFigureList, ...fail } },
    handler: (req) => s.listFigures(actorContext(req), 'govops.read', req.query),
  });
  r.post(`${P}/police-figures/:id/approve`, {
    config: write,
    schema: { tags, summary: 'The district office approves a submitted figure (only approved ones count for K18)', params: idParams, response: { 200: policeFigureView, ...fail } },
    handler: (req) => s.decideFigure(actorContext(req), req.params.id, { approve: true }),
  });
  r.post(`${P}/police-figures/:id/return`, {
    config: write,
    schema: {
      tags,
      summary: 'The district office returns a submitted figure with its reason',
      params: idParams,
      body: policeFigureReturn,
      response: { 200: policeFigureView, ...fail },
    },
    handler: (req) => s.decideFigure(actorContext(req), req.params.id, { approve: false, reason: req.body.reason }),
  });
  r.put(`${P}/units/:orgUnitId/base-year`, {
    config: write,
    schema: { tags, summary: 'Record the base year K18 compares with', params: unitParams, body: baseYearInput, response: { 200: k18View, ...fail } },
    handler: (req) => s.setBaseYear(actorContext(req), req.params.orgUnitId, req.body.baseYear),
  });
  r.get(`${P}/units/:orgUnitId/k18`, {
    config: read,
    schema: {
      tags,
      summary: 'K18 of a unit and year from approved figures against the base year',
      params: unitParams,
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      response: { 200: k18View, ...fail },
    },
    handler: (req) => s.k18For(actorContext(req), req.params.orgUnitId, req.query.year),
  });

  // ——— joint meetings
  r.post(`${P}/meetings`, {
    config: write,
    schema: { tags, summary: 'Record a joint meeting (联席会议) with its decisions and action items', body: meetingInput, response: { 201: meetingView, ...fail } },
    handler: async (req, reply) => reply.code(201).send(await s.createMeeting(actorContext(req), req.body)),
  });
  r.get(`${P}/meetings`, {
    config: read,
    schema: { tags, summary: 'Joint meetings of a subtree', querystring: meetingQuery, response: { 200: meetingList, ...fail } },
    handler: (req) => s.listMeetings(actorContext(req), req.query),
  });
  r.get(`${P}/meetings/:id`, {
    config: read,
    schema: { tags, summary: 'One joint meeting with its action items', params: idParams, response: { 200: meetingView, ...fail } },
    handler: (req) => s.getMeeting(actorContext(req), req.params.id),
  });
  r.get(`${P}/meetings/:id/minutes.docx`, {
    config: read,
    schema: { tags, summary: 'The minutes as a Word document (East Asian font set)', params: idParams },
    handler: async (req, reply) => {
      const m = await s.getMeeting(actorContext(req), req.params.id);
      const bytes = await minutesDocx(m);
      return reply
        .header('content-type', DOCX)
        .header('content-disposition', `attachment; filename="minutes-${m.heldOn}.docx"; filename*=UTF-8''${encodeURIComponent(`${m.title}-纪要.docx`)}`)
        .send(bytes);
    },
  });
  r.patch(`${P}/action-items/:id`, {
    config: read,
    schema: { tags, summary: 'Move an action item along (the office, or its owner)', params: idParams, body: actionItemUpdate, response: { 200: actionItemView, ...fail } },
    handler: (req) => s.updateActionItem(actorContext(req), req.params.id, req.body),
  });
  r.get(`${P}/action-items/overdue`, {
    config: read,
    schema: { tags, summary: 'Open action items past their due date', querystring: z.object({ orgUnitId: z.uuid().optional() }), response: { 200: actionItemList, ...fail } },
    handler: (req) => s.overdueActionItems(actorContext(req), req.query.orgUnitId),
  });

  // ——— risk register
  r.post(`${P}/risks`, {
    config: write,
    schema: { tags, summary: 'Add a risk (likelihood and impact 1–5)', body: riskInput, response: { 201: riskView, ...fail } },
    handler: async (req, reply) => reply.code(201).send(await s.createRisk(actorContext(req), req.body)),
  });
  r.patch(`${P}/risks/:id`, {
    config: write,
    schema: { tags, summary: 'Change a risk', params: idParams, body: riskUpdate, response: { 200: riskView, ...fail } },
    handler: (req) => s.updateRisk(actorContext(req), req.params.id, req.body),
  });
  r.post(`${P}/risks/:id/review`, {
    config: read,
    schema: {
      tags,
      summary: 'Review a risk (the office or its owner): re-score and set the next review',
      params: idParams,
      body: riskReviewInput,
      response: { 200: riskView, ...fail },
    },
    handler: (req) => s.reviewRisk(actorContext(req), req.params.id, req.body),
  });
  r.get(`${P}/risks`, {
    config: read,
    schema: {
      tags,
      summary: 'The risk register of a subtree, highest score first',
      querystring: z.object({ orgUnitId: z.uuid().optional() }),
      response: { 200: riskList, ...fail },
    },
    handler: (req) => s.listRisks(actorContext(req), req.query.orgUnitId),
  });
  r.get(`${P}/risks/matrix`, {
    config: read,
    schema: { tags, summary: 'The 5×5 likelihood × impact matrix', querystring: z.object({ orgUnitId: z.uuid().optional() }), response: { 200: riskMatrix, ...fail } },
    handler: (req) => s.riskMatrix(actorContext(req), req.query.orgUnitId),
  });

  // ——— budget
  r.put(`${P}/budgets`, {
    config: write,
    schema: { tags, summary: "Set a unit's yearly budget (default split 40/30/20/10 when no lines are given)", body: budgetPlanInput, response: { 200: budgetView, ...fail } },
    handler: (req) => s.setPlan(actorContext(req), req.body),
  });
  r.get(`${P}/budgets`, {
    config: read,
    schema: { tags, summary: 'A unit-year budget with execution per category', querystring: budgetQuery, response: { 200: budgetView, ...fail } },
    handler: (req) => s.getBudget(actorContext(req), req.query.orgUnitId, req.query.year),
  });
  r.post(`${P}/budgets/expenses`, {
    config: write,
    schema: {
      tags,
      summary: 'Record an expense; over the remaining budget it warns or is refused (policy governance.overBudget)',
      querystring: budgetQuery,
      body: expenseInput,
      response: { 201: expenseResult, ...fail },
    },
    handler: async (req, reply) => reply.code(201).send(await s.addExpense(actorContext(req), req.query.orgUnitId, req.query.year, req.body)),
  });

  // ——— 七有
  r.get(`${P}/stations`, {
    config: read,
    schema: { tags, summary: "The stations' 七有 with their completion", querystring: z.object({ orgUnitId: z.uuid().optional() }), response: { 200: stationList, ...fail } },
    handler: (req) => s.listStations(actorContext(req), req.query.orgUnitId),
  });
  r.put(`${P}/stations/:orgUnitId/items/:item`, {
    config: write,
    schema: {
      tags,
      summary: 'Set one 七有 item of a station, with its evidence',
      params: unitParams.extend({ item: z.enum(stationItems) }),
      body: stationItemInput,
      response: { 200: stationView, ...fail },
    },
    handler: (req) => s.setStationItem(actorContext(req), req.params.orgUnitId, req.params.item, req.body),
  });

  // ——— documents of a unit (receipts, evidence) through the documents module
  r.post(`${P}/units/:orgUnitId/files`, {
    config: write,
    schema: { tags, summary: 'Upload a receipt or evidence (PDF, JPG, PNG; multipart: file, meta {"purpose"})', params: unitParams, response: { 201: unitDocumentView, ...fail } },
    handler: async (req, reply) => {
      const ctx = actorContext(req);
      const unit = await s.uploadUnit(ctx, req.params.orgUnitId);
      const { meta, file } = await readUpload(req, documents.maxFileBytes);
      const parsed = z.object({ purpose: z.enum(unitDocumentPurposes) }).safeParse(typeof meta === 'string' ? safeJson(meta) : meta);
      const purpose = parsed.success ? parsed.data.purpose : 'receipt';
      return reply.code(201).send(await documents.uploadUnitDocument(ctx, unit, purpose, file));
    },
  });
  r.get(`${P}/files/:id`, {
    config: read,
    schema: { tags, summary: 'Download a unit document (audited)', params: idParams },
    handler: async (req, reply) => {
      const ctx = actorContext(req);
      const unit = await s.documentUnit(ctx, req.params.id);
      const { document, bytes } = await documents.downloadUnitDocument(ctx, req.params.id, unit.path);
      return reply.header('content-type', document.mimeType).header('content-disposition', inlineDisposition(document.fileName)).send(bytes);
    },
  });

  // ——— weekly dispatch
  r.get(`${P}/dispatch`, {
    config: read,
    schema: {
      tags,
      summary: '周调度: the week of a unit: tasks by unit and worker, open notices, overdue action items, risk reviews due',
      querystring: dispatchQuery,
      response: { 200: dispatchView, ...fail },
    },
    handler: (req) => s.dispatch(actorContext(req), req.query),
  });
  r.get(`${P}/dispatch.xlsx`, {
    config: read,
    schema: { tags, summary: 'The weekly dispatch as a workbook', querystring: dispatchQuery },
    handler: async (req, reply) => {
      const d = await s.dispatch(actorContext(req), req.query);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="dispatch-${d.from}.xlsx"`)
        .send(await dispatchXlsx(d));
    },
  });
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
