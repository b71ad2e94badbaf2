import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody } from '../../../core/contracts/common';
import {
  definitionList,
  drillQuery,
  drillView,
  indicatorPage,
  indicatorPageQuery,
  overviewView,
  periodQuery,
  planBody,
  rollupStatusView,
  targetsBody,
  targetsQuery,
  targetsView,
} from '../../../core/contracts/governance';
import { actorContext } from '../../http/auth-hook';
import type { GovernanceService } from './service';

const read = { access: { permission: 'report.read', scope: 'org_subtree' } } as const;
const manage = { access: { permission: 'target.manage', scope: 'org_subtree' } } as const;
const fail = { 400: errorBody, 404: errorBody };

export function governanceRoutes(app: FastifyInstance, governance: GovernanceService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['governance'];

  r.get('/api/governance/definitions', {
    config: read,
    schema: { tags, summary: 'The indicators K1–K18: code, names, formula, unit, target direction, seed target (RULES §6)', response: { 200: definitionList } },
    handler: () => governance.definitions(),
  });
  r.get('/api/governance/overview', {
    config: read,
    schema: {
      tags,
      summary: 'Every indicator of a unit subtree for a period against its target (red/amber/green)',
      querystring: periodQuery,
      response: { 200: overviewView, ...fail },
    },
    handler: (req) => governance.overview(actorContext(req), req.query),
  });
  r.get('/api/governance/indicator', {
    config: read,
    schema: {
      tags,
      summary: 'One indicator: definition, value, the child units ranked, the last twelve months',
      querystring: indicatorPageQuery,
      response: { 200: indicatorPage, ...fail },
    },
    handler: (req) => governance.indicator(actorContext(req), req.query),
  });
  r.get('/api/governance/drill', {
    config: read,
    schema: {
      tags,
      summary: 'The persons (or records) behind an indicator’s numerator or denominator; persons need person.read on the unit',
      querystring: drillQuery,
      response: { 200: drillView, ...fail },
    },
    handler: (req) => governance.drill(actorContext(req), req.query),
  });
  r.get('/api/governance/targets', {
    config: read,
    schema: { tags, summary: 'A unit’s baselines, targets and milestones for a year, with their progress', querystring: targetsQuery, response: { 200: targetsView, ...fail } },
    handler: (req) => governance.targets(actorContext(req), req.query),
  });
  r.put('/api/governance/targets', {
    config: manage,
    schema: { tags, summary: 'Set a unit’s baselines and targets for a year (a rate within 0–100 %)', body: targetsBody, response: { 200: targetsView, ...fail } },
    handler: (req) => governance.setTargets(actorContext(req), req.body),
  });
  r.put('/api/governance/plan', {
    config: manage,
    schema: { tags, summary: 'Set a unit’s work-plan start and milestone goals (6/12/24/36/60 months)', body: planBody, response: { 200: targetsView, ...fail } },
    handler: (req) => governance.setPlan(actorContext(req), req.body),
  });
  r.get('/api/governance/rollups', {
    config: read,
    schema: { tags, summary: 'The rollups’ state: built for which day, last refresh, marks waiting', response: { 200: rollupStatusView, ...fail } },
    handler: (req) => governance.rollupStatus(actorContext(req)),
  });
}
