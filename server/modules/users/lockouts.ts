import type { Executor } from '../../db/client';
import type { Clock } from '../../clock';
import type { SecurityPolicy } from '../../config';
import * as q from './queries';

// Sign-in lockout (RULES P7 "lock after 5 failures"; docs/decisions/0005-sign-in-lockout.md).
// Wrong passwords and wrong one-time codes count alike. Per account and client address: the
// address that failed `lockoutThreshold` times is locked out of the account for
// `lockoutMinutes`; its holder elsewhere is not. Per account, from all addresses: at
// `lockoutAccountThreshold` the account locks for everyone except the address it last signed
// in from, against guessing spread over many addresses.

export interface LockoutDeps {
  clock: Clock;
  policy: SecurityPolicy;
}

type Account = Pick<q.UserRow, 'id' | 'lockedUntil' | 'lastLoginAddress'>;

const addressOf = (address: string | null) => address ?? 'unknown';

export function createLockouts({ clock, policy }: LockoutDeps) {
  const lockEnd = () => new Date(clock.now().getTime() + policy.lockoutMinutes * 60_000);

  return {
    /**
     * Counts an attempt before its password or code is checked (see q.countAttempt); `barred`
     * when the address or the account is locked, or the attempt is one too many: it is then
     * refused whatever it proves. The caller ends it with `failed`, `passed` or `succeeded`.
     */
    async begin(exec: Executor, user: Account, address: string | null): Promise<{ barred: boolean; failures: number }> {
      const now = clock.now();
      const from = addressOf(address);
      const counted = await q.countAttempt(exec, user.id, from, now);
      const accountLocked = !!user.lockedUntil && user.lockedUntil > now && from !== user.lastLoginAddress;
      const addressLocked = !!counted.lockedUntil && counted.lockedUntil > now;
      return { barred: accountLocked || addressLocked || counted.failures > policy.lockoutThreshold, failures: counted.failures };
    },

    /** A wrong password or code: at the threshold the address (or at its own, the account) locks. */
    async failed(exec: Executor, user: Account, address: string | null, failures: number): Promise<{ addressLocked: boolean; accountLocked: boolean }> {
      const addressLocked = failures >= policy.lockoutThreshold;
      if (addressLocked) await q.lockAddress(exec, user.id, addressOf(address), lockEnd());
      const accountLocked = (await q.countAccountFailure(exec, user.id)) >= policy.lockoutAccountThreshold;
      if (accountLocked) await q.updateUser(exec, user.id, { failedAttempts: 0, lockedUntil: lockEnd() });
      return { addressLocked, accountLocked };
    },

    /** The password was right, and a code is still to come: the attempt does not count. */
    passed: (exec: Executor, user: Account, address: string | null) => q.uncountAttempt(exec, user.id, addressOf(address)),

    /**
     * Every factor proven (password, and the code where one is enrolled): this address starts
     * afresh and is the one the account-wide lock spares.
     */
    async succeeded(exec: Executor, user: Account, address: string | null): Promise<void> {
      await q.clearLockouts(exec, user.id, addressOf(address));
      await q.updateUser(exec, user.id, { failedAttempts: 0, lastLoginAddress: addressOf(address) });
    },

    /** The security administrator's unlock: every address, and the account. */
    async unlock(exec: Executor, userId: string): Promise<void> {
      await q.clearLockouts(exec, userId);
      await q.updateUser(exec, userId, { failedAttempts: 0, lockedUntil: null });
    },

    async lockedIds(exec: Executor, users: Account[]): Promise<Set<string>> {
      const now = clock.now();
      const locked = await q.lockedFromSomewhere(
        exec,
        users.map((u) => u.id),
        now,
      );
      for (const u of users) if (u.lockedUntil && u.lockedUntil > now) locked.add(u.id);
      return locked;
    },

    purge: (exec: Executor) => q.purgeLockouts(exec, new Date(clock.now().getTime() - 86_400_000), clock.now()),
  };
}

export type Lockouts = ReturnType<typeof createLockouts>;
