import { describe, it, expect } from 'vitest';
import { totpAt, verifyTotp, base32Encode, base32Decode } from './totp';
import { checkPasswordPolicy, generatePassword, hashPassword, verifyPassword } from './password';
import { createCipher } from './data-key';

const policy = {
  passwordMinLength: 8, passwordMinClasses: 3, lockoutThreshold: 5, lockoutMinutes: 30,
  idleTimeoutMinutes: 30, sessionMaxHours: 12, mfaForAdmins: true, loginRatePerMinute: 20,
};

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 appendix B test vectors for SHA-1, secret "12345678901234567890", 8 digits → last 6.
  const secret = base32Encode(Buffer.from('12345678901234567890'));
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i s the code is %s', (t, code) => {
    expect(totpAt(secret, new Date(t * 1000))).toBe(code);
  });
  it('accepts one step of drift and refuses two', () => {
    const now = new Date(1_700_000_000_000);
    expect(verifyTotp(secret, totpAt(secret, new Date(now.getTime() - 30_000)), now)).toBe(true);
    expect(verifyTotp(secret, totpAt(secret, new Date(now.getTime() - 60_000)), now)).toBe(false);
    expect(verifyTotp(secret, 'abcdef', now)).toBe(false);
  });
  it('base32 round-trips', () => {
    const b = Buffer.from([0, 1, 2, 250, 255, 17, 99]);
    expect(base32Decode(base32Encode(b))).toEqual(b);
  });
});

describe('password policy (P7)', () => {
  it.each([
    ['Ab1!', 'password.too_short'],
    ['abcdefgh', 'password.too_few_classes'],
    ['abcdefg1', 'password.too_few_classes'],
    ['Abcdefg1', null],
    ['abcdef1!', null],
    ['Zhangsan#2026', 'password.contains_username'],
  ])('%s → %s', (pw, code) => {
    expect(checkPasswordPolicy(pw, 'zhangsan', policy)?.code ?? null).toBe(code);
  });
  it('generated one-time passwords pass the strictest policy', () => {
    for (let i = 0; i < 50; i++) {
      expect(checkPasswordPolicy(generatePassword(), 'admin', { ...policy, passwordMinClasses: 4, passwordMinLength: 16 })).toBeNull();
    }
  });
  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('Correct#Horse1');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'Correct#Horse1')).toBe(true);
    expect(await verifyPassword(h, 'wrong')).toBe(false);
  });
});

describe('data cipher (P6)', () => {
  const c = createCipher(Buffer.alloc(32, 7));
  it('encrypts with a fresh IV and decrypts', () => {
    const a = c.encrypt('110101199003071234');
    const b = c.encrypt('110101199003071234');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1101011990');
    expect(c.decrypt(a)).toBe('110101199003071234');
  });
  it('refuses a tampered ciphertext', () => {
    const parts = c.encrypt('secret').split(':');
    parts[2] = Buffer.from('tampered').toString('base64');
    expect(() => c.decrypt(parts.join(':'))).toThrow();
  });
  it('blind index is deterministic per purpose', () => {
    expect(c.blindIndex('x', 'id')).toBe(c.blindIndex('x', 'id'));
    expect(c.blindIndex('x', 'id')).not.toBe(c.blindIndex('x', 'phone'));
  });
});
