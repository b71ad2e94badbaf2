export const langs = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof langs)[number];
export const isLang = (v: unknown): v is Lang => langs.includes(v as Lang);

const STORAGE_KEY = 'sunflower.lang';

/** The language chosen on this device, zh-CN when none (or storage is closed, as in private mode). */
export function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLang(v) ? v : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}
