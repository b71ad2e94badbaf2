import dayjs, { type Dayjs } from 'dayjs';

// What day it is comes from the server: the deployment's calendar (SUNFLOWER_TZ) that
// /api/auth/me carries, never the browser's zone or the date its clock shows. The browser's
// clock only measures the time since that answer, so "today" still turns at the deployment's
// midnight while a page stays open.
let deployment: { timeZone: string; skewMs: number } | null = null;

/** Called with every /api/auth/me answer. */
export function setDeploymentCalendar(calendar: { timeZone: string; now: string }): void {
  deployment = { timeZone: calendar.timeZone, skewMs: Date.parse(calendar.now) - Date.now() };
}

function known() {
  // Pages that judge dates render inside the signed-in layout, after /api/auth/me answered.
  if (!deployment) throw new Error('the deployment calendar is not known before /api/auth/me answers');
  return deployment;
}

/** The deployment's time zone (SUNFLOWER_TZ), or undefined before sign-in. */
export const deploymentTimeZone = (): string | undefined => deployment?.timeZone;

const isoDateFormats = new Map<string, Intl.DateTimeFormat>();
/** The calendar date of an instant in a time zone (en-CA writes YYYY-MM-DD). */
export function isoDateIn(at: Date, timeZone: string): string {
  let f = isoDateFormats.get(timeZone);
  if (!f) isoDateFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(at);
}

/** Today in the deployment's calendar, as the server's ISO date. */
export function todayIso(): string {
  const d = known();
  return isoDateIn(new Date(Date.now() + d.skewMs), d.timeZone);
}

/** Today in the deployment's calendar as a DatePicker value. */
export const today = (): Dayjs => dayjs(todayIso());

/** A DatePicker value as an ISO date (YYYY-MM-DD), or undefined. */
export const toIsoDate = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** An ISO date from the server as a DatePicker value. */
export const fromIsoDate = (s: string | null | undefined) => (s ? dayjs(s, 'YYYY-MM-DD') : undefined);

/** DatePicker: no day after today (birth, decisions, events already happened). */
export const afterToday = (d: Dayjs) => d.format('YYYY-MM-DD') > todayIso();
