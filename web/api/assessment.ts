import type { z } from 'zod';
import type { quarterlyView, rulesBody, rulesView } from '../../core/contracts/assessment';
import { api, toQueryString } from './client';

export type QuarterlyView = z.infer<typeof quarterlyView>;
export type RulesView = z.infer<typeof rulesView>;

const P = '/assessment';

export const assessmentKeys = {
  all: ['assessment'] as const,
  quarterly: (orgUnitId: string | undefined, quarter: string) => ['assessment', 'quarterly', orgUnitId ?? null, quarter] as const,
  rules: (orgUnitId: string | undefined) => ['assessment', 'rules', orgUnitId ?? null] as const,
};

export const assessmentApi = {
  quarterly: (orgUnitId: string | undefined, quarter: string) => api.get<QuarterlyView>(`${P}/quarterly`, { orgUnitId, quarter }),
  /** The downloads are plain links: the session cookie goes with them; the server audits them. */
  fileUrl: (format: 'xlsx' | 'docx', orgUnitId: string | undefined, quarter: string) => `/api${P}/quarterly.${format}${toQueryString({ orgUnitId, quarter })}`,
  rules: (orgUnitId: string | undefined) => api.get<RulesView>(`${P}/rules`, { orgUnitId }),
  setRules: (body: z.input<typeof rulesBody>) => api.put<RulesView>(`${P}/rules`, body),
};
