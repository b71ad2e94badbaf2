// The daily run (issue 14): every open file's delisting standing (D2, D3), the seals that fall
// due (P4: voluntary treatment, completion past the retention period) and the purge of sealed
// files past their keeping period. The job runs hourly under its advisory lock and does its work
// once per calendar day; a rerun writes only what changed, so it is idempotent.
import type { Executor } from '../../db/client';
import type { RequestContext } from '../../http/context';
import {
  delistingChangesOn,
  delistingStatus,
  purgeDue,
  sealAfterCompletionDue,
  sealAfterCompletionOn,
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
  /** Nothing the judgement reads changed since the last full run and no standing was due to change: not judged again. */
  skipped?: boolean;
}

/** What a full run keeps to let the next one skip: the inputs' figure before it judged, and the first day a standing changes by date. */
interface RunMark {
  fingerprint: string | null;
  changesOn: string | null;
}

const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

const same = (a: q.StatusRow | undefined, b: DelistingStatus) =>
  !!a && a.state === b.state && a.basis === b.basis && a.cleanSince === b.cleanSince && a.eligibleOn === b.eligibleOn && a.factDate === b.factDate;

export function createDailyRun(deps: RunDeps) {
  /** One page of open files: judge each, write the changed standings in one statement, seal what fell due. */
  async function judgePage(tx: Executor, ids: string[], policyAt: (path: string) => Policy, today: string, counts: DailyCounts, mark: RunMark) {
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
      mark.changesOn = earlier(mark.changesOn, earlier(delistingChangesOn(s, deps.figures(policy)), sealAfterCompletionOn(f.measures, policy.sealing.sealAfterCompletionYears)));
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
    async run(tx: Executor, opts: { force?: boolean; full?: boolean } = {}): Promise<DailyCounts | null> {
      const today = deps.clock.today();
      const last = await q.lastRunOf(tx, JOB);
      if (!opts.force && last?.lastDate === today) return null;
      const resolve = await deps.policyResolver(tx);
      const policyAt = (path: string) => resolve(path).policy;
      const counts: DailyCounts = { persons: 0, changed: 0, sealed: 0, purged: 0 };
      // Read before judging: what is written meanwhile changes the figure the next run compares.
      const fingerprint = deps.inputsFingerprint ? await deps.inputsFingerprint(tx) : null;
      const before = (last?.details ?? null) as { mark?: RunMark } | null;
      const unchanged = !opts.full && fingerprint !== null && before?.mark?.fingerprint === fingerprint && (before.mark.changesOn === null || today < before.mark.changesOn);
      let mark: RunMark = { fingerprint, changesOn: null };
      if (unchanged) {
        // Nothing the rule reads changed and no standing is due to change by date: judging again would write nothing.
        counts.skipped = true;
        mark = before!.mark!;
      } else {
        let after: string | null = null;
        for (;;) {
          const ids = await deps.persons.openIdsPage(tx, after, PAGE);
          if (ids.length === 0) break;
          counts.persons += ids.length;
          await judgePage(tx, ids, policyAt, today, counts, mark);
          after = ids[ids.length - 1]!;
        }
      }
      counts.purged = await purge(tx, policyAt, today);
      // A seal or a purge of this run changes the figure: the next run judges in full (and marks again).
      if (counts.sealed || counts.purged) mark = { fingerprint: null, changesOn: null };
      await q.markRun(tx, JOB, today, { ...counts, mark });
      await deps.audit.record(tx, deps.system, { action: 'delisting.daily', entityType: 'job', details: { ...counts } });
      return counts;
    },
  };
}
