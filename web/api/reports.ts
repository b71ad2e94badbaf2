import type { z } from 'zod';
import type { bulletinBody, reportList, reportView } from '../../core/contracts/reports';
import { api } from './client';

export type ReportView = z.infer<typeof reportView>;
export type ReportList = z.infer<typeof reportList>;

export const reportKeys = {
  all: ['reports'] as const,
  list: (orgUnitId: string | undefined) => ['reports', 'list', orgUnitId ?? null] as const,
};

export const reportApi = {
  list: (orgUnitId?: string) => api.get<ReportList>('/reports', { orgUnitId }),
  get: (id: string) => api.get<ReportView>(`/reports/${id}`),
  generateBulletin: (body: z.input<typeof bulletinBody>) => api.post<ReportView>('/reports/monthly-bulletin', body),
  /** The .docx is a plain download link: the session cookie goes with it. */
  fileUrl: (id: string) => `/api/reports/${id}/file`,
};
