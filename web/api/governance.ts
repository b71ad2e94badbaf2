import type { z } from 'zod';
import type { definitionList, drillView, indicatorPage, overviewView, targetsBody, targetsView, planBody } from '../../core/contracts/governance';
import type { IndicatorCode } from '../../core/rules/indicators';
import { api } from './client';

export type OverviewView = z.infer<typeof overviewView>;
export type IndicatorPageView = z.infer<typeof indicatorPage>;
export type DrillView = z.infer<typeof drillView>;
export type TargetsView = z.infer<typeof targetsView>;
export type DefinitionList = z.infer<typeof definitionList>;

export interface GovPeriod {
  orgUnitId?: string;
  from: string;
  to: string;
}

export const governanceKeys = {
  all: ['governance'] as const,
  overview: (q: GovPeriod) => ['governance', 'overview', q] as const,
  indicator: (code: string, q: GovPeriod) => ['governance', 'indicator', code, q] as const,
  drill: (code: string, q: object) => ['governance', 'drill', code, q] as const,
  targets: (orgUnitId: string | undefined, year: number) => ['governance', 'targets', orgUnitId ?? null, year] as const,
};

export const governanceApi = {
  overview: (q: GovPeriod) => api.get<OverviewView>('/governance/overview', { ...q }),
  indicator: (code: IndicatorCode, q: GovPeriod) => api.get<IndicatorPageView>('/governance/indicator', { ...q, code }),
  drill: (code: IndicatorCode, q: GovPeriod & { side: 'numerator' | 'denominator'; limit: number; offset: number }) => api.get<DrillView>('/governance/drill', { ...q, code }),
  targets: (orgUnitId: string | undefined, year: number) => api.get<TargetsView>('/governance/targets', { orgUnitId, year }),
  setTargets: (body: z.input<typeof targetsBody>) => api.put<TargetsView>('/governance/targets', body),
  setPlan: (body: z.input<typeof planBody>) => api.put<TargetsView>('/governance/plan', body),
};
