import type { z } from 'zod';
import type { OrgLevel, OrgUnit, createOrgUnit, updateOrgUnit } from '../../core/contracts/org';
import type { okBody } from '../../core/contracts/common';
import { api } from './client';

export type { OrgLevel, OrgUnit };
export type CreateOrgUnit = z.input<typeof createOrgUnit>;
export type UpdateOrgUnit = z.input<typeof updateOrgUnit>;

export const orgApi = {
  list: () => api.get<{ items: OrgUnit[] }>('/org-units'),
  create: (body: CreateOrgUnit) => api.post<OrgUnit>('/org-units', body),
  update: (id: string, body: UpdateOrgUnit) => api.patch<OrgUnit>(`/org-units/${id}`, body),
  move: (id: string, parentId: string) => api.post<OrgUnit>(`/org-units/${id}/move`, { parentId }),
  remove: (id: string) => api.delete<z.infer<typeof okBody>>(`/org-units/${id}`),
};
