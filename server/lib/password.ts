import { hash, verify } from '@node-rs/argon2';
import type { SecurityPolicy } from '../config';

// @node-rs/argon2 defaults to argon2id; the parameters are OWASP's recommended minimum.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, ARGON2);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash that no password matches, so unknown usernames cost the same time as known ones. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('sunflower-dummy-password-never-valid');
  return dummyHash;
}

export type PasswordProblem =
  | { code: 'password.too_short'; params: { min: number } }
  | { code: 'password.too_few_classes'; params: { classes: number } }
  | { code: 'password.contains_username'; params: Record<string, never> };

/** RULES P7: at least N characters drawn from at least K of four character classes. */
export function checkPasswordPolicy(password: string, username: string, policy: SecurityPolicy): PasswordProblem | null {
  if ([...password].length < policy.passwordMinLength) return { code: 'password.too_short', params: { min: policy.passwordMinLength } };
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < policy.passwordMinClasses) return { code: 'password.too_few_classes', params: { classes: policy.passwordMinClasses } };
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return { code: 'password.contains_username', params: {} };
  }
  return null;
}

/** A one-time password that satisfies any policy we allow (4 classes, 20 characters). */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#%*-_+='];
  const bytes = crypto.getRandomValues(new Uint32Array(20));
  const chars = Array.from(bytes, (b, i) => {
    const set = sets[i % sets.length]!;
    return set[b % set.length]!;
  });
  // Shuffle so the class pattern is not predictable.
  const order = crypto.getRandomValues(new Uint32Array(chars.length));
  return chars
    .map((c, i) => [order[i]!, c] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, c]) => c)
    .join('');
}
