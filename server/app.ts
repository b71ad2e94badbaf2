import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config';
import { calendarDate, type Clock } from './clock';
import type { Database, Reader } from './db/client';
import type { DataCipher } from './lib/data-key';
import { installErrorHandling } from './http/errors';
import { inputValidatorCompiler } from './http/validation';
import { logSerializers, safeConsoleLogger } from './http/log-safety';
import { installAuth, type DeclaredRoute } from './http/auth-hook';
import { registerCompression, serveWebApp } from './http/web-app';
import { createAuditService } from './modules/audit/service';
import { createHeadSigner } from './modules/audit/signing';
import { HEAD_FILE_NAME, SEAL_LOCK } from './modules/audit/sequencer';
import { createOrgService } from './modules/org/service';
import { createSessionService } from './modules/sessions/service';
import { createUserService } from './modules/users/service';
import { createAuthService } from './modules/auth/service';
import { authRoutes } from './modules/auth/routes';
import { orgRoutes } from './modules/org/routes';
import { userRoutes } from './modules/users/routes';
import { auditRoutes } from './modules/audit/routes';
import { healthRoutes } from './modules/health/routes';
import { createScheduler, type Job } from './jobs/scheduler';
import { createDictionaryService } from './modules/dictionaries/service';
import { dictionaryRoutes } from './modules/dictionaries/routes';
import { createPersonService } from './modules/persons/service';
import { personRoutes } from './modules/persons/routes';
import { createMeasureService } from './modules/measures/service';
import { measureRoutes } from './modules/measures/routes';
import { createPolicyService } from './modules/policy/service';
import { policyRoutes } from './modules/policy/routes';
import { createReminderService } from './modules/reminders/service';
import { reminderRoutes } from './modules/reminders/routes';
import { smsSenderFromEnv } from './modules/reminders/senders';
import { createSupervisionService, RECOMPUTE_EVERY_MS } from './modules/supervision/service';
import { verifyDataKey } from './modules/system/service';
import { supervisionRoutes } from './modules/supervision/routes';
import multipart from '@fastify/multipart';
import { createFileCipher } from './lib/file-cipher';
import { createDocumentService } from './modules/documents/service';
import { documentRoutes } from './modules/documents/routes';
import { createLedgerService } from './modules/ledger/service';
import { ledgerRoutes } from './modules/ledger/routes';
import { createPreventionService } from './modules/prevention/service';
import { preventionRoutes, surveyAndTipRoutes } from './modules/prevention/routes';
import { publicPreventionRoutes } from './modules/prevention/public-routes';
import { createAssistanceService } from './modules/assistance/service';
import { assistanceRoutes } from './modules/assistance/routes';
import { createTransferService } from './modules/transfers/service';
import { transferRoutes } from './modules/transfers/routes';
import { createGovernanceService } from './modules/governance/service';
import { governanceRoutes } from './modules/governance/routes';
import { ROLLUP_EVERY_MS } from './modules/governance/rollups';
import { createWarningService, WARNINGS_EVERY_MS } from './modules/warnings/service';
import { warningRoutes } from './modules/warnings/routes';
import { createSealingService, DAILY_LOCK } from './modules/sealing/service';
import { sealingRoutes } from './modules/sealing/routes';
import { createGovOpsService } from './modules/governance-ops/service';
import { govOpsRoutes } from './modules/governance-ops/routes';
import { createReportService, MONTHLY_EVERY_MS, MONTHLY_LOCK } from './modules/reports/service';
import { reportRoutes } from './modules/reports/routes';
import { createAssessmentService } from './modules/assessment/service';
import { assessmentRoutes } from './modules/assessment/routes';

export interface AppDeps {
  database: Database;
  config: Config;
  clock: Clock;
  cipher: DataCipher;
  demo?: boolean;
  logger?: boolean;
  /** Where the log goes (default stdout); tests read it to check that nothing identifies a person. */
  logStream?: NodeJS.WritableStream;
}

