import { z } from 'zod';
import { int32 } from './common';

/** Other ways a value is written (中专 for 中等职业教育), matched by the ledger import (issue 9.19). */
const aliases = z.array(z.string().trim().min(1).max(60)).max(30);

export const dictionaryEntry = z.object({
  id: z.uuid(),
  kind: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  category: z.string().nullable(),
  sort: z.number().int(),
  active: z.boolean(),
  aliases: z.array(z.string()),
});
export type DictionaryEntryView = z.infer<typeof dictionaryEntry>;

export const dictionaryCreate = z.object({
  kind: z
    .string()
    .trim()
    .regex(/^[a-z_]{2,40}$/),
  code: z.string().trim().min(1).max(40),
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(80),
  category: z.string().trim().max(40).nullable().optional(),
  sort: int32().optional(),
  aliases: aliases.optional(),
});

export const dictionaryPatch = z.object({
  nameZh: z.string().trim().min(1).max(60).optional(),
  nameEn: z.string().trim().min(1).max(80).optional(),
  category: z.string().trim().max(40).nullable().optional(),
  sort: int32().optional(),
  active: z.boolean().optional(),
  /** The whole list (replaces the aliases); [] removes them all. */
  aliases: aliases.optional(),
});
