// `npm run seed -- --persons N --years Y --seed S [--no-history]`: a deterministic synthetic city,
// streamed into the database in batches (PGlite under DATA_DIR, or PostgreSQL with DATABASE_URL),
// then the supervision recompute over everyone. Prints JSON.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { systemClock } from '../clock';
import { openDatabase } from '../db/client';
import { createCipher, loadDataKey } from '../lib/data-key';
import { createServices } from '../app';
import { bootstrap } from '../bootstrap';
import { seedCity } from '../seed/write';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '30000' },
    years: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    /** Persons, measures and staff only: no records, leave or absences, no recompute. */
    'no-history': { type: 'boolean', default: false },
    'staff-password': { type: 'string', default: process.env.SUNFLOWER_SEED_STAFF_PASSWORD ?? 'Staff#Sunflower2026' },
  },
});
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const cipher = createCipher(loadDataKey({ dataKey: config.dataKey, dataDir: config.dataDir }));
  const clock = systemClock(config.timeZone);
  const services = createServices({ database, config, clock, cipher });
  const boot = await bootstrap(services, { adminPassword: config.adminPassword });
  if (boot.generatedAdminPassword) console.error(`admin one-time password: ${boot.generatedAdminPassword}`);
  const summary = await seedCity(database, cipher, {
    persons: Number(values.persons),
    years: Number(values.years),
    seed: Number(values.seed),
    today: clock.today(),
    staffPassword: values['staff-password']!,
    history: !values['no-history'],
    recompute: () => services.supervision.recomputeAll(),
    reclassify: () => services.warnings.reclassifyAll(database.db),
    delisting: () => database.db.transaction((tx) => services.sealing.runDaily(tx, { force: true })),
    log: (m) => console.error(m),
  });
  console.log(JSON.stringify({ db: database.kind, ...summary, accounts: undefined, staffPassword: 'see --staff-password' }, null, 2));
} finally {
  await database.close();
}
