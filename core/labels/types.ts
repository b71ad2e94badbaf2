// The shape of a code list: every code with its zh-CN and en-US label, in display order.

export const langs = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof langs)[number];

/** A code's label: Chinese first (the default language), then English. */
export type Label = readonly [zh: string, en: string];

/** Codes in display order (an object keeps its keys' insertion order). */
export type CodeList<C extends string = string> = Readonly<Record<C, Label>>;

/** A text in both languages, as the API sends it. */
export type Localized = Record<Lang, string>;
