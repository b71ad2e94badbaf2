/// <reference types="vite/client" />
import { StrictMode, useCallback } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api/client';
import type { Me } from './api/auth';
import { meOrRemembered } from './offline/session';
import { FirstSignIn } from './pages/login/FirstSignIn';
import './styles.css';

// The entry holds React and the light sign-in screen only; the app (antd, the router, every page)
// is a chunk of its own, loaded once there is a session, or while the user types on the sign-in
// form (issue 17 §6, docs/decisions/0016-light-sign-in-entry.md).
const root = createRoot(document.getElementById('root')!);
const loadApp = () => import('./App');

/** The app takes over the page; `me`, when known, spares it a second /api/auth/me. */
async function startApp(me?: Me) {
  const { App, primeSession } = await loadApp();
  if (me) primeSession(me);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

/** Where the user was going before the app sent him to sign in (React Router keeps it in history.state). */
function intendedPath(): string {
  const from = (history.state as { usr?: { from?: unknown } } | null)?.usr?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

function Entry() {
  const onShown = useCallback(() => {
    void loadApp().then((m) => m.preloadStartPages());
  }, []);
  const onSignedIn = async () => {
    const me = await meOrRemembered();
    history.replaceState(null, '', intendedPath());
    await startApp(me);
  };
  const onNextStep = async () => {
    history.replaceState(null, '', '/login');
    await startApp();
  };
  return <FirstSignIn onSignedIn={onSignedIn} onNextStep={onNextStep} onShown={onShown} />;
}

const showSignIn = () =>
  root.render(
    <StrictMode>
      <Entry />
    </StrictMode>,
  );

/**
 * /login, or the start page without a session: the light sign-in screen. A session found on
 * /login (a reload mid-way through two-step sign-in, or one already signed in) goes to the app's
 * own sign-in page, which knows every step. Anything else is the app.
 */
async function boot() {
  const path = location.pathname;
  if (path !== '/' && path !== '/login') return startApp();
  if (path === '/login') showSignIn();
  try {
    const me = await meOrRemembered();
    await startApp(me);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      if (path === '/') showSignIn();
    } else if (path === '/') await startApp();
  }
}

void boot();

// The service worker caches the app shell so the app opens without a signal (issue 17); only in
// the built app (the dev server has no sw.js).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}
