import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { startTestApp, type TestApp } from '../test/harness';
import { installAuth } from './auth-hook';
import { catalog } from '../messages';
import type { AuthService } from '../modules/auth/service';

describe('route declarations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
  });
  afterAll(() => t.close());

  it('every registered route declares its permission and scope', () => {
    expect(t.routes.length).toBeGreaterThan(25);
    const undeclared = t.routes.filter((r) => !r.access?.permission || !r.access?.scope);
    expect(undeclared).toEqual([]);
    // Only sign-in, health, the API description, the web app's files and the public survey and tip endpoints of issue 16 are public.
    const publicUrls = [...new Set(t.routes.filter((r) => r.access.permission === 'public').map((r) => r.url))].sort();
    expect(publicUrls.filter((u) => !u.startsWith('/api/docs'))).toEqual([
      '/*',
      '/api/auth/login',
      '/api/health',
      '/api/openapi.json',
      '/api/public/surveys/:token',
      '/api/public/surveys/:token/answers',
      '/api/public/tip-units',
      '/api/public/tips',
      '/api/public/tips/status',
    ]);
    // Routes about org records are scoped to the caller's subtrees.
    for (const r of t.routes.filter((x) => x.url.startsWith('/api/org-units') || x.url.startsWith('/api/users'))) {
      expect([r.url, r.access.scope]).toEqual([r.url, 'org_subtree']);
    }
  });

  it('a route registered without a declaration stops the server from starting', async () => {
    const app = Fastify();
    installAuth(app, {} as AuthService, { pluginPublicPrefixes: [] });
    expect(() => app.get('/api/undeclared', async () => 'x')).toThrow(/does not declare its access/);
  });

  it('a route declaring an unknown permission stops the server from starting', async () => {
    const app = Fastify();
    installAuth(app, {} as AuthService, { pluginPublicPrefixes: [] });
    expect(() => app.get('/api/typo', { config: { access: { permission: 'person.raed' as never, scope: 'none' } } }, async () => 'x')).toThrow(/unknown permission/);
  });

  it('an unknown API route gets a JSON 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route.not_found');
  });

  it('malformed JSON is a 400 with a code, never a stack trace', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: '{"username": ', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation.body_malformed');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('a missing field and a wrong type are reported per field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 42 } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields;
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'body.username', code: 'validation.invalid_type' }),
        expect.objectContaining({ path: 'body.password', code: 'validation.required' }),
      ]),
    );
  });

  it('serves the OpenAPI document and the API browser', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const spec = doc.json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/org-units', '/api/users', '/api/audit']));
    expect(spec.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties.username).toBeDefined();
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('health answers with the database kind and migration', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toMatchObject({ status: 'ok', db: 'pglite', migration: { id: expect.any(Number) }, demo: false });
  });
});

describe('error messages', () => {
  it('every error code thrown in the server has a zh-CN and en-US message', () => {
    const root = path.resolve(__dirname, '..');
    const codes = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
          const src = fs.readFileSync(full, 'utf8');
          for (const m of src.matchAll(/(?:fieldError|fieldErr|badRequest|conflict|forbidden|unauthorized|new AppError)\((?:'[^']*', )?'([a-z_]+\.[a-z_.]+)'/g)) codes.add(m[1]!);
          for (const m of src.matchAll(/notFound\('([a-z_]+)'\)/g)) codes.add(`${m[1]}.not_found`);
          for (const m of src.matchAll(/code: '(password\.[a-z_]+)'/g)) codes.add(m[1]!);
        }
      }
    };
    walk(root);
    expect(codes.size).toBeGreaterThan(20);
    const missing = [...codes].filter((c) => !catalog[c]);
    expect(missing).toEqual([]);
  });
});
