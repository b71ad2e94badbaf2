import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../../core/contracts/common';
import {
  absenceResult,
  breachesView,
  calendarQuery,
  changeRecordResult,
  correctRecordBody,
  voidRecordBody,
  calendarView,
  closeAbsenceBody,
  countsQuery,
  countsView,
  createAbsenceBody,
  createLeaveBody,
  createRecordBody,
  createRecordResult,
  deliverNoticeBody,
  educationDoneBody,
  educationView,
  leaveDecisionBody,
  leaveExtensionBody,
  leaveList,
  leaveReturnBody,
  leaveView,
  noticeList,
  noticeListQuery,
  noticeView,
  preferencesBody,
  preferencesView,
  recordList,
  recordListQuery,
  recordView,
  taskList,
  todayQuery,
  todayView,
} from '../../../core/contracts/supervision';
import { actorContext } from '../../http/auth-hook';
import type { SupervisionService } from './service';

const personParams = idParams;
const recordParams = idParams.extend({ recordId: z.uuid() });

export function supervisionRoutes(app: FastifyInstance, s: SupervisionService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['supervision'];

  // ---- records and a person's supervision ----
  r.post('/api/persons/:id/records', {
    config: { access: { permission: 'supervision.write', scope: 'org_subtree' } },
    schema: {
      tags,
      summary:
        'Record a check-in, drug test (T1–T3, T6), visit, follow-up, talk or grid visit; returns the tasks it resolved, the breach assessment (C5) and any notice raised (C6)',
      description:
        'With a `clientKey` this user already sent, nothing is written: 200 with the record made then (`replayed`), or 409 when the key names another record. With a `basis` (a record made offline, issue 17 §3): 409 `supervision.record_clash` when someone else recorded the same kind of task meanwhile, 409 `supervision.record_clash_suspended` when someone else entered a suspension of the measure (C9) covering its date meanwhile; `basis.keepBoth` saves it anyway.',
      params: personParams,
      body: createRecordBody,
      response: { 200: createRecordResult, 201: createRecordResult },
    },
    handler: async (req, reply) => {
      const result = await s.createRecord(actorContext(req), req.params.id, req.body);
      return reply.code(result.replayed ? 200 : 201).send(result);
    },
  });

  r.get('/api/persons/:id/records', {
    config: { access: { permission: 'supervision.read', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: "A person's supervision records, newest first (the read is audited)",
      params: personParams,
      querystring: recordListQuery,
      response: { 200: recordList },
    },
    handler: (req) => s.records(actorContext(req), req.params.id, req.query),
  });

  r.get('/api/persons/:id/records/:recordId', {
    config: { access: { permission: 'supervision.read', scope: 'org_subtree' } },
    schema: { tags, summary: 'One supervision record of a person, e.g. to print it (the read is audited)', params: recordParams, response: { 200: recordView } },
    handler: (req) => s.record(actorContext(req), req.params.id, req.params.recordId),
  });

  r.post('/api/persons/:id/records/:recordId/void', {
    config: { access: { permission: 'supervision.write', scope: 'org_subtree' } },
    schema: {
      tags,
      summary:
        'Void a record entered wrongly, with the reason (by its recorder or the street officer); it is kept, and breaches, tasks and notices are recomputed without it (issue 9.14, C6)',
      params: recordParams,
      body: voidRecordBody,
      response: { 200: changeRecordResult },
    },
    handler: (req) => s.voidRecord(actorContext(req), req.params.id, req.params.recordId, req.body),
  });

  r.post('/api/persons/:id/records/:recordId/correction', {
    config: { access: { permission: 'supervision.write', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'Correct a record: the old version is kept (voided, with the reason) and the corrected one recorded; breaches, tasks and notices are recomputed (issue 9.14, C6)',
      params: recordParams,
      body: correctRecordBody,
      response: { 201: changeRecordResult },
    },
    handler: async (req, reply) => reply.code(201).send(await s.correctRecord(actorContext(req), req.params.id, req.params.recordId, req.body)),
  });

  r.get('/api/persons/:id/tasks', {
    config: { access: { permission: 'supervision.read', scope: 'org_subtree' } },
    schema: { tags, summary: "A person's stored tasks (T4, T5, T7, F1, F2, F4) with their state and the policy version", params: personParams, response: { 200: taskList } },
    handler: (req) => s.tasksOfPerson(actorContext(req), req.params.id),
  });

  r.get('/api/persons/:id/breaches', {
    config: { access: { permission: 'supervision.read', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'The breach assessment (C5) and lost-contact check (C11) computed now, with notices, education records and absences',
      params: personParams,
      response: { 200: breachesView },
    },
    handler: (req) => s.breaches(actorContext(req), req.params.id),
  });

  r.get('/api/persons/:id/preferences', {
    config: { access: { permission: 'supervision.read', scope: 'org_subtree' } },
    schema: { tags, summary: 'Reminder preferences of the person (P2: SMS consent)', params: personParams, response: { 200: preferencesView } },
    handler: (req) => s.preferences(actorContext(req), req.params.id),
  });

  r.put('/api/persons/:id/preferences', {
    config: { access: { permission: 'supervision.write', scope: 'org_subtree' } },
    schema: { tags, summary: 'Record the consent to SMS reminders, or its withdrawal (P2)', params: personParams, body: preferencesBody, response: { 200: preferencesView } },
    handler: (req) => s.setPreferences(actorContext(req), req.params.id, req.body),
  });

  // ---- leave (C4) and absences ----
  r.get('/api/persons/:id/leaves', {
    config: { access: { permission: 'supervision.read', scope: 'org_subtree' } },
    schema: { tags, summary: "A person's leave requests with every step (who, when)", params: personParams, response: { 200: leaveList } },
    handler: (req) => s.leaves(actorContext(req), req.params.id),
  });

  r.post('/api/persons/:id/leaves', {
    config: { access: { permission: 'supervision.write', scope: 'org_subtree' } },
    schema: { tags, summary: 'Enter a leave request (C4); overlapping requests are refused', params: personParams, body: createLeaveBody, response: { 201: leaveView } },
    handler: async (req, reply) => reply.code(201).send(await s.requestLeave(actorContext(req), req.params.id, req.body)),
  });

  r.post('/api/leaves/:id/decision', {
    config: { access: { permission: 'leave.approve', scope: 'org_subtree' } },
    schema: { tags, summary: 'Approve or reject what is pending: the request or its extension (street)', params: idParams, body: leaveDecisionBody, response: { 200: leaveView } },
    handler: (req) => s.decideLeave(actorContext(req), req.params.id, req.body),
  });

  r.post('/api/leaves/:id/extension', {
    config: { access: { permission: 'supervision.write', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'Ask to extend an approved leave to a later end date (approved again by the street)',
      params: idParams,
      body: leaveExtensionBody,
      response: { 200: leaveView },
    },
    handler: (req) => s.extendLeave(actorContext(req), req.params.id, req.body),
  });

  r.post('/api/leaves/:id/return', {
    config: { access: { permission: 'supervision.write', scope: 'org_subtree' } },
    schema: { tags, summary: 'The person reported back (销假)', params: idParams, body: leaveReturnBody, response: { 200: leaveView } },
    handler: (req) => s.returnFromLeave(actorContext(req), req.params.id, req.body),
  });

  r.post('/api/persons/:id/absences', {
    config: { access: { permission: 'supervision.write', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'Record a stay away (C4/C5; to null while it lasts) or a hospital stay (T7 excuse)',
      params: personParams,
      body: createAbsenceBody,
      response: { 201: absenceResult },
    },
    handler: async (req, reply) => reply.code(201).send(await s.recordAbsence(actorContext(req), req.params.id, req.body)),
  });

  r.post('/api/absences/:id/close', {
    config: { access: { permission: 'supervision.write', scope: 'org_subtree' } },
    schema: { tags, summary: 'The person is back: the last day of an open absence', params: idParams, body: closeAbsenceBody, response: { 200: absenceResult } },
    handler: (req) => s.closeAbsence(actorContext(req), req.params.id, req.body),
  });

  // ---- notices (C6) and education ----
  r.get('/api/notices', {
    config: { access: { permission: 'notice.read', scope: 'org_subtree' } },
    schema: { tags, summary: 'Notices to the police of persons in my subtrees (open by default)', querystring: noticeListQuery, response: { 200: noticeList } },
    handler: (req) => s.notices(actorContext(req), req.query),
  });

  r.post('/api/notices/:id/deliver', {
    config: { access: { permission: 'supervision.write', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'Record that the notice was delivered to the police station (who, when, how)',
      params: idParams,
      body: deliverNoticeBody,
      response: { 200: noticeView },
    },
    handler: (req) => s.deliverNotice(actorContext(req), req.params.id, req.body),
  });

  r.post('/api/notices/:id/acknowledge', {
    config: { access: { permission: 'notice.acknowledge', scope: 'org_subtree' } },
    schema: { tags, summary: 'The police acknowledge the notice', params: idParams, response: { 200: noticeView } },
    handler: (req) => s.acknowledgeNotice(actorContext(req), req.params.id),
  });

  r.post('/api/education-records/:id/done', {
    config: { access: { permission: 'supervision.write', scope: 'org_subtree' } },
    schema: { tags, summary: 'Record the criticism and education held for an ordinary breach (C6)', params: idParams, body: educationDoneBody, response: { 200: educationView } },
    handler: (req) => s.educationDone(actorContext(req), req.params.id, req.body),
  });

  // ---- the worker's day ----
  r.get('/api/today', {
    config: { access: { permission: 'supervision.read', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: "今日待办: due and overdue tasks of my caseload (scope=mine) or of a unit's subtree (scope=unit), leaves ending, notices pending, breach warnings",
      querystring: todayQuery,
      response: { 200: todayView },
    },
    handler: (req) => s.today(actorContext(req), req.query),
  });

  r.get('/api/today/counts', {
    config: { access: { permission: 'supervision.read', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'Tasks falling due in a period (default today): due, done, overdue per worker and per community',
      querystring: countsQuery,
      response: { 200: countsView },
    },
    handler: (req) => s.counts(actorContext(req), req.query),
  });

  r.get('/api/calendar', {
    config: { access: { permission: 'supervision.read', scope: 'org_subtree' } },
    schema: { tags, summary: 'Tasks by due date over a period of at most 62 days', querystring: calendarQuery, response: { 200: calendarView } },
    handler: (req) => s.calendar(actorContext(req), req.query),
  });
}
