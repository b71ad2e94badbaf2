export const langs = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof langs)[number];
export const isLang = (v: unknown): v is Lang => langs.includes(v as Lang);
