import { AppError } from '../../errors';
import { registerMessages } from '../../messages';

registerMessages({ 'public.rate_limited': ['提交过于频繁，请稍后再试', 'Too many submissions: please try again in a minute'] });

/**
 * The limits of the public endpoints (issue 16, security of the public endpoints): per client
 * address across all of them, and per survey link. A fixed one-minute window per key, counted in
 * this process's memory before any write: a refused request has written nothing, and an allowed
 * one is answered only after its transaction committed (so every success is stored).
 * With several instances each counts its own share; put the limit at the proxy as well.
 */
export function createPublicLimits(opts: { perAddressPerMinute: number; perLinkPerMinute: number; nowMs: () => number }) {
  const windowMs = 60_000;
  let window = -1;
  let counts = new Map<string, number>();
  function take(key: string, limit: number): boolean {
    const w = Math.floor(opts.nowMs() / windowMs);
    if (w !== window) {
      window = w;
      counts = new Map();
    }
    const n = counts.get(key) ?? 0;
    if (n >= limit) return false;
    counts.set(key, n + 1);
    return true;
  }
  const refuse = () => {
    throw new AppError('public.rate_limited', 429);
  };
  return {
    /** One submission from `address` (to the survey link `link`, if any); a 429 when over either limit. */
    admit(address: string | null, link?: string): void {
      if (!take(`a:${address ?? '-'}`, opts.perAddressPerMinute)) refuse();
      if (link && !take(`l:${link}`, opts.perLinkPerMinute)) refuse();
    },
  };
}
export type PublicLimits = ReturnType<typeof createPublicLimits>;
