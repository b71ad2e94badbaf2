import crypto from 'node:crypto';

/**
 * Encryption of stored files (RULES P6: documents are sensitive personal information):
 * AES-256-GCM, a random IV per file, and optional associated data binding the ciphertext to
 * its record (a file copied over another document's fails to decrypt).
 *
 * Layout: "SFF1" | iv (12 bytes) | tag (16 bytes) | ciphertext.
 * Files are bounded (10 MB by default), so whole buffers are used: decryption checks the tag
 * before any byte is released, which streaming GCM cannot do.
 */
const MAGIC = Buffer.from('SFF1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + IV_BYTES + TAG_BYTES;

export interface FileCipher {
  encryptBuffer(plain: Buffer, aad?: string): Buffer;
  decryptBuffer(stored: Buffer, aad?: string): Buffer;
}

export function createFileCipher(key: Buffer): FileCipher {
  if (key.length !== 32) throw new Error('A file key has 32 bytes');
  return {
    encryptBuffer(plain, aad) {
      const iv = crypto.randomBytes(IV_BYTES);
      const c = crypto.createCipheriv('aes-256-gcm', key, iv);
      if (aad !== undefined) c.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([MAGIC, iv, c.getAuthTag(), body]);
    },
    decryptBuffer(stored, aad) {
      if (stored.length < HEADER_BYTES || !stored.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('Unknown encrypted file format');
      const iv = stored.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
      const tag = stored.subarray(MAGIC.length + IV_BYTES, HEADER_BYTES);
      const d = crypto.createDecipheriv('aes-256-gcm', key, iv);
      d.setAuthTag(tag);
      if (aad !== undefined) d.setAAD(Buffer.from(aad, 'utf8'));
      return Buffer.concat([d.update(stored.subarray(HEADER_BYTES)), d.final()]);
    },
  };
}
