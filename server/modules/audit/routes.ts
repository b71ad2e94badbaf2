import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditGroupList, auditGroupQuery, auditHeadsQuery, auditIdParams, auditList, auditProof, auditQuery } from '../../../core/contracts/audit';
import { actorContext } from '../../http/auth-hook';
import { notFound } from '../../errors';
import type { Db } from '../../db/client';
import type { AuditService } from './service';
import type { AuditRow } from './queries';

/** The masked label of each person (from the persons module; the audit module never reads persons). */
export type PersonLabels = (ids: string[]) => Promise<Map<string, { name: string; idLast4: string }>>;

const present = (r: AuditRow, sealedThrough: number, labels: Awaited<ReturnType<PersonLabels>>) => ({
  id: r.id,
  at: r.at.toISOString(),
  actorId: r.actorId,
  actorName: r.actorName,
  action: r.action,
  outcome: r.outcome,
  entityType: r.entityType,
  entityId: r.entityId,
  personId: r.personId,
  person: (r.personId && labels.get(r.personId)) || null,
  purpose: r.purpose,
  ip: r.ip,
  userAgent: r.userAgent,
  before: r.before,
  after: r.after,
  details: r.details,
  sealed: r.id <= sealedThrough,
});

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // Quote everything; neutralise formula injection when opened in a spreadsheet.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

const filterOf = (query: { from?: string; to?: string } & Record<string, unknown>) => {
  const { from, to, limit: _l, offset: _o, by: _b, ...rest } = query;
  return { ...rest, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
};

export function auditRoutes(app: FastifyInstance, deps: { db: Db; audit: AuditService; personLabels: PersonLabels }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  const labelsOf = (rows: { personId: string | null }[]) => deps.personLabels([...new Set(rows.flatMap((x) => (x.personId ? [x.personId] : [])))]);
  const access = { permission: 'audit.read', scope: 'org_subtree' } as const;

  r.get('/api/audit', {
    config: { access },
    schema: { tags, summary: 'Search the audit trail by user, person, record, action and time', querystring: auditQuery, response: { 200: auditList } },
    handler: async (req) => {
      const res = await deps.audit.search(deps.db, req.principal!, filterOf(req.query), { limit: req.query.limit, offset: req.query.offset });
      const [labels, sealed] = await Promise.all([labelsOf(res.items), deps.audit.sealedThrough(deps.db)]);
      return { items: res.items.map((x) => present(x, sealed, labels)), total: res.total };
    },
  });

  r.get('/api/audit/groups', {
    config: { access },
    schema: {
      tags,
      summary: 'The same search, one line per user or per person (how many rows, when, which actions)',
      querystring: auditGroupQuery,
      response: { 200: auditGroupList },
    },
    handler: async (req) => {
      const res = await deps.audit.grouped(deps.db, req.principal!, filterOf(req.query), req.query.by, { limit: req.query.limit, offset: req.query.offset });
      const labels = req.query.by === 'person' ? await labelsOf(res.items.map((g) => ({ personId: g.key }))) : new Map();
      return {
        items: res.items.map((g) => ({ ...g, person: (g.key && labels.get(g.key)) || null, firstAt: g.firstAt.toISOString(), lastAt: g.lastAt.toISOString() })),
        total: res.total,
      };
    },
  });

  r.get('/api/audit/export.csv', {
    config: { access },
    schema: { tags, summary: 'The same search as CSV (at most 50,000 rows), for inspections', querystring: auditQuery },
    handler: async (req, reply) => {
      const res = await deps.audit.search(deps.db, req.principal!, filterOf(req.query), { limit: 50_000, offset: 0 });
      const labels = await labelsOf(res.items);
      await deps.audit.record(deps.db, actorContext(req), { action: 'audit.export', details: { filter: req.query, rows: res.items.length } });
      const header = ['id', 'at', 'actor', 'action', 'outcome', 'entity_type', 'entity_id', 'person_id', 'person', 'purpose', 'ip', 'details'];
      const label = (id: string | null) => (id && labels.get(id) ? `${labels.get(id)!.name} ${labels.get(id)!.idLast4}` : '');
      const lines = res.items.map((x) =>
        [x.id, x.at.toISOString(), x.actorName, x.action, x.outcome, x.entityType, x.entityId, x.personId, label(x.personId), x.purpose, x.ip, x.details].map(csvCell).join(','),
      );
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit.csv"');
      return '\uFEFF' + [header.join(','), ...lines].join('\r\n');
    },
  });

  r.get('/api/audit/:id/proof', {
    config: { access },
    schema: {
      tags,
      summary: 'Proof that one row is in its sealed batch: the leaf, the path to the signed root, the public key',
      params: auditIdParams,
      response: { 200: auditProof },
    },
    handler: async (req) => {
      const proof = await deps.audit.proof(deps.db, req.principal!, req.params.id);
      if (!proof) throw notFound('audit');
      return proof;
    },
  });

  r.get('/api/audit/heads.jsonl', {
    config: { access },
    schema: {
      tags,
      summary: 'The signed batch heads (and the public key) for the auditor to keep; verify later with npm run audit:verify -- --head <file>',
      querystring: auditHeadsQuery,
    },
    handler: async (req, reply) => {
      const lines = await deps.audit.headLines(deps.db, req.query.fromBatch, 200_000);
      await deps.audit.record(deps.db, actorContext(req), { action: 'audit.heads_export', details: { fromBatch: req.query.fromBatch, batches: lines.length - 1 } });
      reply.header('content-type', 'text/plain; charset=utf-8').header('content-disposition', 'attachment; filename="audit-heads.jsonl"');
      return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    },
  });
}
