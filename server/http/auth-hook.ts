import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, forbidden, unauthorized } from '../errors';
import type { AuthService } from '../modules/auth/service';
import { hasPermission, type Access, type Principal, type RequestContext } from './context';
import { isPermission } from '../../core/contracts/permissions';

export const SESSION_COOKIE = 'sf_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const equalTokens = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Authentication, CSRF and permission, enforced for every route from its declared access.
 * A route registered without a declaration makes the server refuse to start.
 */
export interface DeclaredRoute {
  method: string;
  url: string;
  access: Access;
}

export function installAuth(app: FastifyInstance, auth: AuthService, opts: { pluginPublicPrefixes: string[] }): DeclaredRoute[] {
  const declared: DeclaredRoute[] = [];
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    const record = (a: Access) => declared.push({ method: String(route.method), url: route.url, access: a });
    if (access) {
      record(access);
      if (!['public', 'sign_in_step', 'signed_in'].includes(access.permission) && !isPermission(access.permission)) {
        throw new Error(`Route ${route.method} ${route.url} declares unknown permission ${access.permission}`);
      }
      return;
    }
    // Routes that plugins add (API docs, static files) are public by this explicit list, nothing else.
    if (opts.pluginPublicPrefixes.some((p) => route.url.startsWith(p))) {
      route.config = { ...(route.config ?? {}), access: { permission: 'public', scope: 'none' } };
      record(route.config.access!);
      return;
    }
    throw new Error(`Route ${route.method} ${route.url} does not declare its access (permission and scope)`);
  });

  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access || access.permission === 'public') return;
    const token = req.cookies?.[SESSION_COOKIE];
    const principal = token ? await auth.principal(token) : null;
    if (!principal) throw unauthorized();
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !equalTokens(sent, principal.csrfToken)) throw forbidden('auth.csrf');
    }
    req.principal = principal;
    if (access.permission === 'sign_in_step') return;
    if (principal.stage !== 'active') throw new AppError('auth.stage', 403);
    if (access.permission === 'signed_in') return;
    if (!hasPermission(principal, access.permission)) throw forbidden();
  });
  return declared;
}

export function requestContext(req: FastifyRequest): RequestContext {
  return { actor: req.principal, ip: req.ip ?? null, userAgent: (req.headers['user-agent'] ?? '').slice(0, 300) || null };
}

/** The context of a route that requires a session: the actor is always there. */
export function actorContext(req: FastifyRequest): RequestContext & { actor: Principal } {
  if (!req.principal) throw unauthorized();
  return { ...requestContext(req), actor: req.principal };
}
