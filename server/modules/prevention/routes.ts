import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams, okBody } from '../../../core/contracts/common';
import {
  hoursInput,
  hoursView,
  periodQuery,
  photoList,
  photoMeta,
  photoView,
  preventionIndicators,
  publicityInput,
  qualificationInput,
  qualificationParams,
  qualificationView,
  staffGradeInput,
  staffParams,
  staffQuery,
  staffView,
  recognitionInput,
  publicityList,
  publicityListQuery,
  publicitySummary,
  publicityView,
  teamInput,
  teamLeaderInput,
  teamList,
  teamView,
  trainingInput,
  trainingList,
  trainingListQuery,
  trainingView,
  volunteerInput,
  volunteerList,
  volunteerListQuery,
  volunteerView,
} from '../../../core/contracts/prevention';
import { surveyInput, surveyLinkInput, surveyList, surveyListQuery, surveyResults, surveyStateInput, surveyView } from '../../../core/contracts/surveys';
import { tipList, tipListQuery, tipRewardInput, tipStatusInput, tipView } from '../../../core/contracts/tips';
import { actorContext } from '../../http/auth-hook';
import { badRequest, type FieldError } from '../../errors';
import { messageFor } from '../../messages';
import { readUpload } from '../documents/routes';
import type { PreventionService } from './service';

const read = { access: { permission: 'prevention.read', scope: 'org_subtree' } } as const;
const write = { access: { permission: 'prevention.write', scope: 'org_subtree' } } as const;
const fail = { 400: errorBody, 404: errorBody };

/** The photo upload's `meta` part checked against its schema; problems reported per field under `meta.`. */
function parsePhotoMeta(raw: unknown) {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      value = undefined;
    }
  }
  const parsed = photoMeta.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const fields: FieldError[] = parsed.error.issues.map((i) => {
    const code = i.code === 'invalid_type' && i.input === undefined ? 'validation.required' : `validation.${i.code}`;
    return { path: ['meta', ...i.path.map(String)].join('.'), code, message: messageFor(code) };
  });
  throw badRequest('validation.failed', fields);
}

