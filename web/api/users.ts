import type { z } from 'zod';
import type {
  UserView,
  createGrantBody,
  createRoleBody,
  createUserBody,
  createUserResponse,
  grantList,
  oneTimePasswordResponse,
  roleList,
  roleView,
  updateRoleBody,
  updateUserBody,
  userList,
  userListQuery,
} from '../../core/contracts/users';
import type { sessionList } from '../../core/contracts/auth';
import type { okBody } from '../../core/contracts/common';
import { api } from './client';

export type { UserView };
export type UserList = z.infer<typeof userList>;
export type UserListQuery = Partial<z.infer<typeof userListQuery>>;
export type CreateUser = z.input<typeof createUserBody>;
export type UpdateUser = z.input<typeof updateUserBody>;
export type GrantView = z.infer<typeof grantList>['items'][number];
export type RoleView = z.infer<typeof roleView>;
export type CreateRole = z.input<typeof createRoleBody>;
export type UpdateRole = z.input<typeof updateRoleBody>;
type Ok = z.infer<typeof okBody>;
export type OneTime = z.infer<typeof oneTimePasswordResponse>;

export const usersApi = {
  list: (q: UserListQuery) => api.get<UserList>('/users', q),
  get: (id: string) => api.get<UserView>(`/users/${id}`),
  create: (body: CreateUser) => api.post<z.infer<typeof createUserResponse>>('/users', body),
  update: (id: string, body: UpdateUser) => api.patch<UserView>(`/users/${id}`, body),
  resetPassword: (id: string) => api.post<OneTime>(`/users/${id}/reset-password`),
  /** The second part of a two-part reset (security administrator, once). */
  resetSecondPart: (id: string) => api.post<OneTime>(`/users/${id}/reset-password/second-part`),
  unlock: (id: string) => api.post<Ok>(`/users/${id}/unlock`),
  resetMfa: (id: string) => api.post<Ok>(`/users/${id}/reset-mfa`),
  grants: (id: string) => api.get<z.infer<typeof grantList>>(`/users/${id}/grants`),
  addGrant: (id: string, body: z.input<typeof createGrantBody>) => api.post<{ id: string }>(`/users/${id}/grants`, body),
  removeGrant: (id: string, grantId: string) => api.delete<Ok>(`/users/${id}/grants/${grantId}`),
  sessions: (id: string) => api.get<z.infer<typeof sessionList>>(`/users/${id}/sessions`),
  revokeSession: (id: string, sessionId: string) => api.delete<Ok>(`/users/${id}/sessions/${sessionId}`),
};

export const rolesApi = {
  list: () => api.get<z.infer<typeof roleList>>('/roles'),
  create: (body: CreateRole) => api.post<RoleView>('/roles', body),
  update: (id: string, body: UpdateRole) => api.patch<RoleView>(`/roles/${id}`, body),
  remove: (id: string) => api.delete<Ok>(`/roles/${id}`),
};
