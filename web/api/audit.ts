import type { z } from 'zod';
import type { auditList, auditQuery } from '../../core/contracts/audit';
import { api, toQueryString } from './client';

export type AuditQuery = Partial<z.infer<typeof auditQuery>>;
export type AuditList = z.infer<typeof auditList>;
export type AuditRow = AuditList['items'][number];

export const auditApi = {
  search: (q: AuditQuery) => api.get<AuditList>('/audit', q),
  /** The CSV export is a plain download link: the session cookie goes with it. */
  exportUrl: (q: Omit<AuditQuery, 'limit' | 'offset'>) => `/api/audit/export.csv${toQueryString(q)}`,
};
