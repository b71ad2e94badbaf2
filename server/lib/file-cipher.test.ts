import crypto from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { createFileCipher } from './file-cipher';
import { createCipher } from './data-key';

describe('file encryption (P6)', () => {
  const key = createCipher(Buffer.alloc(32, 7)).deriveKey('files');
  const fc = createFileCipher(key);
  const plain = Buffer.concat([Buffer.from('%PDF-1.4\n张三 决定书\n'), crypto.randomBytes(5000)]);

  it('round-trips bytes, and the stored form does not contain them', () => {
    const stored = fc.encryptBuffer(plain, 'doc-1');
    expect(fc.decryptBuffer(stored, 'doc-1').equals(plain)).toBe(true);
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    expect(stored.includes(Buffer.from('张三'))).toBe(false);
    expect(stored.length).toBe(plain.length + 32);
  });

  it('uses a fresh IV each time', () => {
    expect(fc.encryptBuffer(plain).equals(fc.encryptBuffer(plain))).toBe(false);
  });

  it('round-trips an empty buffer', () => {
    expect(fc.decryptBuffer(fc.encryptBuffer(Buffer.alloc(0))).length).toBe(0);
  });

  it('refuses a tampered file, the wrong record and the wrong key', () => {
    const stored = fc.encryptBuffer(plain, 'doc-1');
    const tampered = Buffer.from(stored);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => fc.decryptBuffer(tampered, 'doc-1')).toThrow();
    expect(() => fc.decryptBuffer(stored, 'doc-2')).toThrow();
    const other = createFileCipher(createCipher(Buffer.alloc(32, 8)).deriveKey('files'));
    expect(() => other.decryptBuffer(stored, 'doc-1')).toThrow();
    expect(() => fc.decryptBuffer(plain, 'doc-1')).toThrow(/format/);
  });

  it('derives distinct keys per purpose, and refuses the reserved ones', () => {
    const c = createCipher(Buffer.alloc(32, 7));
    expect(c.deriveKey('files').equals(c.deriveKey('exports'))).toBe(false);
    expect(c.deriveKey('files').equals(key)).toBe(true);
    expect(() => c.deriveKey('enc')).toThrow();
    expect(() => c.deriveKey('../x')).toThrow();
  });
});
