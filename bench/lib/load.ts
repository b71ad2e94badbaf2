import http from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Failed requests by HTTP status ('network' when no answer came); only under load. */
  errorsByStatus?: Record<string, number>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(latencies: number[], errors: number, seconds: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requests: latencies.length,
    errors,
    seconds: round(seconds),
    rps: round(latencies.length / seconds),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? 0),
  };
}

/**
 * Closed-loop load on loopback: `connections` keep-alive clients, each sending the next request
 * when the last one answered, for `seconds`. Bounded in time; only ever targets `baseUrl`.
 * `path` may vary per request (the n-th request overall gets `path(n)`).
 */
export async function runLoad(opts: {
  baseUrl: string;
  path: string | ((n: number) => string);
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  const pathOf = typeof opts.path === 'string' ? () => opts.path as string : opts.path;
  const first = new URL(pathOf(0), opts.baseUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(first.hostname)) throw new Error('load tests only target this machine');
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const latencies: number[] = [];
  const errorsByStatus: Record<string, number> = {};
  let errors = 0;
  let sent = 0;
  const failed = (status: string) => {
    errors++;
    errorsByStatus[status] = (errorsByStatus[status] ?? 0) + 1;
  };
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;

  const one = () =>
    new Promise<void>((resolve) => {
      const url = new URL(pathOf(sent++), opts.baseUrl);
      if (url.host !== first.host) throw new Error('load tests only target this machine');
      const t0 = performance.now();
      const req = http.request(url, { agent, headers: opts.headers }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode && res.statusCode < 400) latencies.push(performance.now() - t0);
          else failed(String(res.statusCode));
          resolve();
        });
      });
      req.on('error', () => {
        failed('network');
        resolve();
      });
      req.end();
    });

  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  agent.destroy();
  return { ...summarize(latencies, errors, (performance.now() - started) / 1000), errorsByStatus };
}

/** Times `fn` `n` times, sequentially; latencies in ms. */
export async function timeSerial(n: number, fn: (i: number) => Promise<unknown>): Promise<LoadResult> {
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    latencies.push(performance.now() - t0);
  }
  return summarize(latencies, 0, (performance.now() - started) / 1000);
}
