import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginBody, stageResponse, codeBody, passwordChangeBody, mfaSetupBody, mfaSetupResponse, meResponse, sessionList } from '../../../core/contracts/auth';
import { idParams, okBody } from '../../../core/contracts/common';
import { actorContext, requestContext, SESSION_COOKIE } from '../../http/auth-hook';
import type { AuthService } from './service';
import type { SessionService, SessionRow } from '../sessions/service';
import type { UserService } from '../users/service';

interface Deps {
  auth: AuthService;
  sessions: SessionService;
  users: UserService;
  secureCookies: boolean;
  loginRatePerMinute: number;
  passwordPolicy: { minLength: number; minClasses: number };
  demo: boolean;
  /** Today in the deployment's time zone, the zone, and the server's time. */
  calendar: () => { today: string; timeZone: string; now: string };
}

export function authRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: deps.secureCookies };
  // The sign-in steps that take a secret (password, code) share the per-address limit.
  const signInLimit = { max: deps.loginRatePerMinute, timeWindow: '1 minute' };

  r.post('/api/auth/login', {
    config: { access: { permission: 'public', scope: 'none' }, rateLimit: signInLimit },
    schema: { tags: ['auth'], summary: 'Sign in with username and password', body: loginBody, response: { 200: stageResponse } },
    handler: async (req, reply) => {
      const result = await deps.auth.login(requestContext(req), req.body.username, req.body.password);
      reply.setCookie(SESSION_COOKIE, result.token, cookieOptions);
      return { stage: result.stage, csrfToken: result.csrfToken };
    },
  });

  r.post('/api/auth/mfa', {
    config: { access: { permission: 'sign_in_step', scope: 'self' }, rateLimit: signInLimit },
    schema: { tags: ['auth'], summary: 'Second factor: the one-time code (the session gets a new cookie)', body: codeBody, response: { 200: stageResponse } },
    handler: async (req, reply) => {
      const r = await deps.auth.verifyMfa(actorContext(req), req.body.code);
      reply.setCookie(SESSION_COOKIE, r.token, cookieOptions);
      return { stage: r.stage, csrfToken: r.csrfToken };
    },
  });

  r.post('/api/auth/mfa/setup', {
    config: { access: { permission: 'sign_in_step', scope: 'self' }, rateLimit: signInLimit },
    schema: {
      tags: ['auth'],
      body: mfaSetupBody,
      response: { 200: mfaSetupResponse },
      summary: 'Start two-factor enrolment; from a signed-in session (replacing the authenticator) with the current code or the password',
    },
    handler: (req) => deps.auth.startMfaSetup(actorContext(req), req.body ?? {}),
  });

  r.post('/api/auth/mfa/confirm', {
    config: { access: { permission: 'sign_in_step', scope: 'self' }, rateLimit: signInLimit },
    schema: { tags: ['auth'], summary: 'Confirm two-factor enrolment with a code (the session gets a new cookie)', body: codeBody, response: { 200: stageResponse } },
    handler: async (req, reply) => {
      const r = await deps.auth.confirmMfaSetup(actorContext(req), req.body.code);
      reply.setCookie(SESSION_COOKIE, r.token, cookieOptions);
      return { stage: r.stage, csrfToken: r.csrfToken };
    },
  });

  r.post('/api/auth/password', {
    config: { access: { permission: 'sign_in_step', scope: 'self' }, rateLimit: signInLimit },
    schema: { tags: ['auth'], summary: 'Change my password (also the forced change at first sign-in)', body: passwordChangeBody, response: { 200: stageResponse } },
    handler: async (req) => {
      const stage = await deps.auth.changePassword(actorContext(req), req.body.currentPassword, req.body.newPassword);
      return { stage, csrfToken: req.principal!.csrfToken };
    },
  });

  r.post('/api/auth/logout', {
    config: { access: { permission: 'sign_in_step', scope: 'self' } },
    schema: { tags: ['auth'], summary: 'Sign out', response: { 200: okBody } },
    handler: async (req, reply) => {
      await deps.auth.logout(actorContext(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  r.get('/api/auth/me', {
    config: { access: { permission: 'sign_in_step', scope: 'self' } },
    schema: { tags: ['auth'], summary: 'Who I am, my sign-in step and my grants', response: { 200: meResponse } },
    handler: async (req) => {
      const p = req.principal!;
      return {
        user: { id: p.userId, username: p.username, displayName: p.displayName, orgUnitId: p.orgUnitId },
        stage: p.stage,
        csrfToken: p.csrfToken,
        grants:
          p.stage === 'active'
            ? p.grants.map((g) => ({
                orgUnitId: g.orgUnitId,
                orgPath: g.orgPath,
                orgName: g.orgName,
                roleCode: g.roleCode,
                roleNameZh: g.roleNameZh,
                roleNameEn: g.roleNameEn,
                permissions: g.permissions,
              }))
            : [],
        permissions: p.stage === 'active' ? [...new Set(p.grants.flatMap((g) => g.permissions))].sort() : [],
        passwordPolicy: deps.passwordPolicy,
        demo: deps.demo,
        calendar: deps.calendar(),
      };
    },
  });

  const present = (s: SessionRow, currentId: string) => ({
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
    current: s.id === currentId,
  });

  r.get('/api/auth/sessions', {
    config: { access: { permission: 'signed_in', scope: 'self' } },
    schema: { tags: ['auth'], summary: 'My sessions', response: { 200: sessionList } },
    handler: async (req) => {
      const p = req.principal!;
      return { items: (await deps.sessions.listForUser(p.userId)).map((s) => present(s, p.sessionId)) };
    },
  });

  r.delete('/api/auth/sessions/:id', {
    config: { access: { permission: 'signed_in', scope: 'self' } },
    schema: { tags: ['auth'], summary: 'End one of my sessions', params: idParams, response: { 200: okBody } },
    handler: async (req) => {
      await deps.auth.revokeSession(actorContext(req), req.principal!.userId, req.params.id);
      return { ok: true as const };
    },
  });

  r.get('/api/users/:id/sessions', {
    config: { access: { permission: 'session.manage', scope: 'org_subtree' } },
    schema: { tags: ['users'], summary: "A user's sessions (security administrator)", params: idParams, response: { 200: sessionList } },
    handler: async (req) => {
      await deps.users.get(req.principal!, req.params.id);
      return { items: (await deps.sessions.listForUser(req.params.id)).map((s) => present(s, req.principal!.sessionId)) };
    },
  });

  r.delete('/api/users/:id/sessions/:sessionId', {
    config: { access: { permission: 'session.manage', scope: 'org_subtree' } },
    schema: { tags: ['users'], summary: "End a user's session (security administrator)", params: z.object({ id: z.uuid(), sessionId: z.uuid() }), response: { 200: okBody } },
    handler: async (req) => {
      await deps.users.get(req.principal!, req.params.id);
      await deps.auth.revokeSession(actorContext(req), req.params.id, req.params.sessionId);
      return { ok: true as const };
    },
  });
}