/** The composition root: services wired to each other, routes wired to services. */
export function createServices(deps: AppDeps) {
  const db = deps.database.db;
  // Report reads (exports, searches, dashboards) that may be served by the read replica.
  const reader = deps.database.reader;
  const policy = deps.config.security;
  // The batch heads are signed with a key derived from the data key and kept beside it too (issue 9 item 12).
  const audit = createAuditService({
    clock: deps.clock,
    signer: createHeadSigner(deps.cipher.deriveKey('audit-head')),
    headFile: path.resolve(deps.config.dataDir, HEAD_FILE_NAME),
    log: console,
  });
  const org = createOrgService({ db, audit });
  const sessions = createSessionService({ db, clock: deps.clock, policy });
  const users = createUserService({ db, clock: deps.clock, policy, cipher: deps.cipher, audit, org, sessions });
  users.registerOrgUsage();
  const auth = createAuthService({ db, clock: deps.clock, policy, cipher: deps.cipher, audit, users, sessions });
  const dictionaries = createDictionaryService({ db, audit, now: () => deps.clock.now().getTime() });
  const persons = createPersonService({ db, reader, clock: deps.clock, cipher: deps.cipher, audit, org, dictionaries, users, idLookupsPerHour: deps.config.idLookupsPerHour });
  persons.registerOrgUsage();
  const policyService = createPolicyService({ db, clock: deps.clock, audit, org, personPath: (exec, personId) => persons.orgPathOf(exec, personId) });
  policyService.registerOrgUsage();
  const measures = createMeasureService({ db, clock: deps.clock, audit, persons, policy: (exec, personId) => policyService.forPerson(exec, personId) });
  const documents = createDocumentService({
    db,
    clock: deps.clock,
    audit,
    persons,
    filesDir: path.resolve(deps.config.dataDir, 'files'),
    fileCipher: createFileCipher(deps.cipher.deriveKey('files')),
    maxFileBytes: deps.config.documentMaxBytes,
    measureOf: (exec, measureId) => measures.byId(exec, measureId),
  });
  const ledger = createLedgerService({
    db,
    reader,
    clock: deps.clock,
    timeZone: deps.config.timeZone,
    cipher: deps.cipher,
    audit,
    org,
    persons,
    dictionaries,
    log: safeConsoleLogger(),
    singleProcess: deps.database.kind === 'pglite',
    importWorkers: deps.config.importWorkers,
  });
  const jobs: Job[] = [{ name: 'sessions.purge', lockKey: 7_263_100, everyMs: 3_600_000, run: () => sessions.purge() }];
  jobs.push({ name: 'users.purgeLockouts', lockKey: 7_263_101, everyMs: 3_600_000, run: (tx) => users.purgeLockouts(tx) });
  jobs.push({ name: 'audit.seal', lockKey: SEAL_LOCK, everyMs: deps.config.auditSealMs, run: async (tx) => void (await audit.sealTick(tx)) });
  jobs.push({ name: 'ledger.reap', lockKey: 7_263_110, everyMs: 60_000, run: async (tx) => void (await ledger.reapStale(tx)) });
  const reminders = createReminderService({ db, clock: deps.clock, audit, sender: smsSenderFromEnv(process.env, console) });
  const supervision = createSupervisionService({
    db,
    clock: deps.clock,
    audit,
    org,
    persons,
    measures,
    policy: policyService,
    reminders,
    users,
    documents,
    batchTransactions: deps.database.kind === 'postgres',
  });
  const assistance = createAssistanceService({
    db,
    clock: deps.clock,
    audit,
    persons,
    org,
    visitNeeds: (exec, personId) => supervision.latestVisitNeeds(exec, personId),
    isPartnerAccount: async (userId) => (await users.grantsFor(userId)).some((g) => g.permissions.includes('referral.respond')),
    userNames: (exec, ids) => users.names(exec, ids),
    policies: async (exec) => {
      const resolve = await policyService.resolver(exec);
      return (orgPath) => resolve(orgPath).policy;
    },
    // Issue 12 item 1: a measure start, a transfer (C7) or a relapse (T3) makes a re-assessment due.
    triggers: async (exec, ids) => {
      const [community, transfers, positives] = await Promise.all([measures.communityOf(exec, ids), persons.transfersOf(exec, ids), supervision.positiveTestDates(exec, ids)]);
      return [
        ...community.flatMap((c) => (c.measure.startDate ? [{ personId: c.personId, reason: 'measure_start' as const, date: c.measure.startDate }] : [])),
        ...transfers.map((t) => ({ personId: t.personId, reason: 'transfer' as const, date: calendarDate(t.at, deps.config.timeZone) })),
        ...positives.map((r) => ({ personId: r.personId, reason: 'relapse' as const, date: r.date })),
      ];
    },
  });
  // Hourly ticks; the recompute runs once per calendar day (SUNFLOWER_TZ), reminders are deduplicated per task and day.
  jobs.push({ name: 'supervision.recompute', lockKey: 7_263_120, everyMs: RECOMPUTE_EVERY_MS, run: async (tx) => void (await supervision.runDaily(tx)) });
  jobs.push({ name: 'reminders.enqueue', lockKey: 7_263_121, everyMs: 3_600_000, run: async (tx) => void (await supervision.enqueueReminders(tx)) });
  jobs.push({ name: 'reminders.send', lockKey: 7_263_122, everyMs: 60_000, run: async (tx) => void (await reminders.sendDue(tx)) });
  const prevention = createPreventionService({
    db,
    reader,
    clock: deps.clock,
    cipher: deps.cipher,
    audit,
    org,
    userOrgPath: async (exec, id) => (await users.byId(id, exec))?.orgPath,
    publicLimits: deps.config.publicLimits,
    photoMaxBytes: deps.config.documentMaxBytes,
    // #16 item 3 staff capacity
    staff: {
      socialWorkersUnder: (exec, path) => users.roleHoldersUnder(exec, 'social_worker', path),
      names: (exec, ids) => users.names(exec, ids),
      caseloadsUnder: (exec, path) => persons.caseloadsUnder(exec, path),
      capacityPolicy: async (exec, path) => (await policyService.effective(exec, path)).policy.capacity,
    },
  });
  // Issue 13: risk classes and alerts, recomputed with every supervision recompute; escalations and the day's reclassification hourly.
  const warnings = createWarningService({
    db,
    clock: deps.clock,
    audit,
    persons,
    measures,
    supervision,
    assistance,
    reminders,
    policy: policyService,
    users,
    timeZone: deps.config.timeZone,
  });
  jobs.push({ name: 'warnings.hourly', lockKey: 7_263_160, everyMs: WARNINGS_EVERY_MS, run: async (tx) => void (await warnings.runHourly(tx)) });
  // #14 transfers (C7) and handovers from isolation (C10); their deadlines checked hourly, raised once each.
  const transfers = createTransferService({
    db,
    clock: deps.clock,
    audit,
    org,
    persons,
    measures,
    supervision,
    assistance,
    documents,
    reminders,
    users,
    warnings,
    policyAt: async (exec, orgPath) => (await policyService.effective(exec, orgPath)).policy,
  });
  jobs.push({ name: 'transfers.deadlines', lockKey: 7_263_140, everyMs: 3_600_000, run: async (tx) => void (await transfers.raiseOverdue(tx)) });
  // #14 sealing: delisting, sealed files, openings, the access report, the retention purge.
  const sealing = createSealingService({
    db,
    clock: deps.clock,
    audit,
    persons,
    measures,
    org,
    policyResolver: (exec) => policyService.resolver(exec),
    delistingFactsOf: (exec, ids) => supervision.delistingFactsOf(exec, ids),
    drugTestsSince: (exec, personId, from) => supervision.drugTestsSince(exec, personId, from),
    holdersOver: (exec, permission, paths) => users.holdersOver(exec, permission, paths),
    grantsFor: (userId) => users.grantsFor(userId),
    enqueue: (exec, messages) => reminders.enqueue(exec, messages),
    // The rerun skips when nothing the judgement reads changed (bench/sealing.ts).
    inputsFingerprint: async (exec) => [await persons.openFingerprint(exec), await supervision.delistingFingerprint(exec), await policyService.fingerprint(exec)].join('#'),
    // P4 (issue 14): the retention purge across the modules, rows pointing at others first.
    purgers: [
      { module: 'warnings', purgePerson: warnings.purgePerson },
      { module: 'assistance', purgePerson: assistance.purgePerson },
      { module: 'supervision', purgePerson: supervision.purgePerson, purgePersonLast: supervision.purgePersonLast },
      { module: 'documents', purgePerson: documents.purgePerson },
      { module: 'transfers', purgePerson: transfers.purgePerson },
      { module: 'reminders', purgePerson: reminders.purgePerson },
      { module: 'measures', purgePerson: measures.purgePerson },
    ],
  });
  jobs.push({ name: 'sealing.daily', lockKey: DAILY_LOCK, everyMs: 3_600_000, run: async (tx) => void (await sealing.runDaily(tx)) });
  // #15 governance-ops: meetings, risks, budget, 七有, police figures, the weekly dispatch.
  const govOps = createGovOpsService({
    db,
    clock: deps.clock,
    audit,
    org,
    userOrgPath: async (exec, id) => (await users.byId(id, exec))?.orgPath,
    overBudgetPolicy: async (exec, orgPath) => (await policyService.effective(exec, orgPath)).policy.governance.overBudget,
    unitDocumentOf: (exec, id) => documents.unitDocumentOf(exec, id),
    taskCounts: (ctx, q) => supervision.counts(ctx, q),
    openNotices: async (ctx, orgUnitId) =>
      (await supervision.openNoticesUnder(ctx, orgUnitId)).map((n) => ({
        id: n.id,
        reason: n.reason,
        orgUnitName: n.orgUnitName,
        createdAt: n.createdAt,
        deadline: n.deadline,
        overdue: n.overdue,
      })),
  });
  supervision.registerDayItems((exec, actor, today) => govOps.dayItems(exec, actor, today));
  // #12 item 7 (begin): assistance tasks in 今日待办, the calendar and the counts; supervision never reads assistance's tables.
  supervision.registerPersonTasks((exec, actor, audience, range) => assistance.tasksIn(exec, actor, audience, range));
  // #12 item 7 (end)
  // #15 governance: indicators, rollups (refreshed every 15 s from the dirty marks), targets. Built
  // after the services it reads: assistance, prevention (K12–K16), warnings (K17), governance-ops (K18).
  const governance = createGovernanceService({
    db,
    reader,
    clock: deps.clock,
    audit,
    org,
    assistance,
    prevention,
    warnings,
    govOps,
    resolver: (exec) => policyService.resolver(exec),
  });
  jobs.push({ name: 'governance.rollups', lockKey: 7_263_150, everyMs: ROLLUP_EVERY_MS, run: async (tx) => void (await governance.refresh(tx)) });
  // #15 reports: the monthly bulletin (月通报), on demand and on the 3rd for the month before.
  const reports = createReportService({
    db,
    reader,
    clock: deps.clock,
    timeZone: deps.config.timeZone,
    audit,
    org,
    users,
    governance,
    persons,
    measures,
    supervision,
    warnings,
    log: safeConsoleLogger(),
  });
  jobs.push({
    name: 'reports.monthly',
    lockKey: MONTHLY_LOCK,
    everyMs: MONTHLY_EVERY_MS,
    run: async (tx) => void (await reports.runMonthly(tx)),
    afterCommit: () => void reports.settle(),
  });
  // #15 item 5: the quarterly assessment (季考核), scored from the governance service's indicators.
  const assessment = createAssessmentService({ db, clock: deps.clock, audit, org, governance });
  return {
    db,
    reader,
    clock: deps.clock,
    verifyDataKey: () => verifyDataKey(db, deps.cipher, () => persons.encryptedSample(db)),
    audit,
    org,
    sessions,
    users,
    auth,
    dictionaries,
    persons,
    measures,
    documents,
    ledger,
    policy: policyService,
    reminders,
    supervision,
    prevention,
    assistance,
    transfers,
    governance,
    warnings,
    sealing,
    govOps,
    reports,
    assessment,
    scheduler: createScheduler(db, jobs, safeConsoleLogger()),
  };
}
export type Services = ReturnType<typeof createServices>;

