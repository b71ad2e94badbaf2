import type { z } from 'zod';
import type { AlertView, alertDetailView, alertList, alertOutcome, personRiskView } from '../../core/contracts/warnings';
import { api } from './client';

export type { AlertView };
export type AlertDetail = z.infer<typeof alertDetailView>;
export type PersonRisk = z.infer<typeof personRiskView>;
export type AlertListQuery = {
  scope?: 'mine' | 'unit';
  state?: 'open' | 'overdue' | 'closed' | 'withdrawn' | 'all';
  severity?: 'high' | 'medium' | 'low';
  personId?: string;
  limit?: number;
  offset?: number;
};
export type AlertOutcome = z.infer<typeof alertOutcome>;

export const warningKeys = {
  // Under the person's key, so a record written about him refreshes his class too.
  risk: (personId: string) => ['persons', personId, 'risk'] as const,
  alerts: ['alerts'] as const,
  alertList: (q: object) => ['alerts', 'list', q] as const,
};

export const warningsApi = {
  risk: (personId: string) => api.get<PersonRisk>(`/persons/${personId}/risk`),
  override: (personId: string, body: { riskClass: string; reason: string; expiresOn: string }) => api.post<PersonRisk>(`/persons/${personId}/risk/override`, body),
  alerts: (q: AlertListQuery) => api.get<z.infer<typeof alertList>>('/alerts', q),
  alert: (id: string) => api.get<AlertDetail>(`/alerts/${id}`),
  acknowledge: (id: string) => api.post<AlertDetail>(`/alerts/${id}/acknowledge`),
  act: (id: string, recordId: string) => api.post<AlertDetail>(`/alerts/${id}/act`, { recordId }),
  comment: (id: string, comment: string) => api.post<AlertDetail>(`/alerts/${id}/comment`, { comment }),
  close: (id: string, outcome: AlertOutcome, comment?: string) => api.post<AlertDetail>(`/alerts/${id}/close`, { outcome, ...(comment ? { comment } : {}) }),
};
