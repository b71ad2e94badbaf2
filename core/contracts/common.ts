import { z } from 'zod';

export const uuidSchema = z.uuid();
export const idParams = z.object({ id: z.uuid() });
/** The deepest page a list may be asked for (beyond it a query is a 400, never a database error). */
export const MAX_OFFSET = 10_000_000;
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0),
});
export const localized = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: localized,
    fields: z.array(z.object({ path: z.string(), code: z.string(), message: localized })).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export const okBody = z.object({ ok: z.literal(true) });
export const isoDateTime = z.string();
/** Trimmed, non-empty, bounded text: what every name field is. */
export const nameText = (max = 100) => z.string().trim().min(1).max(max);

/** The largest and smallest values of a PostgreSQL `integer`: an integer input beyond them cannot be stored. */
export const INT32_MAX = 2_147_483_647;
export const INT32_MIN = -2_147_483_648;
/** An integer that fits an `integer` column (a larger one is a 400, never a database error). */
export const int32 = () => z.number().int().min(INT32_MIN).max(INT32_MAX);

/**
 * Every string anywhere in `value`, with its path. PostgreSQL's text cannot hold U+0000, so a
 * NUL in any input is refused at validation with the field named, for every route at once,
 * rather than in each of the hundreds of string fields (the server's validator applies it).
 */
function nulPaths(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(path);
  } else if (Array.isArray(value)) value.forEach((v, i) => nulPaths(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) nulPaths(v, [...path, k], out);
  return out;
}

/** `schema`, refusing first any input holding a NUL character (code `validation.nul_character`). */
export function withoutNulCharacters<T extends z.ZodType>(schema: T) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      for (const path of nulPaths(value)) ctx.addIssue({ code: 'custom', path, message: 'NUL character', params: { code: 'validation.nul_character' } });
    })
    .pipe(schema);
}
