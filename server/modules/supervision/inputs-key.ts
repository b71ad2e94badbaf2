// What a person's stored outcome was computed from, as one string (issue 11.5): the full
// recompute compares it with the stored key and skips the person when nothing he depends on
// moved, without reading his records. The parts:
// - his inputs version: raised by triggers whenever a record, leave, absence or measure of his
//   is written (migration 0006), whatever the code path;
// - the digest of the effective policy the rules applied (any override, any district);
// - his unit (the policy is resolved from it);
// - the revision of the rules themselves: a digest of core/rules' source, so a deploy that
//   changes what the rules derive recomputes everyone once.
// Time is not in it: the key is only trusted before the stored `reviewOn` (the first day the
// calendar alone changes something), as the daily run already does.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Policy } from '../../../core/rules/policy';

function rulesRevision(): string {
  const h = crypto.createHash('sha256');
  try {
    const dir = new URL('../../../core/rules/', import.meta.url);
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .sort();
    for (const f of files) h.update(f).update(fs.readFileSync(new URL(f, dir)));
  } catch {
    // Source not beside the code (a bundle): the process start stands in, so a new build recomputes once.
    h.update(`start:${Date.now()}`);
  }
  return h.digest('base64url').slice(0, 16);
}

export const RULES_REVISION = rulesRevision();

const policyDigests = new WeakMap<Policy, string>();
function policyDigest(policy: Policy): string {
  let d = policyDigests.get(policy);
  if (!d) {
    d = crypto.createHash('sha256').update(JSON.stringify(policy)).digest('base64url').slice(0, 16);
    policyDigests.set(policy, d);
  }
  return d;
}

/** The key of a computation under the daily rules (`timeDriven`); other computations store none. */
export function inputsKey(version: string, policy: Policy, orgUnitId: string): string {
  return `${RULES_REVISION}|${version}|${policyDigest(policy)}|${orgUnitId}`;
}

/** The stored outcome still holds on `today`: same key, and the calendar changes nothing before its review day. */
export function stillHolds(stored: { inputsKey: string | null; reviewOn: string | null }, key: string, today: string): boolean {
  return stored.inputsKey === key && (stored.reviewOn === null || stored.reviewOn > today);
}
