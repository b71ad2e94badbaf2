import dayjs, { type Dayjs } from 'dayjs';

/** Today in the viewer's calendar, as the server's ISO date. */
export const todayIso = () => dayjs().format('YYYY-MM-DD');

/** A DatePicker value as an ISO date (YYYY-MM-DD), or undefined. */
export const toIsoDate = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** An ISO date from the server as a DatePicker value. */
export const fromIsoDate = (s: string | null | undefined) => (s ? dayjs(s, 'YYYY-MM-DD') : undefined);

/** DatePicker: no day after today (birth, decisions, events already happened). */
export const afterToday = (d: Dayjs) => d.isAfter(dayjs(), 'day');
