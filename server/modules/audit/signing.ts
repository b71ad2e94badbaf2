import crypto from 'node:crypto';

/**
 * The deployment's key for batch heads: Ed25519, its private half derived from the data key
 * (HKDF purpose `audit-head`), so nothing more needs keeping safe than the data key already
 * is, and a database administrator without it cannot sign a head. The public half goes to the
 * auditor with every head export, so heads verify without the data key.
 */
export interface HeadSigner {
  keyId: string;
  publicKeyPem: string;
  sign(head: string): string;
  verify(head: string, signature: string): boolean;
}

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function createHeadSigner(seed: Buffer): HeadSigner {
  if (seed.length !== 32) throw new Error('audit head key seed must be 32 bytes');
  const privateKey = crypto.createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = crypto.createPublicKey(privateKey);
  const verifier = headVerifier(publicKey.export({ format: 'pem', type: 'spki' }).toString());
  return {
    ...verifier,
    sign: (head) => crypto.sign(null, Buffer.from(head, 'utf8'), privateKey).toString('base64'),
  };
}

/** Verification only, from the exported public key (what an auditor holds). */
export function headVerifier(publicKeyPem: string): Omit<HeadSigner, 'sign'> {
  const publicKey = crypto.createPublicKey(publicKeyPem);
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return {
    keyId: crypto.createHash('sha256').update(der).digest('hex').slice(0, 16),
    publicKeyPem,
    verify(head, signature) {
      try {
        return crypto.verify(null, Buffer.from(head, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
      } catch {
        return false;
      }
    },
  };
}
