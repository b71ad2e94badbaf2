import net from 'node:net';
import { z } from 'zod';

// Every knob of a deployment, read once from the environment. Defaults follow RULES P7.
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  /** A streaming standby of DATABASE_URL for report reads (exports, searches, dashboards). */
  DATABASE_READ_URL: z.string().optional(),
  /** Staleness of the standby above which report reads go to the primary. */
  DATABASE_READ_MAX_LAG_MS: z.coerce.number().int().min(0).default(5000),
  /** How often the standby's replay position is compared with the primary's. */
  DATABASE_READ_PROBE_MS: z.coerce.number().int().min(100).default(1000),
  SUNFLOWER_TZ: z.string().default('Asia/Shanghai'),
  SUNFLOWER_ADMIN_PASSWORD: z.string().optional(),
  SUNFLOWER_DATA_KEY: z.string().optional(),
  SUNFLOWER_SECURE_COOKIES: bool.default(false),
  SUNFLOWER_PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).default(8),
  SUNFLOWER_PASSWORD_MIN_CLASSES: z.coerce.number().int().min(1).max(4).default(3),
  SUNFLOWER_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).default(5),
  SUNFLOWER_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(30),
  SUNFLOWER_LOCKOUT_ACCOUNT_THRESHOLD: z.coerce.number().int().min(1).default(50),
  SUNFLOWER_IDLE_TIMEOUT_MINUTES: z.coerce.number().int().min(1).default(30),
  SUNFLOWER_SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  SUNFLOWER_MFA_FOR_ADMINS: bool.default(true),
  SUNFLOWER_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  SUNFLOWER_TRUST_PROXY: z.string().default('off'),
  /** City-wide checks of an ID number (is it on file anywhere?) per user and hour (issue 9.7). */
  SUNFLOWER_ID_LOOKUPS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Worker threads a ledger import prepares rows in (default: the cores, at most 2; 0: none). */
  SUNFLOWER_IMPORT_WORKERS: z.coerce.number().int().min(0).max(16).optional(),
  SUNFLOWER_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SUNFLOWER_WEB_DIR: z.string().default('./dist/web'),
  /** Largest uploaded document, in MB (decimals allowed). */
  SUNFLOWER_DOCUMENT_MAX_MB: z.coerce.number().positive().max(200).default(10),
  /** How often committed audit rows are sealed into a signed batch, in seconds. */
  SUNFLOWER_AUDIT_SEAL_SECONDS: z.coerce.number().positive().max(300).default(2),
  // #16 public endpoints: submissions per client address and minute (surveys, tips, tip status), and answers per survey link and minute.
  SUNFLOWER_PUBLIC_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  SUNFLOWER_SURVEY_LINK_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** The read replica, when DATABASE_READ_URL is set (PostgreSQL only). */
  readReplica?: { url: string; maxLagMs: number; probeMs: number };
  timeZone: string;
  adminPassword?: string;
  dataKey?: string;
  secureCookies: boolean;
  /** Whose X-Forwarded-For to believe: nobody (the socket address counts), or these proxies. */
  trustProxy: TrustProxy;
  security: SecurityPolicy;
  logLevel: string;
  webDir: string;
  /** Largest uploaded document file, in bytes. */
  documentMaxBytes: number;
  /** City-wide ID-number checks per user and hour (issue 9.7). */
  idLookupsPerHour: number;
  /** Worker threads per ledger import; undefined: the cores, at most 2. */
  importWorkers?: number;
  /** Interval of the audit sequencer (sealing committed rows into signed batches), in ms. */
  auditSealMs: number;
  /** #16: the public endpoints' limits (per address, per survey link), per minute. */
  publicLimits: { perAddressPerMinute: number; perLinkPerMinute: number };
}

