// Dictionary values as people write them (issue 9.19): a ledger says 中专 where the dictionary
// has 中等职业教育, 摇头丸(MDMA) with ASCII brackets where it has 摇头丸（MDMA）, ｈｅｒｏｉｎ in
// full width. Matching folds width (NFKC), brackets and spaces, and knows each entry's aliases and
// common short forms; it says how it matched, so the import report can tell the user. Pure.

export interface MatchableEntry {
  code: string;
  nameZh: string;
  nameEn: string;
  aliases: string[] | null;
  active: boolean;
}

/** How a value was recognised: `alias` and `short` are reported to the user, the others are exact. */
export type MatchVia = 'code' | 'name' | 'alias' | 'short';
export interface DictionaryMatch {
  code: string;
  /** The entry's Chinese name, to say what the value was read as. */
  nameZh: string;
  via: MatchVia;
}

const OPENING = /[【〔［〖〈《「『｛[{<（]/g;
const CLOSING = /[】〕］〗〉》」』｝\]}>）]/g;

/** A value as compared: NFKC (full width → ASCII), every kind of bracket as ( ), no spaces, lower case. */
export function foldForMatch(value: string): string {
  return value
    .normalize('NFKC')
    .replace(OPENING, '(')
    .replace(CLOSING, ')')
    .replace(/[\s\u3000\u200b]+/g, '')
    .toLowerCase();
}

/** Short forms ledgers use for an entry: the parts in and before brackets (冰毒 for 甲基苯丙胺（冰毒）), 汉 for 汉族, 1 for 01. */
function shortForms(kind: string, e: MatchableEntry): string[] {
  const out = [...e.nameZh.split(/[（）()]/), ...e.nameEn.split(/[()]/)];
  if (kind === 'ethnicity' && e.nameZh.endsWith('族')) out.push(e.nameZh.slice(0, -1));
  if (/^0\d$/.test(e.code)) out.push(e.code.slice(1));
  return out;
}

/**
 * A lookup over the active entries of one kind. Exact forms first (code, then name), then
 * aliases, then short forms; a folded key claimed by two entries matches neither (ambiguous).
 */
export function buildMatcher(kind: string, entries: readonly MatchableEntry[]): (value: string) => DictionaryMatch | undefined {
  const active = entries.filter((e) => e.active);
  const tiers: [MatchVia, Map<string, MatchableEntry | null>][] = [
    ['code', new Map()],
    ['name', new Map()],
    ['alias', new Map()],
    ['short', new Map()],
  ];
  const add = (tier: number, key: string, e: MatchableEntry) => {
    const k = foldForMatch(key);
    if (!k) return;
    const map = tiers[tier]![1];
    const prev = map.get(k);
    map.set(k, prev === undefined || prev === e ? e : null);
  };
  for (const e of active) {
    add(0, e.code, e);
    add(1, e.nameZh, e);
    add(1, e.nameEn, e);
    for (const a of e.aliases ?? []) add(2, a, e);
    for (const s of shortForms(kind, e)) add(3, s, e);
  }
  const exactCode = new Map(active.map((e) => [e.code, e]));
  return (value) => {
    const v = value.trim();
    const direct = exactCode.get(v);
    if (direct) return { code: direct.code, nameZh: direct.nameZh, via: 'code' };
    const k = foldForMatch(v);
    for (const [via, map] of tiers) {
      const e = map.get(k);
      if (e) return { code: e.code, nameZh: e.nameZh, via };
      if (e === null) return undefined;
    }
    return undefined;
  };
}

/** The folded keys an entry answers to (its code, names and aliases), to refuse an alias another entry already has. */
export function keysOf(e: Pick<MatchableEntry, 'code' | 'nameZh' | 'nameEn' | 'aliases'>): string[] {
  return [e.code, e.nameZh, e.nameEn, ...(e.aliases ?? [])].map(foldForMatch).filter(Boolean);
}
