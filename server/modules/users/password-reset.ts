import type { Executor } from '../../db/client';
import type { DataCipher } from '../../lib/data-key';
import { conflict } from '../../errors';
import { generatePassword, hashPassword } from '../../lib/password';
import { holdsPersonData } from './separation';
import * as q from './queries';

// An administrator's password reset must not hand a complete credential to one administrator
// for an account that reaches person data (RULES P6; docs/decisions/0006-two-part-password-reset.md).
// Such a reset is issued in two parts: the system administrator who resets sees the first,
// a security administrator other than them issues the second, once; the holder types both.
// Accounts without person data (administrators keep their second factor) get one whole password.

/** Where a one-time password part goes: the whole password, or the first or second half. */
export type ResetPart = 'whole' | 'first' | 'second';

export async function resetCredentials(exec: Executor, cipher: DataCipher, userId: string, actorId: string): Promise<{ oneTimePassword: string; part: ResetPart }> {
  const oneTime = generatePassword();
  const split = holdsPersonData((await q.grantPermissions(exec, [userId])).flatMap((g) => g.permissions));
  const half = Math.floor(oneTime.length / 2);
  await q.updateUser(exec, userId, {
    passwordHash: await hashPassword(oneTime),
    mustChangePassword: true,
    resetSecondPart: split ? cipher.encrypt(oneTime.slice(half)) : null,
    resetBy: split ? actorId : null,
  });
  return split ? { oneTimePassword: oneTime.slice(0, half), part: 'first' } : { oneTimePassword: oneTime, part: 'whole' };
}

/** The waiting second part, once, to a security administrator who did not make the reset. */
export async function takeSecondPart(exec: Executor, cipher: DataCipher, userId: string, actorId: string): Promise<string> {
  await q.lockUsers(exec, [userId]);
  const found = await q.userById(exec, userId);
  const user = found!.user;
  if (!user.resetSecondPart) throw conflict('user.reset_not_pending');
  if (user.resetBy === actorId) throw conflict('user.reset_same_administrator');
  await q.updateUser(exec, userId, { resetSecondPart: null, resetBy: null });
  return cipher.decrypt(user.resetSecondPart);
}
