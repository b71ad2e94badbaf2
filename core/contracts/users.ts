import { z } from 'zod';
import { nameText, MAX_OFFSET } from './common';

export const username = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[A-Za-z][A-Za-z0-9._-]*$/);

export const userView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  orgUnitId: z.uuid(),
  orgName: z.string(),
  active: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  /** A two-part password reset waits for its second part, issued by a security administrator. */
  resetPending: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userView>;

export const userList = z.object({ items: z.array(userView), total: z.number().int() });
export const userListQuery = z.object({
  q: z.string().trim().max(64).optional(),
  orgUnitId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0),
});
export const createUserBody = z.object({
  username,
  displayName: nameText(64),
  orgUnitId: z.uuid(),
  /** Optional initial password; if absent a one-time password is generated and shown once. */
  password: z.string().min(1).max(200).optional(),
});
export const createUserResponse = z.object({ user: userView, oneTimePassword: z.string().nullable() });
export const updateUserBody = z.object({
  displayName: nameText(64).optional(),
  orgUnitId: z.uuid().optional(),
  active: z.boolean().optional(),
});
/**
 * `whole`: the one-time password. `first` / `second`: one part each of a two-part reset (an
 * account with person data, RULES P6): the holder types the first part, then the second.
 */
export const resetPart = z.enum(['whole', 'first', 'second']);
export const oneTimePasswordResponse = z.object({ oneTimePassword: z.string(), part: resetPart });

export const grantView = z.object({
  id: z.uuid(),
  roleId: z.uuid(),
  roleCode: z.string(),
  roleNameZh: z.string(),
  roleNameEn: z.string(),
  orgUnitId: z.uuid(),
  orgName: z.string(),
});
export const grantList = z.object({ items: z.array(grantView) });
export const createGrantBody = z.object({ roleId: z.uuid(), orgUnitId: z.uuid() });

export const roleView = z.object({
  id: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  builtin: z.boolean(),
  permissions: z.array(z.string()),
});
export const roleList = z.object({ items: z.array(roleView) });
export const createRoleBody = z.object({
  code: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .regex(/^[a-z][a-z0-9_]*$/),
  nameZh: nameText(40),
  nameEn: nameText(60),
  permissions: z.array(z.string()).max(100),
});
export const updateRoleBody = createRoleBody.omit({ code: true }).partial();
