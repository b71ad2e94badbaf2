import { describe, it, expect } from 'vitest';
import { checkPasswordPolicy, generatePassword, hashPassword, verifyPassword } from './password';
import { createCipher } from './data-key';

const policy = {
  passwordMinLength: 8,
  passwordMinClasses: 3,
  lockoutThreshold: 5,
  lockoutMinutes: 30,
  idleTimeoutMinutes: 30,
  sessionMaxHours: 12,
  mfaForAdmins: true,
  loginRatePerMinute: 20,
  lockoutAccountThreshold: 50,
};

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
