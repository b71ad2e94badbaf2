// `npm run audit:verify [-- --head <file>]`: verifies the audit trail's sealed batches (links,
// heads, signatures), every sealed row against its hash, and the database against the signed
// heads kept outside it: the file beside the data key, or an auditor's export given with --head.
// Names the first broken, missing or added row (exit 1); exit 0 when intact.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { createCipher, loadDataKey } from '../lib/data-key';
import { createHeadSigner, headVerifier } from '../modules/audit/signing';
import { readLines, type KeyEntry } from '../modules/audit/head-file';
import { verifyTrail } from '../modules/audit/verify';
import { HEAD_FILE_NAME } from '../modules/audit/sequencer';

const { values: args } = parseArgs({ options: { head: { type: 'string' } } });
const config = loadConfig();
const headFile = args.head ? path.resolve(args.head) : path.join(config.dataDir, HEAD_FILE_NAME);
if (args.head && !fs.existsSync(headFile)) {
  console.error(`no such head file: ${headFile}`);
  process.exit(2);
}
const hasHeads = fs.existsSync(headFile);

/** The deployment's key when the data key is here; else the key the head export names (an auditor's machine). */
async function verifier() {
  const keyFile = path.join(config.dataDir, 'data.key');
  const own =
    config.dataKey || fs.existsSync(keyFile) ? createHeadSigner(createCipher(loadDataKey({ dataKey: config.dataKey, dataDir: config.dataDir })).deriveKey('audit-head')) : null;
  let named: KeyEntry | null = null;
  if (hasHeads)
    for await (const line of readLines(headFile))
      if (line.kind === 'key') {
        named = line;
        break;
      }
  if (own && named && named.keyId !== own.keyId) throw new Error(`the head file was signed by key ${named.keyId}, this deployment's key is ${own.keyId}`);
  if (own) return own;
  if (named) return headVerifier(named.publicKeyPem);
  throw new Error('no key to verify with: give the data key (SUNFLOWER_DATA_KEY or DATA_DIR) or a head export (--head)');
}

const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const result = await verifyTrail(database.db, await verifier(), hasHeads ? readLines(headFile) : undefined);
  if (result.ok) {
    const anchored = result.anchoredThrough === null ? 'no head file' : `the head file ${headFile} matches through batch ${result.anchoredThrough}`;
    const tail = result.unsealed ? `; ${result.unsealed} newer rows not sealed yet (oldest ${result.unsealedSince})` : '';
    console.log(`audit trail intact: ${result.rows} rows verified in ${result.batches} sealed batches (${database.kind}); ${anchored}${tail}`);
  } else {
    const at = 'rowId' in result.problem ? `BROKEN at row id ${result.problem.rowId}` : `BROKEN at batch ${result.problem.batch}`;
    console.error(`audit trail ${at}: ${result.message} (${result.rows} rows verified before it)`);
    process.exitCode = 1;
  }
} catch (err) {
  console.error(`audit:verify failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
} finally {
  await database.close();
}
