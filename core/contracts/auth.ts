import { z } from 'zod';

export const sessionStage = z.enum(['mfa', 'password_change', 'mfa_setup', 'active']);
export type SessionStage = z.infer<typeof sessionStage>;

export const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export const stageResponse = z.object({ stage: sessionStage, csrfToken: z.string() });
export const codeBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});
export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
export const mfaSetupResponse = z.object({ secret: z.string(), uri: z.string() });
/** From a signed-in session, replacing (or first adding) an authenticator needs the current code or the password. */
export const mfaSetupBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/)
      .optional(),
    password: z.string().min(1).max(200).optional(),
  })
  .nullish();

export const grantSummary = z.object({
  orgUnitId: z.uuid(),
  orgPath: z.string(),
  orgName: z.string(),
  roleCode: z.string(),
  roleNameZh: z.string(),
  roleNameEn: z.string(),
  permissions: z.array(z.string()),
});
export const passwordPolicy = z.object({ minLength: z.number().int(), minClasses: z.number().int() });
export const meResponse = z.object({
  user: z.object({ id: z.uuid(), username: z.string(), displayName: z.string(), orgUnitId: z.uuid() }),
  stage: sessionStage,
  csrfToken: z.string(),
  grants: z.array(grantSummary),
  permissions: z.array(z.string()),
  passwordPolicy,
  demo: z.boolean(),
  /** The deployment's calendar (SUNFLOWER_TZ): the web judges dates by it, never by the browser's clock or zone. */
  calendar: z.object({ today: z.iso.date(), timeZone: z.string(), now: z.iso.datetime() }),
});
export type Me = z.infer<typeof meResponse>;

export const sessionView = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export const sessionList = z.object({ items: z.array(sessionView) });
