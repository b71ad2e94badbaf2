// `npm run demo`: the server on a demo database (DATA_DIR, default ./data-demo) filled with a
// synthetic city on first start. Refuses a database that holds non-demo data.
import { sql } from 'drizzle-orm';
import { loadConfig } from '../config';
import { systemClock } from '../clock';
import { createCipher, loadDataKey } from '../lib/data-key';
import { createServices } from '../app';
import { bootstrap } from '../bootstrap';
import { seedCity, type SeedSummary } from '../seed/write';
import { DEMO_PASSWORD, demoDatabaseState } from '../seed/demo';
import { runServer } from '../server';
import { previousMonth } from '../../core/rules/bulletin';

const config = loadConfig({
  DATA_DIR: './data-demo',
  // Demo accounts sign in with the printed password, without a phone app; never in production.
  SUNFLOWER_MFA_FOR_ADMINS: 'false',
  SUNFLOWER_ADMIN_PASSWORD: DEMO_PASSWORD,
  ...process.env,
});
const persons = Number(process.env.SUNFLOWER_DEMO_PERSONS ?? 3000);
let summary: SeedSummary | null = null;

await runServer(config, {
  async beforeListen(database) {
    const demo = (await demoDatabaseState(database.db, config.databaseUrl ? 'The database at DATABASE_URL' : config.dataDir)) === 'demo';
    if (!demo) {
      const cipher = createCipher(loadDataKey({ dataKey: config.dataKey, dataDir: config.dataDir }));
      const clock = systemClock(config.timeZone);
      const services = createServices({ database, config, clock, cipher });
      await bootstrap(services, { adminPassword: DEMO_PASSWORD });
      // The admin of a demo keeps the printed password too.
      await database.db.execute(sql`update users set must_change_password = false where username = 'admin'`);
      console.log(`Generating the demo city (${persons} persons, 3 years)…`);
      summary = await seedCity(database, cipher, {
        persons,
        years: 3,
        seed: 20261122,
        today: clock.today(),
        staffPassword: DEMO_PASSWORD,
        demo: true,
        recompute: () => services.supervision.recomputeAll(),
        reclassify: () => services.warnings.reclassifyAll(database.db),
        delisting: () => database.db.transaction((tx) => services.sealing.runDaily(tx, { force: true })),
        log: (m) => console.log(`  ${m}`),
      });
      // #15 reports: last month's bulletin (月通报) of each district, as the schedule makes it on the 3rd.
      const bulletins = await services.reports.generateForDistricts(previousMonth(clock.today()));
      console.log(`  monthly bulletins of ${previousMonth(clock.today())}: ${bulletins.map((b) => `${b.orgUnit.name} ${b.state} ${b.sizeBytes ?? 0} B`).join(', ')}`);
      console.log(
        `Demo city ready in ${summary.seconds} s: ${summary.units} units, ${summary.staff} staff accounts, ${summary.persons} persons, ${summary.measures} measures, ${summary.records} supervision records.`,
      );
    }
  },
  banner: [
    '',
    '================ Sunflower DEMO (synthetic data) ================',
    `  Every demo account's password: ${DEMO_PASSWORD}`,
    '  admin (all three administrators) · sysadmin · secadmin · auditor',
    '  city.office (city drug-control office) · d1.office · d1.partner · leader',
    '  s1.officer (street officer, decides leave) · s1.police · c1.sw1 (social worker) · grid workers g…',
    '==================================================================',
    '',
  ],
});
