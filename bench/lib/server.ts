import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../server/test/ports';

export interface RunningServer {
  baseUrl: string;
  pid: number;
  coldStartMs: number;
  dataDir: string;
  /** Resident memory of the server process now, in MiB (Linux /proc). */
  rssMiB(): number;
  /** The most resident memory the server process has had so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx server/main.ts` as `npm start` does (without the web build step),
 * on a fresh data dir, and measures the time until /api/health answers.
 */
export async function startServer(env: Record<string, string> = {}, opts: { dataDir?: string; keepData?: boolean } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sf-bench-'));
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SUNFLOWER_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // BENCH_SERVER_LOG=file keeps what the server logs (warnings and errors) for a failing scenario.
  const log = process.env.BENCH_SERVER_LOG ? fs.createWriteStream(process.env.BENCH_SERVER_LOG) : null;
  child.stdout!.on('data', (d) => {
    output += d;
    log?.write(d);
  });
  child.stderr!.on('data', (d) => {
    output += d;
    log?.write(d);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (performance.now() - t0 > 120_000) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const coldStartMs = Math.round(performance.now() - t0);
  return {
    baseUrl,
    pid: child.pid!,
    coldStartMs,
    dataDir,
    rssMiB: () => procStatusMiB(child.pid!, 'VmRSS'),
    peakRssMiB: () => procStatusMiB(child.pid!, 'VmHWM'),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      if (!opts.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function procStatusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}
