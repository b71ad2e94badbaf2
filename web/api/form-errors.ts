import type { FormInstance } from 'antd';
import { ApiError } from './client';
import type { Lang } from '../i18n/lang';

/**
 * Puts the server's field errors on the form's own fields, matched by the last path segment
 * (or through `aliases` where the server names a field differently from the form).
 * Returns true when every field error found a field, so the caller need not show a general message.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, lang: Lang, aliases: Record<string, string> = {}): boolean {
  if (!(err instanceof ApiError) || err.fields.length === 0) return false;
  const registered = new Set(Object.keys(form.getFieldsValue()));
  const byName = new Map<string, string[]>();
  let unmatched = false;
  for (const f of err.fields) {
    const last = f.path.split('.').pop() ?? '';
    const name = aliases[last] ?? last;
    if (!registered.has(name)) {
      unmatched = true;
      continue;
    }
    byName.set(name, [...(byName.get(name) ?? []), f.message[lang]]);
  }
  form.setFields([...byName].map(([name, errors]) => ({ name, errors })));
  return !unmatched && byName.size > 0;
}
