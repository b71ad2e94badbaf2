import type { FormInstance } from 'antd';
import { ApiError } from './client';
import type { Lang } from '../i18n/lang';

type NamePath = (string | number)[];

/** Every field the form has registered, nested ones as `familyContacts.0.phone`, plus its top-level names. */
function registeredNames(form: FormInstance): Set<string> {
  const names = new Set(Object.keys(form.getFieldsValue()));
  form.getFieldsValue({
    filter: (meta) => {
      if (meta) names.add(meta.name.join('.'));
      return false;
    },
  });
  return names;
}

/**
 * The form field a server path names. The path may carry prefixes the form does not have
 * (`body.`, `meta.`), so its tails are tried from the longest; a single last segment may be
 * renamed through `aliases`.
 */
function fieldOf(path: string, registered: Set<string>, aliases: Record<string, string>): NamePath | null {
  const segments: NamePath = path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (let i = 0; i < segments.length; i++) {
    const tail = segments.slice(i);
    if (tail.length === 1) {
      const name = aliases[String(tail[0])] ?? String(tail[0]);
      return registered.has(name) ? [name] : null;
    }
    if (registered.has(tail.join('.'))) return tail;
  }
  return null;
}

/**
 * Puts the server's field errors on the form's own fields (see `fieldOf`).
 * Returns true when every field error found a field, so the caller need not show a general message.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, lang: Lang, aliases: Record<string, string> = {}): boolean {
  if (!(err instanceof ApiError) || err.fields.length === 0) return false;
  const registered = registeredNames(form);
  const byName = new Map<string, { name: NamePath; errors: string[] }>();
  let unmatched = false;
  for (const f of err.fields) {
    const name = fieldOf(f.path, registered, aliases);
    if (!name) {
      unmatched = true;
      continue;
    }
    const key = name.join('.');
    const entry = byName.get(key) ?? { name, errors: [] };
    entry.errors.push(f.message[lang]);
    byName.set(key, entry);
  }
  form.setFields([...byName.values()]);
  return !unmatched && byName.size > 0;
}