export function preventionRoutes(app: FastifyInstance, prevention: PreventionService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['prevention'];

  r.post('/api/prevention/activities', {
    config: write,
    schema: {
      tags,
      summary: 'Log a publicity activity with its audiences and reach (K13: attendees plus online reads and plays)',
      body: publicityInput,
      response: { 201: publicityView, ...fail },
    },
    handler: async (req, reply) => reply.code(201).send(await prevention.createActivity(actorContext(req), req.body)),
  });
  r.get('/api/prevention/activities', {
    config: read,
    schema: {
      tags,
      summary: 'Publicity activities of a unit subtree in a period, by audience or kind',
      querystring: publicityListQuery,
      response: { 200: publicityList, ...fail },
    },
    handler: (req) => prevention.listActivities(actorContext(req), req.query),
  });
  r.get('/api/prevention/activities/:id', {
    config: read,
    schema: { tags, summary: 'One publicity activity', params: idParams, response: { 200: publicityView, 404: errorBody } },
    handler: (req) => prevention.getActivity(actorContext(req), req.params.id),
  });
  // Issue 16 item 1: photos of an activity (JPEG/PNG/WebP, at most 9; the bytes only through this scoped route).
  r.post('/api/prevention/activities/:id/photos', {
    config: write,
    schema: {
      tags,
      summary: 'Add a photo to an activity (multipart: file, meta {"consent","noMeasuredPerson": true}); JPEG, PNG or WebP by content, at most 9',
      consumes: ['multipart/form-data'],
      params: idParams,
      response: { 201: photoView, ...fail, 413: errorBody, 415: errorBody },
    },
    handler: async (req, reply) => {
      const ctx = actorContext(req);
      const upload = await readUpload(req, prevention.photos.maxFileBytes);
      return reply.code(201).send(await prevention.photos.upload(ctx, req.params.id, parsePhotoMeta(upload.meta), upload.file));
    },
  });
  r.get('/api/prevention/activities/:id/photos', {
    config: read,
    schema: { tags, summary: "An activity's photos (without their bytes)", params: idParams, response: { 200: photoList, 404: errorBody } },
    handler: (req) => prevention.photos.list(actorContext(req), req.params.id),
  });
  r.get('/api/prevention/photos/:id/file', {
    config: read,
    schema: {
      tags,
      summary: 'The photo itself (image/jpeg, image/png or image/webp)',
      params: idParams,
      produces: ['image/jpeg', 'image/png', 'image/webp'],
      response: { 200: z.any().describe('The image bytes'), 404: errorBody },
    },
    handler: async (req, reply) => {
      const { mimeType, bytes } = await prevention.photos.file(actorContext(req), req.params.id);
      return reply.header('content-type', mimeType).header('x-content-type-options', 'nosniff').header('cache-control', 'private, max-age=300').send(bytes);
    },
  });
  r.delete('/api/prevention/photos/:id', {
    config: write,
    schema: { tags, summary: 'Delete a photo of an activity', params: idParams, response: { 200: okBody, 404: errorBody } },
    handler: (req) => prevention.photos.remove(actorContext(req), req.params.id),
  });

  r.get('/api/prevention/publicity-summary', {
    config: read,
    schema: {
      tags,
      summary: 'Activities and reach of a unit subtree: in total, by audience, by kind and by child unit',
      querystring: periodQuery,
      response: { 200: publicitySummary, ...fail },
    },
    handler: (req) => prevention.publicitySummary(actorContext(req), req.query),
  });

  r.post('/api/prevention/teams', {
    config: write,
    schema: { tags, summary: 'Create a volunteer team of a unit', body: teamInput, response: { 201: teamView, ...fail } },
    handler: async (req, reply) => reply.code(201).send(await prevention.createTeam(actorContext(req), req.body)),
  });
  r.patch('/api/prevention/teams/:id', {
    config: write,
    schema: { tags, summary: "Name a team's leader (one of its volunteers) or none", params: idParams, body: teamLeaderInput, response: { 200: teamView, ...fail } },
    handler: (req) => prevention.setTeamLeader(actorContext(req), req.params.id, req.body.leaderVolunteerId),
  });
  r.get('/api/prevention/teams', {
    config: read,
    schema: {
      tags,
      summary: 'Volunteer teams with their member counts and service time',
      querystring: z.object({ orgUnitId: z.uuid().optional() }),
      response: { 200: teamList, 404: errorBody },
    },
    handler: (req) => prevention.listTeams(actorContext(req), req.query.orgUnitId),
  });
  r.post('/api/prevention/volunteers', {
    config: write,
    schema: { tags, summary: 'Register a volunteer (name, phone, team, skills: the least data needed)', body: volunteerInput, response: { 201: volunteerView, ...fail } },
    handler: async (req, reply) => reply.code(201).send(await prevention.registerVolunteer(actorContext(req), req.body)),
  });
  r.get('/api/prevention/volunteers', {
    config: read,
    schema: {
      tags,
      summary: 'Volunteers with masked phones and their service time (the read is audited)',
      querystring: volunteerListQuery,
      response: { 200: volunteerList, 404: errorBody },
    },
    handler: (req) => prevention.listVolunteers(actorContext(req), req.query),
  });
  r.post('/api/prevention/volunteers/:id/hours', {
    config: write,
    schema: { tags, summary: "Log a volunteer's service time, optionally at one publicity activity", params: idParams, body: hoursInput, response: { 201: hoursView, ...fail } },
    handler: async (req, reply) => reply.code(201).send(await prevention.logHours(actorContext(req), req.params.id, req.body)),
  });

  r.post('/api/prevention/volunteers/:id/recognitions', {
    config: write,
    schema: {
      tags,
      summary: 'Recognise a volunteer as outstanding (优秀志愿者) for the year, once a year',
      params: idParams,
      body: recognitionInput,
      response: { 201: volunteerView, ...fail, 409: errorBody },
    },
    handler: async (req, reply) => reply.code(201).send(await prevention.recognise(actorContext(req), req.params.id, req.body.recognisedOn)),
  });

  r.post('/api/prevention/trainings', {
    config: write,
    schema: { tags, summary: 'Record a staff training with its attendees and exam results (K16)', body: trainingInput, response: { 201: trainingView, ...fail } },
    handler: async (req, reply) => reply.code(201).send(await prevention.createTraining(actorContext(req), req.body)),
  });
  r.get('/api/prevention/trainings', {
    config: read,
    schema: { tags, summary: 'Staff trainings of a unit subtree in a period', querystring: trainingListQuery, response: { 200: trainingList, ...fail } },
    handler: (req) => prevention.listTrainings(actorContext(req), req.query),
  });
  r.get('/api/prevention/indicators', {
    config: read,
    schema: {
      tags,
      summary: 'K13 (publicity) and K16 (training) of a unit subtree for a period against the seed targets, with volunteer counts',
      querystring: periodQuery,
      response: { 200: preventionIndicators, ...fail },
    },
    handler: (req) => prevention.indicators(actorContext(req), req.query),
  });

  // #16 item 3: staff capacity (队伍建设).
  r.get('/api/prevention/staff', {
    config: read,
    schema: {
      tags,
      summary: "A unit subtree's social workers: grade, pay band that applies, qualifications and their states, caseload, training this year; the unit's K12",
      querystring: staffQuery,
      response: { 200: staffView, 404: errorBody },
    },
    handler: (req) => prevention.staff.list(actorContext(req), req.query.orgUnitId),
  });
  r.patch('/api/prevention/staff/:userId/grade', {
    config: write,
    schema: {
      tags,
      summary: "Record a social worker's grade (资质等级)",
      params: staffParams,
      body: staffGradeInput,
      response: { 200: z.object({ userId: z.uuid(), grade: staffGradeInput.shape.grade }), ...fail },
    },
    handler: (req) => prevention.staff.setGrade(actorContext(req), req.params.userId, req.body.grade),
  });
  r.post('/api/prevention/staff/:userId/qualifications', {
    config: write,
    schema: {
      tags,
      summary: "Add a social worker's qualification (certificate kind, number, issued, expires)",
      params: staffParams,
      body: qualificationInput,
      response: { 201: qualificationView, ...fail },
    },
    handler: async (req, reply) => reply.code(201).send(await prevention.staff.addQualification(actorContext(req), req.params.userId, req.body)),
  });
  r.delete('/api/prevention/staff/:userId/qualifications/:qualificationId', {
    config: write,
    schema: { tags, summary: "Remove one of a social worker's qualifications", params: qualificationParams, response: { 200: okBody, 404: errorBody } },
    handler: (req) => prevention.staff.removeQualification(actorContext(req), req.params.userId, req.params.qualificationId),
  });
}

