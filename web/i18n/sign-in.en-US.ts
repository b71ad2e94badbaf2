// The sign-in page's words: the first screen loads them without the rest of the dictionary
// (issue 17 §6, docs/decisions/0016-light-sign-in-entry.md); the full dictionary spreads them back in.
import type { SignInKey } from './sign-in.zh-CN';

export const signInEnUS: Record<SignInKey, string> = {
  'app.name': 'Sunflower',
  'app.subtitle': 'Community drug-rehabilitation platform',
  'common.required': 'Required',
  'common.loadFailed': 'Could not load',
  'lang.label': 'Language',
  'login.title': 'Sign in',
  'login.demoTitle': 'Demo: every record here is synthetic',
  'login.demoHint':
    'Demo accounts (the password is printed in the console at start): c1.sw1 social worker, g… grid workers, s1.officer street officer (decides leave), s1.police police officer, d1.office district office, admin administrator.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
};
