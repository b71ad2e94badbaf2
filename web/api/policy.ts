import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { effectivePolicyView } from '../../core/contracts/policy';
import { api } from './client';

export type EffectivePolicy = z.infer<typeof effectivePolicyView>;

export const policyApi = {
  effective: (orgUnitId?: string) => api.get<EffectivePolicy>('/policy', { orgUnitId }),
};

/** The policy in force for a unit (org.read); cached, policies change rarely. */
export const useEffectivePolicy = (orgUnitId: string | undefined, enabled = true) =>
  useQuery({ queryKey: ['policy', orgUnitId ?? null], queryFn: () => policyApi.effective(orgUnitId), enabled, staleTime: 10 * 60_000 });
