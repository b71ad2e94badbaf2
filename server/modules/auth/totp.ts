import { Secret, TOTP } from 'otpauth';

// Time-based one-time codes (RFC 6238) through the kept `otpauth` library, with the parameters
// every authenticator app uses: SHA-1, 6 digits, 30-second steps.
const ISSUER = 'Sunflower';
const PERIOD = 30;

export const generateTotpSecret = (): string => new Secret({ size: 20 }).base32;

export function otpauthUri(secret: string, account: string): string {
  return new TOTP({ issuer: ISSUER, label: account, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD }).toString();
}

/** The number of the 30-second step `at` falls in: what "a code used once" is counted by. */
export const totpStep = (at: Date): number => TOTP.counter({ period: PERIOD, timestamp: at.getTime() });

/**
 * The step whose code `code` is, looking one step either side of `at` for clock drift, or
 * null when it matches none. The caller refuses a step already used (issue 9 §4: no replay).
 */
export function matchTotp(secret: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(secret), period: PERIOD, timestamp: at.getTime(), window: 1 });
  return delta === null ? null : totpStep(at) + delta;
}

/** The code of `secret` for a given step (tests and scripts that play the authenticator app). */
export const totpCodeForStep = (secret: string, step: number): string => TOTP.generate({ secret: Secret.fromBase32(secret), period: PERIOD, timestamp: step * PERIOD * 1000 });
