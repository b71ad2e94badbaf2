import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Field encryption for sensitive data (RULES P6): AES-256-GCM with a random IV per value,
 * and an HMAC key derived from the same secret for exact-match lookups (blind index).
 * The key comes from SUNFLOWER_DATA_KEY (base64 or hex of 32 bytes), else from a key file
 * created at first start and readable by the owner only.
 */
export interface DataCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Keyed hash for equality lookups; deterministic, not reversible. */
  blindIndex(value: string, purpose: string): string;
  /** A separate 32-byte key for another use (e.g. `files`), derived from the same secret (HKDF). */
  deriveKey(purpose: string): Buffer;
}

const VERSION = 'v1';

export function loadDataKey(opts: { dataKey?: string; dataDir: string }): Buffer {
  if (opts.dataKey) return parseKey(opts.dataKey);
  const file = path.join(opts.dataDir, 'data.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return parseKey(fs.readFileSync(file, 'utf8').trim());
}

function parseKey(text: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('SUNFLOWER_DATA_KEY must be 32 bytes, base64 or hex encoded');
  return key;
}

/** The key each cipher was made from, for handing to this process's own worker threads (see workerKey). */
const masterKeys = new WeakMap<DataCipher, Buffer>();

/**
 * The key of a cipher, so a worker thread of this process can make the same cipher
 * (createCipher) — the ledger import encrypts rows on both cores (issue 11.4). It never leaves
 * the process: worker threads share its memory and its trust.
 */
export function workerKey(cipher: DataCipher): Buffer {
  const key = masterKeys.get(cipher);
  if (!key) throw new Error('Not a cipher of this process');
  return Buffer.from(key);
}

export function createCipher(masterKey: Buffer): DataCipher {
  // Separate keys per use, so the blind index never reveals anything about the ciphertexts.
  // Key objects made once: importing the raw key on every call cost a third of an encryption.
  const encKey = crypto.createSecretKey(Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'sunflower/enc', 32)));
  const macKey = crypto.createSecretKey(Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'sunflower/mac', 32)));
  // Random IVs drawn from a pool filled by the CSPRNG 1,024 at a time (each used once): the same
  // randomness as one call per value, without a call per value (the ledger import encrypts
  // four values a row, tens of thousands of rows).
  const ivPool = Buffer.alloc(12 * 1024);
  let ivNext = ivPool.length;
  const nextIv = () => {
    if (ivNext >= ivPool.length) {
      crypto.randomFillSync(ivPool);
      ivNext = 0;
    }
    const iv = Buffer.from(ivPool.subarray(ivNext, ivNext + 12));
    ivNext += 12;
    return iv;
  };
  const cipher: DataCipher = {
    encrypt(plain) {
      const iv = nextIv();
      const c = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return [VERSION, iv.toString('base64'), body.toString('base64'), c.getAuthTag().toString('base64')].join(':');
    },
    decrypt(stored) {
      const [version, iv, body, tag] = stored.split(':');
      if (version !== VERSION || !iv || !body || tag === undefined) throw new Error('Unknown ciphertext format');
      const d = crypto.createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64'));
      d.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
    },
    blindIndex(value, purpose) {
      return crypto.createHmac('sha256', macKey).update(purpose).update('\0').update(value).digest('base64url');
    },
    deriveKey(purpose) {
      if (!/^[a-z][a-z0-9_.-]*$/.test(purpose) || purpose === 'enc' || purpose === 'mac') throw new Error(`Invalid key purpose ${purpose}`);
      return Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), `sunflower/${purpose}`, 32));
    },
  };
  masterKeys.set(cipher, Buffer.from(masterKey));
  return cipher;
}
