import type { z } from 'zod';
import type {
  actionItemList,
  actionItemView,
  budgetPlanInput,
  budgetView,
  dispatchView,
  expenseInput,
  expenseResult,
  meetingInput,
  meetingList,
  meetingView,
  policeFigureInput,
  policeFigureList,
  policeFigureView,
  riskInput,
  riskList,
  riskMatrix,
  riskView,
  stationList,
  stationView,
  unitDocumentView,
} from '../../core/contracts/governance-ops';
import { api, toQueryString } from './client';

export type MeetingView = z.infer<typeof meetingView>;
export type ActionItemView = z.infer<typeof actionItemView>;
export type RiskView = z.infer<typeof riskView>;
export type BudgetView = z.infer<typeof budgetView>;
export type StationView = z.infer<typeof stationView>;
export type PoliceFigureView = z.infer<typeof policeFigureView>;
export type DispatchView = z.infer<typeof dispatchView>;

const P = '/governance-ops';
export const govOpsKeys = {
  all: ['govops'] as const,
  meetings: (orgUnitId?: string) => ['govops', 'meetings', orgUnitId ?? null] as const,
  meeting: (id: string) => ['govops', 'meeting', id] as const,
  overdue: (orgUnitId?: string) => ['govops', 'overdue', orgUnitId ?? null] as const,
  risks: (orgUnitId?: string) => ['govops', 'risks', orgUnitId ?? null] as const,
  budget: (orgUnitId: string, year: number) => ['govops', 'budget', orgUnitId, year] as const,
  stations: (orgUnitId?: string) => ['govops', 'stations', orgUnitId ?? null] as const,
  figures: (q: object) => ['govops', 'figures', q] as const,
  dispatch: (q: object) => ['govops', 'dispatch', q] as const,
};

export const govOpsApi = {
  meetings: (orgUnitId?: string) => api.get<z.infer<typeof meetingList>>(`${P}/meetings`, { orgUnitId }),
  meeting: (id: string) => api.get<MeetingView>(`${P}/meetings/${id}`),
  createMeeting: (body: z.input<typeof meetingInput>) => api.post<MeetingView>(`${P}/meetings`, body),
  updateItem: (id: string, status: string) => api.patch<ActionItemView>(`${P}/action-items/${id}`, { status }),
  overdue: (orgUnitId?: string) => api.get<z.infer<typeof actionItemList>>(`${P}/action-items/overdue`, { orgUnitId }),
  minutesUrl: (id: string) => `/api${P}/meetings/${id}/minutes.docx`,
  risks: (orgUnitId?: string) => api.get<z.infer<typeof riskList>>(`${P}/risks`, { orgUnitId }),
  matrix: (orgUnitId?: string) => api.get<z.infer<typeof riskMatrix>>(`${P}/risks/matrix`, { orgUnitId }),
  createRisk: (body: z.input<typeof riskInput>) => api.post<RiskView>(`${P}/risks`, body),
  reviewRisk: (id: string, body: { likelihood: number; impact: number; nextReviewOn: string }) => api.post<RiskView>(`${P}/risks/${id}/review`, body),
  budget: (orgUnitId: string, year: number) => api.get<BudgetView>(`${P}/budgets`, { orgUnitId, year }),
  setPlan: (body: z.input<typeof budgetPlanInput>) => api.put<BudgetView>(`${P}/budgets`, body),
  addExpense: (orgUnitId: string, year: number, body: z.input<typeof expenseInput>) =>
    api.post<z.infer<typeof expenseResult>>(`${P}/budgets/expenses${toQueryString({ orgUnitId, year })}`, body),
  upload: (orgUnitId: string, purpose: 'receipt' | 'station_evidence', file: File) => {
    const form = new FormData();
    form.append('meta', JSON.stringify({ purpose }));
    form.append('file', file);
    return api.postForm<z.infer<typeof unitDocumentView>>(`${P}/units/${orgUnitId}/files`, form);
  },
  documentUrl: (id: string) => `/api${P}/files/${id}`,
  stations: (orgUnitId?: string) => api.get<z.infer<typeof stationList>>(`${P}/stations`, { orgUnitId }),
  setStationItem: (orgUnitId: string, item: string, body: { done: boolean; note?: string; evidenceDocumentId?: string | null }) =>
    api.put<StationView>(`${P}/stations/${orgUnitId}/items/${item}`, body),
  figures: (q: { orgUnitId?: string; year?: number }, entered: boolean) => api.get<z.infer<typeof policeFigureList>>(`${P}/police-figures${entered ? '/entered' : ''}`, { ...q }),
  createFigure: (body: z.input<typeof policeFigureInput>) => api.post<PoliceFigureView>(`${P}/police-figures`, body),
  submitFigure: (id: string) => api.post<PoliceFigureView>(`${P}/police-figures/${id}/submit`),
  approveFigure: (id: string) => api.post<PoliceFigureView>(`${P}/police-figures/${id}/approve`),
  returnFigure: (id: string, reason: string) => api.post<PoliceFigureView>(`${P}/police-figures/${id}/return`, { reason }),
  dispatch: (q: { orgUnitId?: string; weekOf?: string }) => api.get<DispatchView>(`${P}/dispatch`, { ...q }),
  dispatchXlsxUrl: (q: { orgUnitId?: string; weekOf?: string }) => `/api${P}/dispatch.xlsx${toQueryString(q)}`,
};
