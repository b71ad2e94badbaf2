import { z } from 'zod';

// Every knob of a deployment, read once from the environment. Defaults follow RULES P7.
const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

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
  SUNFLOWER_IDLE_TIMEOUT_MINUTES: z.coerce.number().int().min(1).default(30),
  SUNFLOWER_SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  SUNFLOWER_MFA_FOR_ADMINS: bool.default(true),
  SUNFLOWER_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  SUNFLOWER_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SUNFLOWER_WEB_DIR: z.string().default('./dist/web'),
  /** Largest uploaded document, in MB (decimals allowed). */
  SUNFLOWER_DOCUMENT_MAX_MB: z.coerce.number().positive().max(200).default(10),
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
  security: SecurityPolicy;
  logLevel: string;
  webDir: string;
  /** Largest uploaded document file, in bytes. */
  documentMaxBytes: number;
}

export interface SecurityPolicy {
  passwordMinLength: number;
  passwordMinClasses: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
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
    logLevel: e.SUNFLOWER_LOG_LEVEL,
    webDir: e.SUNFLOWER_WEB_DIR,
    documentMaxBytes: Math.round(e.SUNFLOWER_DOCUMENT_MAX_MB * 1024 * 1024),
    security: {
      passwordMinLength: e.SUNFLOWER_PASSWORD_MIN_LENGTH,
      passwordMinClasses: e.SUNFLOWER_PASSWORD_MIN_CLASSES,
      lockoutThreshold: e.SUNFLOWER_LOCKOUT_THRESHOLD,
      lockoutMinutes: e.SUNFLOWER_LOCKOUT_MINUTES,
      idleTimeoutMinutes: e.SUNFLOWER_IDLE_TIMEOUT_MINUTES,
      sessionMaxHours: e.SUNFLOWER_SESSION_MAX_HOURS,
      mfaForAdmins: e.SUNFLOWER_MFA_FOR_ADMINS,
      loginRatePerMinute: e.SUNFLOWER_LOGIN_RATE_PER_MINUTE,
    },
  };
}
