import { z } from 'zod';
import { nameText } from './common';

export const orgLevels = ['city', 'district', 'street', 'community', 'grid'] as const;
export const orgLevel = z.enum(orgLevels);
export type OrgLevel = z.infer<typeof orgLevel>;

export const orgUnit = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  level: orgLevel,
  name: z.string(),
  code: z.string().nullable(),
  path: z.string(),
  depth: z.number().int(),
  active: z.boolean(),
});
export type OrgUnit = z.infer<typeof orgUnit>;

export const createOrgUnit = z.object({
  parentId: z.uuid(),
  level: orgLevel,
  name: nameText(),
  code: z
    .string()
    .trim()
    .max(32)
    .regex(/^[A-Za-z0-9_-]*$/)
    .optional(),
});
export const updateOrgUnit = z.object({
  name: nameText().optional(),
  code: z
    .string()
    .trim()
    .max(32)
    .regex(/^[A-Za-z0-9_-]*$/)
    .nullable()
    .optional(),
  active: z.boolean().optional(),
});
export const moveOrgUnit = z.object({ parentId: z.uuid() });
