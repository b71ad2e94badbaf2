import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { saveLang, storedLang, type Lang } from './lang';
import { zhCN, type MessageKey } from './zh-CN';
import { enUS } from './en-US';
import type { Localized } from '../api/client';

const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** Picks the current language out of a server message `{ 'zh-CN', 'en-US' }`. */
  pick: (m: Localized) => string;
}

const I18nContext = createContext<I18n | null>(null);

export const isMessageKey = (key: string): key is MessageKey => key in zhCN;

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    saveLang(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const dict = dictionaries[lang];
    const t: Translate = (key, params) => (params ? dict[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : dict[key]);
    return { lang, setLang, t, pick: (m) => m[lang] };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
