import type { z } from 'zod';
import type { publicAnswerInput, publicSurvey } from '../../core/contracts/surveys';
import type { publicTipInput, publicTipReceipt, publicTipStatus, publicUnitList } from '../../core/contracts/tips';
import type { surveyInput, surveyList, surveyResults, surveyView } from '../../core/contracts/surveys';
import type { tipList, tipView } from '../../core/contracts/tips';
import { api } from './client';

// The public endpoints (no session: surveys, tips) and the staff side of surveys and tips (issue 16 items 4, 5).
export type PublicSurvey = z.infer<typeof publicSurvey>;
export type SurveyView = z.infer<typeof surveyView>;
export type SurveyResults = z.infer<typeof surveyResults>;
export type TipView = z.infer<typeof tipView>;

export const publicApi = {
  survey: (token: string) => api.get<PublicSurvey>(`/public/surveys/${encodeURIComponent(token)}`),
  answer: (token: string, body: z.input<typeof publicAnswerInput>) => api.post<{ ok: true }>(`/public/surveys/${encodeURIComponent(token)}/answers`, body),
  tipUnits: () => api.get<z.infer<typeof publicUnitList>>('/public/tip-units'),
  submitTip: (body: z.input<typeof publicTipInput>) => api.post<z.infer<typeof publicTipReceipt>>('/public/tips', body),
  tipStatus: (receiptCode: string) => api.post<z.infer<typeof publicTipStatus>>('/public/tips/status', { receiptCode }),
};

export const surveyKeys = {
  list: (orgUnitId?: string) => ['prevention', 'surveys', orgUnitId ?? null] as const,
  results: (id: string) => ['prevention', 'survey-results', id] as const,
  tips: (q: object) => ['tips', q] as const,
};

export const surveyApi = {
  list: (orgUnitId?: string) => api.get<z.infer<typeof surveyList>>('/prevention/surveys', { orgUnitId, limit: 50, offset: 0 }),
  create: (body: z.input<typeof surveyInput>) => api.post<SurveyView>('/prevention/surveys', body),
  addLink: (id: string, orgUnitId: string) => api.post<SurveyView>(`/prevention/surveys/${id}/links`, { orgUnitId }),
  results: (id: string) => api.get<SurveyResults>(`/prevention/surveys/${id}/results`),
  tips: (q: { status?: string; limit: number; offset: number }) => api.get<z.infer<typeof tipList>>('/tips', { ...q }),
  setTipStatus: (id: string, status: string) => api.patch<TipView>(`/tips/${id}/status`, { status }),
};
