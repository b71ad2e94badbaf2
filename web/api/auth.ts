import type { z } from 'zod';
import type { Me, SessionStage, mfaSetupResponse, sessionList, stageResponse } from '../../core/contracts/auth';
import type { okBody } from '../../core/contracts/common';
import { api, setCsrfToken } from './client';
import { setDeploymentCalendar } from '../components/dates';

export type { Me, SessionStage };
export type StageResponse = z.infer<typeof stageResponse>;
export type MfaSetup = z.infer<typeof mfaSetupResponse>;
export type SessionView = z.infer<typeof sessionList>['items'][number];
type Ok = z.infer<typeof okBody>;

/** Every sign-in step answers with the next stage and the CSRF token for the following requests. */
const staged = async (p: Promise<StageResponse>) => {
  const r = await p;
  setCsrfToken(r.csrfToken);
  return r;
};

/** GET /api/health: public; tells the sign-in page whether this is a demo city. */
export interface Health {
  status: 'ok';
  db: 'pglite' | 'postgres';
  demo: boolean;
}

export const authApi = {
  health: () => api.get<Health>('/health'),
  me: async () => {
    const me = await api.get<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    setDeploymentCalendar(me.calendar);
    return me;
  },
  login: (username: string, password: string) => staged(api.post<StageResponse>('/auth/login', { username, password })),
  mfa: (code: string) => staged(api.post<StageResponse>('/auth/mfa', { code })),
  changePassword: (currentPassword: string, newPassword: string) => staged(api.post<StageResponse>('/auth/password', { currentPassword, newPassword })),
  /** Enrolment at sign-in takes no proof; replacing from a signed-in session takes the current code or the password. */
  mfaSetup: (proof?: { code?: string; password?: string }) => api.post<MfaSetup>('/auth/mfa/setup', proof ?? {}),
  mfaConfirm: (code: string) => staged(api.post<StageResponse>('/auth/mfa/confirm', { code })),
  logout: async () => {
    const r = await api.post<Ok>('/auth/logout');
    setCsrfToken(null);
    return r;
  },
  sessions: () => api.get<z.infer<typeof sessionList>>('/auth/sessions'),
  revokeSession: (id: string) => api.delete<Ok>(`/auth/sessions/${id}`),
};
