// `npm run audit:verify`: walks the audit hash chain and names the first broken row.
import { loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { systemClock } from '../clock';
import { createAuditService } from '../modules/audit/service';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const result = await createAuditService({ clock: systemClock(config.timeZone) }).verify(database.db);
  if (result.ok) {
    console.log(`audit chain intact: ${result.rows} rows verified (${database.kind})`);
  } else {
    const why = result.reason === 'hash' ? 'its content does not match its hash' : 'it does not link to the row before it';
    console.error(`audit chain BROKEN at row id ${result.brokenAt}: ${why} (${result.rows} rows read)`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
