import type { z } from 'zod';
import type { accessReport, delistingItem, delistingList, delistingNotice, delistingView, openingView, sealedLookup } from '../../core/contracts/sealing';
import { api } from './client';

export type DelistingItem = z.infer<typeof delistingItem>;
export type DelistingView = z.infer<typeof delistingView>;
export type DelistingNotice = z.infer<typeof delistingNotice>;
export type OpeningView = z.infer<typeof openingView>;
export type SealedLookup = z.infer<typeof sealedLookup>;
export type AccessReport = z.infer<typeof accessReport>;

export const sealingKeys = {
  delisting: (q: object) => ['delisting', q] as const,
  notice: (id: string) => ['delisting-notice', id] as const,
  accessReport: (personId: string) => ['persons', personId, 'access-report'] as const,
};

export const sealingApi = {
  delisting: (q: { state?: string; limit?: number; offset?: number }) => api.get<z.infer<typeof delistingList>>('/delisting', q),
  refresh: () => api.post<{ ran: boolean }>('/delisting/refresh'),
  review: (personId: string, note?: string) => api.post<DelistingView>(`/persons/${personId}/delisting`, note ? { note } : {}),
  decide: (id: string, body: { approve: boolean; date: string; note?: string }) => api.post<DelistingView>(`/delistings/${id}/decision`, body),
  notice: (id: string) => api.get<DelistingNotice>(`/delistings/${id}/notice`),
  lookup: (idNumber: string) => api.get<SealedLookup>('/sealed-files/lookup', { idNumber }),
  open: (personId: string, purpose: string) => api.post<OpeningView>(`/persons/${personId}/sealed-openings`, { purpose }),
  breakGlass: (idNumber: string, reason: string) => api.post<OpeningView>('/break-glass', { idNumber, reason }),
  accessReport: (personId: string) => api.get<AccessReport>(`/persons/${personId}/access-report`),
};
