import type { z } from 'zod';
import type { handoverList, HandoverView, recordListShape, streetList, transferList, TransferView } from './transfer-types';
import { api } from './client';

export type { HandoverView, TransferView };

export const transferKeys = {
  list: (box: string) => ['transfers', box] as const,
  streets: ['transfer-streets'] as const,
  handovers: (state?: string) => ['handovers', state ?? 'all'] as const,
  records: (id: string) => ['transfers', id, 'records'] as const,
};

export const transfersApi = {
  list: (box: 'in' | 'out' | 'all') => api.get<z.infer<typeof transferList>>('/transfers', { box, limit: 200 }),
  streets: () => api.get<z.infer<typeof streetList>>('/transfers/streets'),
  offer: (body: { personId: string; toOrgUnitId: string; reason: string }) => api.post<TransferView>('/transfers', body),
  request: (body: { idType: string; idNumber: string; toOrgUnitId: string; reason: string }) => api.post<TransferView>('/transfers/requests', body),
  accept: (id: string) => api.post<TransferView>(`/transfers/${id}/accept`),
  decline: (id: string, reason: string) => api.post<TransferView>(`/transfers/${id}/decline`, { reason }),
  report: (id: string, date: string) => api.post<TransferView>(`/transfers/${id}/report`, { date }),
  forwarded: (id: string, date: string) => api.post<TransferView>(`/transfers/${id}/forwarded`, { date }),
  records: (id: string) => api.get<z.infer<typeof recordListShape>>(`/transfers/${id}/records`, { limit: 500 }),
  handovers: (state?: string) => api.get<z.infer<typeof handoverList>>('/handovers', { state, limit: 200 }),
  reportHandover: (id: string, date: string) => api.post<HandoverView>(`/handovers/${id}/report`, { date }),
};
