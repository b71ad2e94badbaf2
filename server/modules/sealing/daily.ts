// The daily run (issue 14): every open file's delisting standing (D2, D3), the seals that fall
// due (P4: voluntary treatment, completion past the retention period) and the purge of sealed
// files past their keeping period. The job runs hourly under its advisory lock and does its work
// once per calendar day; a rerun writes only what changed, so it is idempotent.
import type { Executor } from '../../db/client';
import type { RequestContext } from '../../http/context';
import {
  delistingStatus,
  purgeDue,
  sealAfterCompletionDue,
  sealedFromStart,
  type DelistingFacts,
  type DelistingFigures,
  type DelistingStatus,
} from '../../../core/rules/delisting';
import type { Policy } from '../../../core/rules/policy';
import * as q from './queries';
import type { delistingStatus as statusTable } from './schema';
import type { SealingDeps } from './service';

const PAGE = 1000;
const JOB = 'daily';

type RunDeps = SealingDeps & {
  factsOf: (exec: Executor, ids: string[]) => Promise<Map<string, DelistingFacts>>;
  figures: (p: Policy) => DelistingFigures;
  seal: (tx: Executor, ctx: RequestContext, personId: string, orgPath: string, reason: 'delisted' | 'completed' | 'voluntary') => Promise<boolean>;
  system: RequestContext;
};

export interface DailyCounts {
  persons: number;
  changed: number;
  sealed: number;
  purged: number;
}

const same = (a: q.StatusRow | undefined, b: DelistingStatus) =>
  !!a && a.state === b.state && a.basis === b.basis && a.cleanSince === b.cleanSince && a.eligibleOn === b.eligibleOn && a.factDate === b.factDate;

export function createDailyRun(deps: RunDeps) {
  /** One page of open files: judge each, write the changed standings in one statement, seal what fell due. */
  async function judgePage(tx: Executor, ids: string[], policyAt: (path: string) => Policy, today: string, counts: DailyCounts) {
    const [contexts, facts, stored] = await Promise.all([deps.persons.contextOf(tx, ids), deps.factsOf(tx, ids), q.statusOf(tx, ids)]);
    const before = new Map(stored.map((r) => [r.personId, r]));
    const writes: (typeof statusTable.$inferInsert)[] = [];
    for (const c of contexts) {
      const f = facts.get(c.id)!;
      const policy = policyAt(c.orgPath);
      const kinds = f.measures.map((m) => m.kind);
      if (sealedFromStart(kinds)) {
        counts.sealed += Number(await deps.seal(tx, deps.system, c.id, c.orgPath, 'voluntary'));
        continue;
      }
      if (sealAfterCompletionDue(f.measures, policy.sealing.sealAfterCompletionYears, today)) {
        counts.sealed += Number(await deps.seal(tx, deps.system, c.id, c.orgPath, 'completed'));
        continue;
      }
      const s = delistingStatus(f, deps.figures(policy), today);
      if (same(before.get(c.id), s)) continue;
      writes.push({ personId: c.id, ...s, computedOn: today, updatedAt: new Date() });
    }
    await q.upsertStatus(tx, writes);
    counts.changed += writes.length;
  }

  /**
   * P4 (issue 14): sealed files past the keeping period are removed across the modules, in the
   * run's transaction: each module deletes its rows of the person (the order of `purgers`), then
   * this module its own (the seal last) and the persons module the file. Only the audit trail
   * keeps the person's id (append-only; its rows hold codes, dates and counts, never his data, P3);
   * the purge's own row says the reason, the day sealed and how many rows each table lost.
   */
  async function purge(tx: Executor, policyAt: (path: string) => Policy, today: string): Promise<number> {
    let purged = 0;
    for (const s of await q.unpurged(tx, 10_000)) {
      if (!purgeDue(s.sealedOn, policyAt(s.orgPath).sealing.purgeAfterSealYears, today)) continue;
      const removed: Record<string, number> = {};
      for (const p of deps.purgers ?? []) Object.assign(removed, await p.purgePerson(tx, s.personId));
      Object.assign(removed, await q.purgePerson(tx, s.personId));
      for (const p of deps.purgers ?? []) if (p.purgePersonLast) for (const [k, n] of Object.entries(await p.purgePersonLast(tx, s.personId))) removed[k] = (removed[k] ?? 0) + n;
      Object.assign(removed, await deps.persons.purgePerson(tx, s.personId));
      await deps.audit.record(tx, deps.system, {
        action: 'sealing.purge',
        entityType: 'person',
        entityId: s.personId,
        personId: s.personId,
        orgPath: s.orgPath,
        details: { reason: s.reason, sealedOn: s.sealedOn, removed },
      });
      purged++;
    }
    return purged;
  }

  return {
    /** The day's run; `force` runs again on a day already done (tests, the bench). */
    async run(tx: Executor, opts: { force?: boolean } = {}): Promise<DailyCounts | null> {
      const today = deps.clock.today();
      if (!opts.force && (await q.lastRun(tx, JOB)) === today) return null;
      const resolve = await deps.policyResolver(tx);
      const policyAt = (path: string) => resolve(path).policy;
      const counts: DailyCounts = { persons: 0, changed: 0, sealed: 0, purged: 0 };
      let after: string | null = null;
      for (;;) {
        const ids = await deps.persons.openIdsPage(tx, after, PAGE);
        if (ids.length === 0) break;
        counts.persons += ids.length;
        await judgePage(tx, ids, policyAt, today, counts);
        after = ids[ids.length - 1]!;
      }
      counts.purged = await purge(tx, policyAt, today);
      await q.markRun(tx, JOB, today, counts);
      await deps.audit.record(tx, deps.system, { action: 'delisting.daily', entityType: 'job', details: { ...counts } });
      return counts;
    },
  };
}
