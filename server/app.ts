import path from 'node:path';
import fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Clock } from './clock';
import type { Database } from './db/client';
import type { DataCipher } from './lib/data-key';
import { installErrorHandling } from './http/errors';
import { installAuth, type DeclaredRoute } from './http/auth-hook';
import { createAuditService } from './modules/audit/service';
import { createOrgService } from './modules/org/service';
import { createSessionService } from './modules/sessions/service';
import { createUserService } from './modules/users/service';
import { createAuthService } from './modules/auth/service';
import { authRoutes } from './modules/auth/routes';
import { orgRoutes } from './modules/org/routes';
import { userRoutes } from './modules/users/routes';
import { auditRoutes } from './modules/audit/routes';
import { healthRoutes } from './modules/health/routes';
import { createScheduler, type Job } from './jobs/scheduler';
import { createDictionaryService } from './modules/dictionaries/service';
import { dictionaryRoutes } from './modules/dictionaries/routes';
import { createPersonService } from './modules/persons/service';
import { personRoutes } from './modules/persons/routes';
import { createMeasureService } from './modules/measures/service';
import { measureRoutes } from './modules/measures/routes';
import { defaultPolicy } from './rules/policy';

export interface AppDeps {
  database: Database;
  config: Config;
  clock: Clock;
  cipher: DataCipher;
  demo?: boolean;
  logger?: boolean;
}

/** The composition root: services wired to each other, routes wired to services. */
export function createServices(deps: AppDeps) {
  const db = deps.database.db;
  const policy = deps.config.security;
  const audit = createAuditService({ clock: deps.clock });
  const org = createOrgService({ db, audit });
  const sessions = createSessionService({ db, clock: deps.clock, policy });
  const users = createUserService({ db, clock: deps.clock, policy, audit, org, sessions });
  users.registerOrgUsage();
  const auth = createAuthService({ db, clock: deps.clock, policy, cipher: deps.cipher, audit, users, sessions });
  const dictionaries = createDictionaryService({ db, audit, now: () => deps.clock.now().getTime() });
  const persons = createPersonService({ db, clock: deps.clock, cipher: deps.cipher, audit, org, dictionaries, users });
  persons.registerOrgUsage();
  const measures = createMeasureService({ db, clock: deps.clock, audit, persons, policy: () => defaultPolicy });
  const jobs: Job[] = [{ name: 'sessions.purge', lockKey: 7_263_100, everyMs: 3_600_000, run: () => sessions.purge() }];
  return { db, clock: deps.clock, audit, org, sessions, users, auth, dictionaries, persons, measures, scheduler: createScheduler(db, jobs, console) };
}
export type Services = ReturnType<typeof createServices>;

export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; services: Services; routes: DeclaredRoute[] }> {
  const services = createServices(deps);
  const app = Fastify({
    logger: deps.logger === false ? false : { level: deps.config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, { global: false });

  const routes = installAuth(app, services.auth, { pluginPublicPrefixes: ['/api/docs'] });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Sunflower API', version: '0.1.0', description: 'Community drug-rehabilitation work platform (向日葵)' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sf_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { config: { access: { permission: 'public', scope: 'none' } }, schema: { hide: true } }, () => app.swagger());
  healthRoutes(app, deps.database);
  authRoutes(app, {
    auth: services.auth, sessions: services.sessions, users: services.users,
    secureCookies: deps.config.secureCookies, loginRatePerMinute: deps.config.security.loginRatePerMinute, demo: !!deps.demo,
    passwordPolicy: { minLength: deps.config.security.passwordMinLength, minClasses: deps.config.security.passwordMinClasses },
  });
  orgRoutes(app, services.org);
  userRoutes(app, services.users);
  auditRoutes(app, { db: services.db, audit: services.audit });
  dictionaryRoutes(app, services.dictionaries);
  personRoutes(app, services.persons);
  measureRoutes(app, services.measures);
  serveWebApp(app, deps.config.webDir);

  return { app, services, routes };
}

/** The built web app: files by name, and index.html for every other non-API path (client routing). */
function serveWebApp(app: FastifyInstance, webDir: string): void {
  const root = path.resolve(webDir);
  void app.register(fastifyStatic, { root, serve: false });
  app.get('/*', { config: { access: { permission: 'public', scope: 'none' } }, schema: { hide: true } }, (req, reply) => {
    const url = (req.params as { '*': string })['*'] ?? '';
    if (url.startsWith('api/') || url === 'api') return reply.callNotFound();
    const file = path.normalize(url).replace(/^(\.\.(\/|\\|$))+/, '');
    const full = path.join(root, file);
    if (file && full.startsWith(root) && fs.existsSync(full) && fs.statSync(full).isFile()) {
      const immutable = file.startsWith('assets/');
      return reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').sendFile(file);
    }
    if (!fs.existsSync(path.join(root, 'index.html'))) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The web app is not built yet: run `npm run build` (npm start does it for you).');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
