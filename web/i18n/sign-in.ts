import type { Lang } from './lang';
import { signInZhCN, type SignInKey } from './sign-in.zh-CN';
import { signInEnUS } from './sign-in.en-US';

export type { SignInKey };

const dictionaries: Record<Lang, Record<SignInKey, string>> = { 'zh-CN': signInZhCN, 'en-US': signInEnUS };

/** The sign-in page's words in one language, without the app's I18nProvider (the first screen has none). */
export const signInText =
  (lang: Lang) =>
  (key: SignInKey): string =>
    dictionaries[lang][key];