/** Surveys (K14, K15) and tips, the staff side; the public side is in public-routes.ts. */
export function surveyAndTipRoutes(app: FastifyInstance, prevention: PreventionService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['prevention'];
  const tipRead = { access: { permission: 'tip.read', scope: 'org_subtree' } } as const;
  const tipHandle = { access: { permission: 'tip.handle', scope: 'org_subtree' } } as const;

  r.post('/api/prevention/surveys', {
    config: write,
    schema: { tags, summary: 'Create a resident survey with its questions and a public link for its unit', body: surveyInput, response: { 201: surveyView, ...fail } },
    handler: async (req, reply) => reply.code(201).send(await prevention.surveys.createSurvey(actorContext(req), req.body)),
  });
  r.get('/api/prevention/surveys', {
    config: read,
    schema: { tags, summary: 'Surveys of a unit subtree with their links', querystring: surveyListQuery, response: { 200: surveyList, 404: errorBody } },
    handler: (req) => prevention.surveys.listSurveys(actorContext(req), req.query),
  });
  r.get('/api/prevention/surveys/:id', {
    config: read,
    schema: { tags, summary: 'One survey with its links', params: idParams, response: { 200: surveyView, 404: errorBody } },
    handler: (req) => prevention.surveys.getSurvey(actorContext(req), req.params.id),
  });
  r.post('/api/prevention/surveys/:id/links', {
    config: write,
    schema: { tags, summary: 'A public link of the survey for a unit under it (one per unit)', params: idParams, body: surveyLinkInput, response: { 200: surveyView, ...fail } },
    handler: (req) => prevention.surveys.addLink(actorContext(req), req.params.id, req.body.orgUnitId),
  });
  r.patch('/api/prevention/surveys/:id', {
    config: write,
    schema: { tags, summary: 'Open or close a survey', params: idParams, body: surveyStateInput, response: { 200: surveyView, ...fail } },
    handler: (req) => prevention.surveys.setState(actorContext(req), req.params.id, req.body.state),
  });
  r.get('/api/prevention/surveys/:id/results', {
    config: read,
    schema: {
      tags,
      summary: "A survey's results by unit, audience and question (K14 recognition, K15 satisfaction)",
      params: idParams,
      response: { 200: surveyResults, 404: errorBody },
    },
    handler: (req) => prevention.surveys.results(actorContext(req), req.params.id),
  });

  r.get('/api/tips', {
    config: tipRead,
    schema: {
      tags: ['tips'],
      summary: 'Tip reports routed to units in scope (who gave them: police role only); the read is audited',
      querystring: tipListQuery,
      response: { 200: tipList, 404: errorBody },
    },
    handler: (req) => prevention.tips.list(actorContext(req), req.query),
  });
  r.get('/api/tips/:id', {
    config: tipRead,
    schema: { tags: ['tips'], summary: 'One tip report (who gave it: police role only); the read is audited', params: idParams, response: { 200: tipView, 404: errorBody } },
    handler: (req) => prevention.tips.get(actorContext(req), req.params.id),
  });
  r.patch('/api/tips/:id/status', {
    config: tipHandle,
    schema: { tags: ['tips'], summary: 'Move a tip forward: received → verified → closed', params: idParams, body: tipStatusInput, response: { 200: tipView, ...fail } },
    handler: (req) => prevention.tips.setStatus(actorContext(req), req.params.id, req.body),
  });
  r.patch('/api/tips/:id/reward', {
    config: tipHandle,
    schema: { tags: ['tips'], summary: "Record a verified tip's reward (amount, paid date)", params: idParams, body: tipRewardInput, response: { 200: tipView, ...fail } },
    handler: (req) => prevention.tips.setReward(actorContext(req), req.params.id, req.body),
  });
}