export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; services: Services; routes: DeclaredRoute[] }> {
  const services = createServices(deps);
  const app = Fastify({
    // Nothing identifying a person reaches the log (9.8): paths without query values, errors
    // without their SQL parameters, no bodies (server/http/log-safety.ts).
    logger: deps.logger === false ? false : { level: deps.config.logLevel, serializers: logSerializers, ...(deps.logStream ? { stream: deps.logStream } : {}) },
    // By default the socket address is the client: a forged X-Forwarded-For moves neither the
    // sign-in limits nor the address in the audit trail (SUNFLOWER_TRUST_PROXY, issue 9 §5).
    trustProxy: deps.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(inputValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, { global: false });
  await registerCompression(app);
  // Uploads (documents, ledgers): one file per request, bounded; routes may set lower limits.
  await app.register(multipart, { limits: { fileSize: deps.config.documentMaxBytes, files: 1 } });

  const routes = installAuth(app, services.auth, { pluginPublicPrefixes: ['/api/docs'] });
  noteWrites(app, services.reader);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Sunflower API', version: '0.1.0', description: 'Community drug-rehabilitation work platform (向日葵)' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sf_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { config: { access: { permission: 'public', scope: 'none' } }, schema: { hide: true } }, () => app.swagger());
  healthRoutes(app, deps.database, () => !!deps.demo);
  authRoutes(app, {
    auth: services.auth,
    sessions: services.sessions,
    users: services.users,
    secureCookies: deps.config.secureCookies,
    loginRatePerMinute: deps.config.security.loginRatePerMinute,
    // Read at each request: the demo command marks the database after the app is built.
    get demo() {
      return !!deps.demo;
    },
    calendar: () => ({ today: deps.clock.today(), timeZone: deps.config.timeZone, now: deps.clock.now().toISOString() }),
    passwordPolicy: { minLength: deps.config.security.passwordMinLength, minClasses: deps.config.security.passwordMinClasses },
  });
  orgRoutes(app, services.org);
  userRoutes(app, services.users);
  auditRoutes(app, { db: services.db, audit: services.audit, personLabels: (ids) => services.persons.auditLabels(services.db, ids) });
  dictionaryRoutes(app, services.dictionaries);
  personRoutes(app, services.persons);
  measureRoutes(app, services.measures);
  documentRoutes(app, services.documents);
  ledgerRoutes(app, services.ledger);
  policyRoutes(app, services.policy);
  supervisionRoutes(app, services.supervision);
  reminderRoutes(app, services.reminders);
  preventionRoutes(app, services.prevention);
  publicPreventionRoutes(app, services.prevention, { secureCookies: deps.config.secureCookies });
  surveyAndTipRoutes(app, services.prevention);
  assistanceRoutes(app, services.assistance);
  transferRoutes(app, services.transfers);
  governanceRoutes(app, services.governance);
  warningRoutes(app, services.warnings);
  sealingRoutes(app, services.sealing);
  govOpsRoutes(app, services.govOps, services.documents);
  reportRoutes(app, services.reports);
  assessmentRoutes(app, services.assessment);
  serveWebApp(app, deps.config.webDir);

  return { app, services, routes };
}

/**
 * Read-your-own-write with a read replica: a successful write request keeps its user's reader
 * reads on the primary until the standby has replayed it. onSend runs after the handler's
 * transaction committed and before the client can send its next request.
 */
function noteWrites(app: FastifyInstance, reader: Reader): void {
  app.addHook('onSend', async (req, _reply, payload) => {
    // Whatever the status: a failed write is rare, and the cost of noting it is a primary read.
    if (req.principal && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) reader.wrote(req.principal.userId);
    return payload;
  });
}
