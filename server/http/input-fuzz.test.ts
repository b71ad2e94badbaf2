// 9.11: bad input is a 400 with field messages, never a 500 — for every route. Walks the API
// description (every route with a query or a JSON body) and sends, one field at a time, the
// three classes of input that gave bare 500s: a NUL character in a string, an integer just
// beyond PostgreSQL's `integer` (2147483648, and its negative), and a multipart body cut off.
import crypto from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestApp, testDbKinds, adminClient, userWith, type TestApp, type Client } from '../test/harness';
import { isAdminPermission, allPermissions } from '../../core/contracts/permissions';

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
};
type Operation = {
  parameters?: {
    in: string;
    name: string;
    required?: boolean;
    schema: JsonSchema;
  }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};

const typeOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);
const variants = (s: JsonSchema) => s.anyOf ?? s.oneOf ?? s.allOf;

/** Strings the schemas' patterns accept (phones, codes, times), tried in turn. */
const PATTERN_SAMPLES = ['13800000000', 'abc_def', 'a', '10:00', 'ABCDEF123456', 'E12345678', '110101199003071233'];

/** A value the schema accepts, as far as a generic reading can tell (required fields only). */
function sample(s: JsonSchema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum.find((v) => v !== null);
  const v = variants(s);
  if (v) return sample(v.find((x) => typeOf(x) !== 'null') ?? v[0]!);
  switch (typeOf(s)) {
    case 'string':
      if (s.format === 'uuid') return crypto.randomUUID();
      if (s.format === 'date') return '2026-11-20';
      if (s.format === 'date-time') return '2026-11-20T08:00:00.000Z';
      if (s.pattern) return PATTERN_SAMPLES.find((p) => new RegExp(s.pattern!).test(p)) ?? 'aa';
      return 'ab'.repeat(Math.max(1, Math.ceil((s.minLength ?? 2) / 2)));
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return s.minItems && s.items ? Array.from({ length: s.minItems }, () => sample(s.items!)) : [];
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const k of s.required ?? []) if (s.properties?.[k]) o[k] = sample(s.properties[k]);
      return o;
    }
    default:
      return 'ab';
  }
}

type Leaf = { path: (string | number)[]; kind: 'string' | 'integer' };

/** Every string and integer field of a body schema (optional ones too; arrays through one element). */
function leaves(s: JsonSchema, path: (string | number)[] = [], out: Leaf[] = [], depth = 0): Leaf[] {
  if (depth > 6) return out;
  const v = variants(s);
  if (v) {
    for (const x of v) if (typeOf(x) !== 'null') leaves(x, path, out, depth + 1);
    return out;
  }
  const t = typeOf(s);
  if (t === 'string' && !s.enum) out.push({ path, kind: 'string' });
  else if (t === 'integer' || t === 'number') out.push({ path, kind: 'integer' });
  else if (t === 'array' && s.items) leaves(s.items, [...path, 0], out, depth + 1);
  else if (t === 'object') for (const [k, p] of Object.entries(s.properties ?? {})) leaves(p, [...path, k], out, depth + 1);
  return out;
}

/** The baseline body with one field replaced (parents and array elements filled in as needed). */
function withValue(base: unknown, schema: JsonSchema, path: (string | number)[], value: unknown): unknown {
  const root = structuredClone(base ?? {}) as Record<string | number, unknown>;
  let node = root;
  let s: JsonSchema | undefined = schema;
  path.forEach((key, i) => {
    const pick = (x: JsonSchema | undefined) => (x && variants(x) ? variants(x)!.find((y) => typeOf(y) !== 'null') : x);
    s = pick(s);
    const childSchema: JsonSchema | undefined = typeof key === 'number' ? s?.items : s?.properties?.[key];
    if (i === path.length - 1) node[key] = value;
    else {
      if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object')
        node[key] = typeof key === 'number' ? sample(childSchema ?? {}) : sample(childSchema ?? { type: 'object' });
      if (typeof path[i + 1] === 'number' && Array.isArray(node[key]) && (node[key] as unknown[]).length === 0)
        (node[key] as unknown[]).push(sample(pick(childSchema)?.items ?? {}));
      node = node[key] as Record<string | number, unknown>;
    }
    s = childSchema;
  });
  return root;
}

const NUL = 'a\u0000b';
const BEYOND_INT32 = [2_147_483_648, -2_147_483_649];

