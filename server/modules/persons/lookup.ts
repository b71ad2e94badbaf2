// City-wide lookups of an ID number (issue 9.7). "Is this number on file anywhere?" must be
// answerable, or a second file is created for a person another district holds (one person, one
// file; JOURNEYS 3). But answered without bound it is an oracle over the whole city: 300
// numbers for one birth date tell which of them are registered drug users. So the question is
// asked only by users who may create a file, a bounded number of times per hour each, every
// time audited, and the answer names no more than where to ask for a transfer.

export interface LookupLimiter {
  /** Takes one lookup from the user's budget of the last hour; false when it is spent. */
  take(userId: string): boolean;
}

const HOUR_MS = 3_600_000;

/**
 * A sliding hour per user, in this process's memory: with several instances each keeps its own
 * count, so the bound is per instance (stated in docs/data-protection.md).
 */
export function createLookupLimiter(opts: { perHour: number; now: () => number }): LookupLimiter {
  const recent = new Map<string, number[]>();
  return {
    take(userId) {
      const now = opts.now();
      const kept = (recent.get(userId) ?? []).filter((t) => now - t < HOUR_MS);
      if (kept.length >= opts.perHour) {
        recent.set(userId, kept);
        return false;
      }
      kept.push(now);
      recent.set(userId, kept);
      return true;
    },
  };
}

/** The unit to name for a file found elsewhere: the street that holds it, the level transfers are made between (C7). */
export async function transferUnit(
  unitOf: (id: string) => Promise<{ id: string; name: string; level: string; parentId: string | null } | undefined>,
  unitId: string,
): Promise<{ id: string; name: string } | undefined> {
  let unit = await unitOf(unitId);
  const holder = unit;
  while (unit && unit.level !== 'street' && unit.parentId) unit = await unitOf(unit.parentId);
  return unit?.level === 'street' ? unit : holder;
}
