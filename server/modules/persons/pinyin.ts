import { pinyin } from 'pinyin-pro';

/**
 * Full pinyin and initials of a name, lower case without tones, for search (`zs` finds 张三).
 * Surname mode reads polyphonic surnames the way names are read (单 shan, 曾 zeng).
 */
export function namePinyin(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true, nonZh: 'consecutive' });
  const clean = syllables.map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')).filter(Boolean);
  return { full: clean.join(''), initials: clean.map((s) => s[0]).join('') };
}
