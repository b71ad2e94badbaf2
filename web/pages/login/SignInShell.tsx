import type { ReactNode } from 'react';
import { langs, type Lang } from '../../i18n/lang';
import { signInText } from '../../i18n/sign-in';
import './sign-in.css';

const langNames: Record<Lang, string> = { 'zh-CN': '中文', 'en-US': 'EN' };

interface Props {
  lang: Lang;
  onLang: (lang: Lang) => void;
  /** A demo city: every record is synthetic, and the page says so before anyone types. */
  demo: boolean;
  title: string;
  /** Beside the title (e.g. "back to sign-in" on a later step). */
  extra?: ReactNode;
  children: ReactNode;
}

/**
 * The frame of every sign-in step, in plain markup: it is the first screen on a weak signal
 * (issue 17 §6), drawn before antd has loaded, so it must not need antd.
 */
export function SignInShell({ lang, onLang, demo, title, extra, children }: Props) {
  const t = signInText(lang);
  return (
    <main className="sf-signin">
      <div className="sf-signin__bar" role="group" aria-label={t('lang.label')}>
        {langs.map((l) => (
          <button key={l} type="button" className="sf-signin__lang" aria-pressed={l === lang} onClick={() => onLang(l)}>
            {langNames[l]}
          </button>
        ))}
      </div>
      <header className="sf-signin__brand">
        <span className="sf-signin__name">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          {t('app.name')}
        </span>
        <span className="sf-signin__subtitle">{t('app.subtitle')}</span>
      </header>
      {demo && (
        <div className="sf-signin__demo" role="note" data-testid="demo-banner">
          <strong>{t('login.demoTitle')}</strong>
          <p>{t('login.demoHint')}</p>
        </div>
      )}
      <section className="sf-signin__card" aria-labelledby="sf-signin-title">
        <div className="sf-signin__head">
          <h1 id="sf-signin-title">{title}</h1>
          {extra}
        </div>
        {children}
      </section>
    </main>
  );
}
