import type { z } from 'zod';
import type {
  AssessmentBody,
  AssistanceTab,
  InboxItem,
  PartnerBody,
  PartnerView,
  PlanBody,
  ReferralBody,
  ServiceBody,
  ServiceDetails,
  AssistanceTaskView,
  PlacementCheckBody,
  ReliefDecisionBody,
  PlanPrintView,
  indicatorView,
  openReferralList,
  referralView,
} from '../../core/contracts/assistance';
import type { PartnerKind } from '../../core/rules/assistance';
import { api } from './client';

export type {
  AssessmentBody,
  AssistanceTab,
  AssistanceTaskView,
  InboxItem,
  PlacementCheckBody,
  PlanPrintView,
  PartnerBody,
  PartnerView,
  PlanBody,
  ReferralBody,
  ServiceBody,
  ServiceDetails,
};
export type ReferralView = z.infer<typeof referralView>;

export const assistanceKeys = {
  // Under the person's key, so a change to the file refreshes the tab too.
  tab: (personId: string) => ['persons', personId, 'assistance'] as const,
  partners: (q: object) => ['partners', q] as const,
  inbox: ['partner-inbox'] as const,
  openReferrals: ['assistance-referrals'] as const,
  tasks: (q: object) => ['assistance-tasks', q] as const,
  planPrint: (personId: string, version?: number) => ['persons', personId, 'assistance', 'plan-print', version ?? 'latest'] as const,
};

export const assistanceApi = {
  tab: (personId: string) => api.get<AssistanceTab>(`/persons/${personId}/assistance`),
  assess: (personId: string, body: AssessmentBody) => api.post(`/persons/${personId}/assistance/assessments`, body),
  writePlan: (personId: string, body: PlanBody) => api.post<{ id: string; version: number }>(`/persons/${personId}/assistance/plans`, body),
  approvePlan: (planId: string) => api.post<{ id: string; version: number }>(`/assistance/plans/${planId}/approve`),
  refer: (personId: string, body: ReferralBody) => api.post<ReferralView>(`/persons/${personId}/assistance/referrals`, body),
  addService: (personId: string, body: ServiceBody) => api.post(`/persons/${personId}/assistance/services`, body),
  openReferrals: () => api.get<z.infer<typeof openReferralList>>('/assistance/referrals'),
  indicators: (q: { orgUnitId: string; from: string; to: string }) => api.get<z.infer<typeof indicatorView>>('/assistance/indicators', q),
  partners: (q: { q?: string; kind?: PartnerKind }) => api.get<{ items: PartnerView[] }>('/partners', q),
  createPartner: (body: PartnerBody) => api.post<PartnerView>('/partners', body),
  inbox: () => api.get<{ items: InboxItem[] }>('/partner/referrals'),
  accept: (id: string) => api.post(`/partner/referrals/${id}/accept`),
  decline: (id: string, reason: string) => api.post(`/partner/referrals/${id}/decline`, { reason }),
  complete: (id: string, body: Omit<ServiceBody, 'actionId'>) => api.post(`/partner/referrals/${id}/complete`, body),
  tasks: (q: { scope: 'mine' | 'unit'; orgUnitId?: string }) => api.get<{ date: string; items: AssistanceTaskView[]; truncated: boolean }>('/assistance/tasks', q),
  checkPlacement: (serviceId: string, body: PlacementCheckBody) => api.post(`/assistance/services/${serviceId}/checks`, body),
  decideRelief: (serviceId: string, body: ReliefDecisionBody) => api.post(`/assistance/services/${serviceId}/relief-decision`, body),
  planPrint: (personId: string, version?: number) => api.get<PlanPrintView>(`/persons/${personId}/assistance/plan-print`, version === undefined ? {} : { version }),
};
