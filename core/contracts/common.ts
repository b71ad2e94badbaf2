import { z } from 'zod';

export const uuidSchema = z.uuid();
export const idParams = z.object({ id: z.uuid() });
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: localized,
    fields: z.array(z.object({ path: z.string(), code: z.string(), message: localized })).optional(),
  }),
});
export const okBody = z.object({ ok: z.literal(true) });
export const isoDateTime = z.string();
/** Trimmed, non-empty, bounded text: what every name field is. */
export const nameText = (max = 100) => z.string().trim().min(1).max(max);
