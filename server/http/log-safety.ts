// What the server log may hold (issue 9.8, RULES P1, P3): nothing that identifies a person.
// Query strings carry ID numbers (`?idNumber=`, `?q=`) and names; a failed query's error carries
// its bound parameters (names, birth dates); request bodies carry whole files. So a logged URL
// keeps its path and only the values of harmless parameters, an error keeps its kind, codes and
// stack frames but never a parameter or a quoted value, and bodies are never logged. Ids are
// fine: they identify records, not people, to anyone without access.

/** Query parameters whose values are codes or paging, never a person's data. */
const HARMLESS_PARAMS = new Set([
  'limit',
  'offset',
  'sort',
  'order',
  'status',
  'kind',
  'outcome',
  'measureKind',
  'riskLevel',
  'action',
  'entityType',
  'unmasked',
  'from',
  'to',
  'date',
  'days',
  'scope',
  'level',
  'type',
  'lang',
]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REDACTED = '~';

/** A URL as logged: the path, and each query parameter with its value only if it is harmless or an id. */
export function safeUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const kept = [...params].map(([k, v]) => `${encodeURIComponent(k)}=${HARMLESS_PARAMS.has(k) || UUID.test(v) ? encodeURIComponent(v) : REDACTED}`);
  return kept.length ? `${url.slice(0, q)}?${kept.join('&')}` : url.slice(0, q);
}

/**
 * Text of an error message without the values it may quote: a failed query's `params:` tail,
 * anything in quotes ('invalid input syntax for type date: "1990-13-01"') and long digit runs.
 */
export function scrubMessage(message: string): string {
  return message
    .replace(/\nparams:[\s\S]*$/, '\nparams: ~')
    .replace(/"[^"\n]*"|'[^'\n]*'/g, (m) => (/^"[a-z_][a-z0-9_]*"$/.test(m) ? m : `${m[0]}~${m[0]}`))
    .replace(/\d{6,}/g, '#')
    .slice(0, 2000);
}

const stackFrames = (stack: unknown) =>
  typeof stack === 'string'
    ? stack
        .split('\n')
        .filter((l) => /^\s+at /.test(l))
        .slice(0, 15)
        .join('\n')
    : '';

/** PostgreSQL's fields that name the failing object, not the data (SQLSTATE, constraint, column …). */
const DB_FIELDS = ['code', 'severity', 'routine', 'constraint', 'constraint_name', 'table', 'table_name', 'column', 'column_name', 'schema', 'schema_name'];

export interface SafeError {
  type: string;
  message: string;
  stack: string;
  statusCode?: number;
  [field: string]: unknown;
}

/** An error as logged: its kind, scrubbed message, codes and stack frames; its cause likewise. */
export function safeError(err: unknown, depth = 0): SafeError {
  if (!(err instanceof Error)) return { type: typeof err, message: scrubMessage(String(err)), stack: '' };
  const e = err as Error & Record<string, unknown>;
  const out: SafeError = { type: e.constructor?.name ?? 'Error', message: scrubMessage(e.message), stack: stackFrames(e.stack) };
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  for (const f of DB_FIELDS) if (typeof e[f] === 'string' || typeof e[f] === 'number') out[f] = e[f];
  if (e.cause !== undefined && depth < 3) out.cause = safeError(e.cause, depth + 1);
  return out;
}

/** A request as logged: method, safe URL, route pattern and id; never headers or body. */
export function safeRequest(req: { method?: string; url?: string; id?: unknown; routeOptions?: { url?: string } }) {
  return { method: req.method, url: safeUrl(req.url ?? ''), route: req.routeOptions?.url, reqId: req.id };
}

/** pino serializers for Fastify's logger: requests, errors (also under `error`) and responses. */
export const logSerializers = {
  req: safeRequest,
  err: (e: unknown) => safeError(e),
  error: (e: unknown) => safeError(e),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
};

/** A small logger for services created before the app (jobs, the ledger worker) that goes through the same filters. */
export function safeConsoleLogger(sink: Pick<Console, 'error' | 'info' | 'warn'> = console) {
  const clean = (obj: unknown) => {
    if (obj instanceof Error) return safeError(obj);
    if (!obj || typeof obj !== 'object') return obj;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = v instanceof Error ? safeError(v) : k === 'url' && typeof v === 'string' ? safeUrl(v) : v;
    return out;
  };
  return {
    error: (obj: unknown, msg?: string) => sink.error(JSON.stringify({ level: 'error', msg, ...(clean(obj) as object) })),
    warn: (obj: unknown, msg?: string) => sink.warn(JSON.stringify({ level: 'warn', msg, ...(clean(obj) as object) })),
    info: (obj: unknown, msg?: string) => sink.info(JSON.stringify({ level: 'info', msg, ...(clean(obj) as object) })),
  };
}
