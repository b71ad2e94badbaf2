import type { z } from 'zod';
import type { auditGroupList, auditList, auditQuery } from '../../core/contracts/audit';
import { api, toQueryString } from './client';

export type AuditQuery = Partial<z.infer<typeof auditQuery>>;
export type AuditList = z.infer<typeof auditList>;
export type AuditRow = AuditList['items'][number];
export type AuditGroupList = z.infer<typeof auditGroupList>;
export type AuditGroup = AuditGroupList['items'][number];
export type AuditGroupBy = 'actor' | 'person';

export const auditApi = {
  search: (q: AuditQuery) => api.get<AuditList>('/audit', q),
  groups: (q: AuditQuery & { by: AuditGroupBy }) => api.get<AuditGroupList>('/audit/groups', q),
  /** The CSV export is a plain download link: the session cookie goes with it. */
  exportUrl: (q: Omit<AuditQuery, 'limit' | 'offset'>) => `/api/audit/export.csv${toQueryString(q)}`,
  /** The signed batch heads, for the auditor to keep and verify the trail against later. */
  headsUrl: '/api/audit/heads.jsonl',
};

/** 张*明 · 1234: the least that tells whose file it was. */
export const personLabel = (p: { name: string; idLast4: string } | null) => (p ? `${p.name} · ${p.idLast4}` : null);