export interface SecurityPolicy {
  passwordMinLength: number;
  passwordMinClasses: number;
  /** Wrong passwords or codes from one address that lock that address out of the account (RULES P7). */
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** Wrong passwords or codes from all addresses that lock the account, except from where it last signed in. */
  lockoutAccountThreshold: number;
  idleTimeoutMinutes: number;
  sessionMaxHours: number;
  mfaForAdmins: boolean;
  loginRatePerMinute: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = envSchema.parse(env);
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    // A standby replicates a PostgreSQL server; PGlite has none. Refuse rather than ignore it.
    throw new Error('DATABASE_READ_URL is set without DATABASE_URL: a read replica needs a PostgreSQL primary');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL || undefined,
    readReplica: e.DATABASE_READ_URL ? { url: e.DATABASE_READ_URL, maxLagMs: e.DATABASE_READ_MAX_LAG_MS, probeMs: e.DATABASE_READ_PROBE_MS } : undefined,
    timeZone: e.SUNFLOWER_TZ,
    adminPassword: e.SUNFLOWER_ADMIN_PASSWORD || undefined,
    dataKey: e.SUNFLOWER_DATA_KEY || undefined,
    secureCookies: e.SUNFLOWER_SECURE_COOKIES,
    trustProxy: parseTrustProxy(e.SUNFLOWER_TRUST_PROXY),
    logLevel: e.SUNFLOWER_LOG_LEVEL,
    webDir: e.SUNFLOWER_WEB_DIR,
    documentMaxBytes: Math.round(e.SUNFLOWER_DOCUMENT_MAX_MB * 1024 * 1024),
    idLookupsPerHour: e.SUNFLOWER_ID_LOOKUPS_PER_HOUR,
    importWorkers: e.SUNFLOWER_IMPORT_WORKERS,
    auditSealMs: Math.round(e.SUNFLOWER_AUDIT_SEAL_SECONDS * 1000),
    publicLimits: { perAddressPerMinute: e.SUNFLOWER_PUBLIC_RATE_PER_MINUTE, perLinkPerMinute: e.SUNFLOWER_SURVEY_LINK_RATE_PER_MINUTE },
    security: {
      passwordMinLength: e.SUNFLOWER_PASSWORD_MIN_LENGTH,
      passwordMinClasses: e.SUNFLOWER_PASSWORD_MIN_CLASSES,
      lockoutThreshold: e.SUNFLOWER_LOCKOUT_THRESHOLD,
      lockoutMinutes: e.SUNFLOWER_LOCKOUT_MINUTES,
      lockoutAccountThreshold: e.SUNFLOWER_LOCKOUT_ACCOUNT_THRESHOLD,
      idleTimeoutMinutes: e.SUNFLOWER_IDLE_TIMEOUT_MINUTES,
      sessionMaxHours: e.SUNFLOWER_SESSION_MAX_HOURS,
      mfaForAdmins: e.SUNFLOWER_MFA_FOR_ADMINS,
      loginRatePerMinute: e.SUNFLOWER_LOGIN_RATE_PER_MINUTE,
    },
  };
}

export type TrustProxy = false | string[];

/** proxy-addr's names for address ranges, accepted beside addresses and CIDRs. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * SUNFLOWER_TRUST_PROXY: `off` (default: X-Forwarded-For is ignored, the socket address is the
 * client), or the reverse proxies whose X-Forwarded-For is believed, by address, CIDR or range
 * name (`loopback`, `10.0.0.5,10.1.0.0/16`). "Trust everyone" is not offered: any client could
 * then choose the address that the sign-in limits and the audit trail see.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'off' || v === 'false') return false;
  const entries = v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (PROXY_RANGES.has(entry)) continue;
    const [address, bits, extra] = entry.split('/');
    const kind = net.isIP(address ?? '');
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (kind === 6 ? 128 : 32));
    if (!kind || !bitsOk || extra !== undefined) {
      throw new Error(`SUNFLOWER_TRUST_PROXY: "${entry}" is neither "off" nor a proxy address, CIDR or range (loopback, linklocal, uniquelocal)`);
    }
  }
  return entries;
}
