// Signed in while offline (issue 17): /api/auth/me cannot answer without a signal, so the app
// opens with the account as it last answered on this device — only for those who record in the
// field (supervision.write), and never with the CSRF token (the next request online fetches a
// fresh one). The server still decides everything once reached: a session that ended meanwhile
// is a 401 then, and the outbox waits for the next sign-in.
import { ApiError, csrfKnown } from '../api/client';
import { authApi, type Me } from '../api/auth';
import { isoDateIn, setDeploymentCalendar } from '../components/dates';
import { dropSnapshot, getSnapshot, putSnapshot } from './store';

interface Remembered {
  me: Omit<Me, 'csrfToken'>;
  /** The server's clock minus the device's, when it answered: "today" keeps coming from the server. */
  skewMs: number;
}

let offline = false;
/** The account shown is the remembered one: no request has reached the server yet. */
export const signedInOffline = () => offline;

const fieldUser = (me: Me) => me.stage === 'active' && me.permissions.includes('supervision.write');

/** GET /api/auth/me, or without a signal the account remembered on this device. */
export async function meOrRemembered(): Promise<Me> {
  try {
    const me = await authApi.me();
    offline = false;
    if (fieldUser(me)) {
      const { csrfToken: _token, ...rest } = me;
      void putSnapshot('me', { me: rest, skewMs: Date.parse(me.calendar.now) - Date.now() } satisfies Remembered).catch(() => undefined);
    }
    return me;
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 0)) throw e;
    const kept = await getSnapshot<Remembered>('me').catch(() => null);
    if (!kept) throw e;
    offline = true;
    const now = new Date(Date.now() + kept.skewMs);
    const calendar = { timeZone: kept.me.calendar.timeZone, now: now.toISOString(), today: isoDateIn(now, kept.me.calendar.timeZone) };
    setDeploymentCalendar(calendar);
    return { ...kept.me, calendar, csrfToken: '' };
  }
}

/** Before the outbox sends: a session remembered offline has no CSRF token yet; fetch the account first. */
export async function ensureFreshSession(): Promise<void> {
  if (csrfKnown()) return;
  await authApi.me();
  offline = false;
}

/** The session ended (401, idle timeout): the person data of the day goes; unsent records stay for the next sign-in. */
export async function forgetDay(): Promise<void> {
  await Promise.all([dropSnapshot('day'), dropSnapshot('me')]).catch(() => undefined);
}
