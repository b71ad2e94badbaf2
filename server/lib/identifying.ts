/**
 * Patterns of what identifies a person in free text: resident ID numbers (18 characters with
 * their check character, and the 15-digit first generation) and mainland mobile numbers. Used to
 * keep them out of the audit trail's free text, and by the test that scans the server's log.
 * Bounded by non-digits, so longer digit runs (timestamps, counters) do not match.
 */
export const IDENTIFYING_PATTERNS: { name: string; pattern: RegExp }[] = [
  { name: 'id_number_18', pattern: /(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g },
  { name: 'id_number_15', pattern: /(?<![0-9])[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9])/g },
  { name: 'phone', pattern: /(?<![0-9])1[3-9]\d{9}(?![0-9])/g },
];

/** The text with every identifying number replaced by a mark of its kind. */
export function redactIdentifiers(text: string): string {
  let out = text;
  for (const { name, pattern } of IDENTIFYING_PATTERNS) out = out.replace(pattern, `[${name}]`);
  return out;
}

/** The kinds of identifying numbers found in `text` (empty when none). */
export function findIdentifiers(text: string): string[] {
  return IDENTIFYING_PATTERNS.filter(({ pattern }) => new RegExp(pattern.source).test(text)).map((p) => p.name);
}
