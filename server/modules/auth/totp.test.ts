import { describe, it, expect } from 'vitest';
import { generateTotpSecret, matchTotp, otpauthUri, totpCodeForStep, totpStep } from './totp';

describe('one-time codes through otpauth (RFC 6238)', () => {
  // RFC 6238 appendix B, SHA-1 secret "12345678901234567890" (base32), last 6 of the 8 digits.
  const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [2000000000, '279037'],
  ])('P7: at %i s the code is %s', (seconds, code) => {
    expect(totpCodeForStep(rfcSecret, totpStep(new Date(seconds * 1000)))).toBe(code);
  });

  it('P7: one step of drift either side is accepted and named by its step; two are not', () => {
    const now = new Date(1_700_000_000_000);
    const step = totpStep(now);
    expect(matchTotp(rfcSecret, totpCodeForStep(rfcSecret, step - 1), now)).toBe(step - 1);
    expect(matchTotp(rfcSecret, totpCodeForStep(rfcSecret, step + 1), now)).toBe(step + 1);
    expect(matchTotp(rfcSecret, totpCodeForStep(rfcSecret, step - 2), now)).toBeNull();
    expect(matchTotp(rfcSecret, 'abcdef', now)).toBeNull();
  });

  it('a new secret is 160 bits of base32, and the URI carries it for the app', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = otpauthUri(secret, 'wang.fang');
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Sunflower:wang\.fang\?/);
  });
});