describe.each(testDbKinds())('every route refuses bad input with a 400, never a 500, on %s (9.11)', (kind) => {
  let t: TestApp;
  let admin: Client;
  let staff: Client;
  let ops: { method: string; url: string; op: Operation; client: Client }[];

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await adminClient(t);
    const root = (await admin.get('/api/org-units')).json().items[0].id as string;
    // One account with every person-side permission over the whole city (no administrator role may hold them).
    const staffRole = await admin.post('/api/roles', {
      code: 'fuzz_all_staff',
      nameZh: '全部业务权限',
      nameEn: 'All staff permissions',
      permissions: allPermissions.filter((p) => !isAdminPermission(p)),
    });
    expect(staffRole.statusCode, staffRole.body).toBe(201);
    staff = await userWith(t, admin, 'fuzz.staff', 'fuzz_all_staff', root);
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    ops = [];
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const declared = t.routes.find((r) => r.url.replace(/:(\w+)/g, '{$1}') === path && r.method.split(',').includes(method.toUpperCase()));
        if (!declared || (declared.access.permission === 'public' && path !== '/api/auth/login')) continue;
        const client = isAdminPermission(declared.access.permission) ? admin : staff;
        ops.push({
          method: method.toUpperCase(),
          // A path parameter with a code list (e.g. a 七有 item) takes its first code, any other a
          // random id: the body's fields are what is probed, not a path that cannot route.
          url: path.replace(/\{(\w+)\}/g, (_m, name: string) => {
            const param = (op.parameters ?? []).find((p) => p.in === 'path' && p.name === name);
            const first = param?.schema?.enum?.find((v) => v !== null);
            return first === undefined ? crypto.randomUUID() : String(first);
          }),
          op,
          client,
        });
      }
    }
  }, 120_000);
  afterAll(() => t.close());

  const send = (c: Client, method: string, url: string, body?: unknown) => c.req(method, url, body);

  it('P1: a NUL character or an integer beyond 32 bits in any query parameter is a 400 naming it', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { method, url, op, client } of ops) {
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      const base = Object.fromEntries(query.filter((p) => p.required).map((p) => [p.name, String(sample(p.schema))]));
      for (const p of query) {
        const bad = typeOf(p.schema) === 'integer' || typeOf(p.schema) === 'number' ? BEYOND_INT32.map(String) : [NUL];
        for (const value of bad) {
          const qs = new URLSearchParams({
            ...base,
            [p.name]: value,
          }).toString();
          const res = await send(
            client,
            method,
            `${url}?${qs}`,
            method === 'GET'
              ? undefined
              : sample(
                  op.requestBody?.content['application/json']?.schema ?? {
                    type: 'object',
                  },
                ),
          );
          checked++;
          const field = res.statusCode === 400 ? (res.json().error.fields ?? []).some((f: { path: string }) => f.path === `querystring.${p.name}`) : false;
          if (!field && ![401, 403].includes(res.statusCode)) failures.push(`${method} ${url} ?${p.name}=${JSON.stringify(value)} → ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  }, 180_000);

  it('P1: a NUL character in any string field or an integer beyond 32 bits in any number field of a JSON body is a 400 naming it', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { method, url, op, client } of ops) {
      const body = op.requestBody?.content['application/json']?.schema;
      if (!body) continue;
      // A body that is one of several shapes (measure events) is tried in each shape.
      for (const schema of (variants(body) ?? [body]).filter((v) => typeOf(v) !== 'null')) {
        const base = sample(schema);
        for (const leaf of leaves(schema)) {
          for (const value of leaf.kind === 'string' ? [NUL] : BEYOND_INT32) {
            const res = await send(client, method, url, withValue(base, schema, leaf.path, value));
            checked++;
            const name = ['body', ...leaf.path].join('.');
            const field = res.statusCode === 400 ? (res.json().error.fields ?? []).some((f: { path: string }) => name.startsWith(f.path) || f.path.startsWith(name)) : false;
            if (!field && ![401, 403].includes(res.statusCode)) failures.push(`${method} ${url} ${name}=${JSON.stringify(value)} → ${res.statusCode} ${res.body.slice(0, 160)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  }, 300_000);

  it('P1: a multipart body cut off mid-part is a 400 on every upload route', async () => {
    const uploads = [
      {
        url: '/api/persons/import',
        fields: { orgUnitId: crypto.randomUUID() },
      },
      {
        url: `/api/persons/${crypto.randomUUID()}/documents`,
        fields: { meta: '{"kind":"decision","fields":{}}' },
      },
    ];
    for (const u of uploads) {
      const boundary = `----sf${crypto.randomBytes(8).toString('hex')}`;
      const head = Object.entries(u.fields)
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join('');
      for (const cut of [
        `${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n姓名,证件号码\r\n张三,1101`,
        `${head}--${boundary}\r\nContent-Disposition: form-da`,
        `--${boundary}\r\n`,
      ]) {
        const res = await staff.req('POST', u.url, Buffer.from(cut), {
          'content-type': `multipart/form-data; boundary=${boundary}`,
        });
        expect([u.url, cut.length, res.statusCode]).toEqual([u.url, cut.length, 400]);
        expect(res.json().error.message['zh-CN']).toBeTruthy();
      }
    }
  });
});
