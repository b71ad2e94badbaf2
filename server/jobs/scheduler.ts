import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';

export interface Job {
  name: string;
  /** Stable number for the advisory lock: one instance runs a job at a time, across servers. */
  lockKey: number;
  everyMs: number;
  run(tx: Tx): Promise<void>;
  /** Called after a run's transaction has committed (e.g. to start work on the rows it wrote). */
  afterCommit?(): void;
}

export interface Scheduler {
  start(): void;
  stop(): Promise<void>;
  /** Runs one job now (tests, CLI). Returns false if another instance holds it. */
  runNow(name: string): Promise<boolean>;
}

/**
 * In-process jobs. Each run happens in a transaction holding `pg_try_advisory_xact_lock`, so
 * with several instances on one PostgreSQL exactly one runs it; jobs are written to be idempotent.
 */
export function createScheduler(db: Db, jobs: Job[], log: { error(obj: unknown, msg: string): void }): Scheduler {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();

  async function runJob(job: Job): Promise<boolean> {
    const ran = await db.transaction(async (tx) => {
      const r = (await tx.execute(sql`select pg_try_advisory_xact_lock(${job.lockKey}) as ok`)) as unknown;
      const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { ok: boolean }[];
      if (!rows[0]?.ok) return false;
      await job.run(tx);
      return true;
    });
    if (ran) job.afterCommit?.();
    return ran;
  }

  return {
    start() {
      for (const job of jobs) {
        const tick = () => {
          const p = runJob(job).catch((err) => log.error({ err, job: job.name }, 'job failed'));
          running.add(p);
          void p.finally(() => running.delete(p));
        };
        timers.push(setInterval(tick, job.everyMs).unref());
      }
    },
    async stop() {
      timers.forEach(clearInterval);
      await Promise.allSettled([...running]);
    },
    runNow(name) {
      const job = jobs.find((j) => j.name === name);
      if (!job) throw new Error(`No job ${name}`);
      return runJob(job);
    },
  };
}
