import { ApiError, type Localized } from '../../api/client';

/** A failure as one line for an alert in a dialog: the field messages when the form had no field for them. */
export function errorText(err: unknown, pick: (m: Localized) => string, fallback: string): string {
  if (!(err instanceof ApiError)) return fallback;
  return err.fields.length ? err.fields.map((f) => pick(f.message)).join('; ') : pick(err.messages);
}
