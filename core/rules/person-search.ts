/**
 * What a person search looked for, without what it looked for: the audit trail records the kind
 * of a search, never its text (RULES P6; issue 9 item 1). The kinds follow how the person list
 * reads its `q`: letters are pinyin (or its initials), four characters the ID's last four, a
 * whole resident ID number (18, or 15 of the first generation) an exact lookup, else a name.
 */
export type PersonSearchKind = 'pinyin' | 'id_last4' | 'id_number' | 'name';

export function personSearchKind(text: string | null | undefined): PersonSearchKind | null {
  const t = text?.trim();
  if (!t) return null;
  if (/^[a-zA-Z]+$/.test(t)) return 'pinyin';
  if (/^\d{3}[\dXx]$/.test(t)) return 'id_last4';
  if (/^\d{17}[\dXx]$/.test(t) || /^\d{15}$/.test(t)) return 'id_number';
  return 'name';
}
