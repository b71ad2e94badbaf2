import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditList, auditQuery } from '../../../core/contracts/audit';
import { actorContext } from '../../http/auth-hook';
import type { Db } from '../../db/client';
import type { AuditService } from './service';
import type { AuditRow } from './queries';

const present = (r: AuditRow) => ({
  id: r.id, at: r.at.toISOString(), actorId: r.actorId, actorName: r.actorName, action: r.action, outcome: r.outcome,
  entityType: r.entityType, entityId: r.entityId, personId: r.personId, purpose: r.purpose, ip: r.ip, userAgent: r.userAgent,
  before: r.before, after: r.after, details: r.details,
});

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // Quote everything; neutralise formula injection when opened in a spreadsheet.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

export function auditRoutes(app: FastifyInstance, deps: { db: Db; audit: AuditService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get('/api/audit', {
    config: { access: { permission: 'audit.read', scope: 'org_subtree' } },
    schema: { tags, summary: 'Search the audit trail by user, record, action and time', querystring: auditQuery, response: { 200: auditList } },
    handler: async (req) => {
      const { limit, offset, from, to, ...rest } = req.query;
      const res = await deps.audit.search(deps.db, req.principal!, { ...rest, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined }, { limit, offset });
      return { items: res.items.map(present), total: res.total };
    },
  });

  r.get('/api/audit/export.csv', {
    config: { access: { permission: 'audit.read', scope: 'org_subtree' } },
    schema: { tags, summary: 'The same search as CSV (at most 50,000 rows), for inspections', querystring: auditQuery },
    handler: async (req, reply) => {
      const { from, to, limit: _l, offset: _o, ...rest } = req.query;
      const filter = { ...rest, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
      const res = await deps.audit.search(deps.db, req.principal!, filter, { limit: 50_000, offset: 0 });
      await deps.audit.record(deps.db, actorContext(req), { action: 'audit.export', details: { filter: req.query, rows: res.items.length } });
      const header = ['id', 'at', 'actor', 'action', 'outcome', 'entity_type', 'entity_id', 'person_id', 'purpose', 'ip', 'details'];
      const lines = res.items.map((x) => [x.id, x.at.toISOString(), x.actorName, x.action, x.outcome, x.entityType, x.entityId, x.personId, x.purpose, x.ip, x.details].map(csvCell).join(','));
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit.csv"');
      return '\uFEFF' + [header.join(','), ...lines].join('\r\n');
    },
  });
}
