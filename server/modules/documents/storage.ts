import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FileCipher } from '../../lib/file-cipher';

/**
 * The document files: DATA_DIR/files/<yyyy>/<mm>/<documentId>, directories 0700, files 0600,
 * outside any public path, encrypted (AES-256-GCM, bound to the document id).
 *
 * A file is first written under a temporary name (`stage`), then renamed into place as the
 * last step of the transaction that inserts its row (`commit`); on any failure the caller
 * discards it, so there is never a row without a file nor a file without a row.
 */
export interface StagedFile {
  commit(): Promise<void>;
  discard(): Promise<void>;
}

const KEY = /^\d{4}\/\d{2}\/[0-9a-f-]{36}$/;

export function createFileStore(root: string, cipher: FileCipher) {
  const full = (storageKey: string) => {
    if (!KEY.test(storageKey)) throw new Error(`Invalid storage key ${storageKey}`);
    return path.join(root, ...storageKey.split('/'));
  };
  const removeQuietly = async (file: string) => {
    await fs.rm(file, { force: true }).catch(() => {});
  };

  return {
    root,
    /** `<yyyy>/<mm>/<id>` for a document created on `today` (YYYY-MM-DD). */
    keyFor: (today: string, id: string) => `${today.slice(0, 4)}/${today.slice(5, 7)}/${id}`,

    async stage(storageKey: string, id: string, plain: Buffer): Promise<StagedFile> {
      const target = full(storageKey);
      await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const temp = `${target}.tmp-${crypto.randomBytes(6).toString('hex')}`;
      const handle = await fs.open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(cipher.encryptBuffer(plain, id));
        await handle.sync();
      } catch (err) {
        await handle.close().catch(() => {});
        await removeQuietly(temp);
        throw err;
      }
      await handle.close();
      let committed = false;
      return {
        async commit() {
          await fs.rename(temp, target);
          committed = true;
        },
        async discard() {
          await removeQuietly(temp);
          if (committed) await removeQuietly(target);
        },
      };
    },

    /** Removes a stored file (the retention purge); a missing file is no error. */
    async remove(storageKey: string): Promise<void> {
      await removeQuietly(full(storageKey));
    },

    /** The clear bytes of a stored document. Throws when the file is missing or fails authentication. */
    async read(storageKey: string, id: string): Promise<Buffer> {
      return cipher.decryptBuffer(await fs.readFile(full(storageKey)), id);
    },
  };
}
export type FileStore = ReturnType<typeof createFileStore>;
