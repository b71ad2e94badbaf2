// The monthly bulletin (月通报, issue 15 item 5): which month a bulletin covers, when the schedule
// makes one, and how a figure is written in it. No clock here: `today` is passed in (style.md).
import { daysInMonth, type IsoDate } from './dates';
import { definitionOf, type IndicatorCode } from './indicators';

export type Month = string; // yyyy-mm

/** The day of the month on which the schedule makes the bulletin of the month before (supervision rhythm 月通报). */
export const BULLETIN_DAY = 3;

export const isMonth = (value: unknown): value is Month => typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) && Number(value.slice(0, 4)) >= 2000;

/** The first and the last day of a month. */
export function monthRange(month: Month): { from: IsoDate; to: IsoDate } {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}` };
}

/** The month before the one of `day`. */
export function previousMonth(day: IsoDate): Month {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** A bulletin of a month not begun yet has nothing to report (the current month, to date, is allowed). */
export function monthProblem(month: Month, today: IsoDate): 'report.month_future' | null {
  return month > today.slice(0, 7) ? 'report.month_future' : null;
}

/** Whether the schedule owes the month before's bulletin on `today`: from the 3rd on (a server down on the 3rd catches up). */
export const scheduledMonth = (today: IsoDate): Month | null => (Number(today.slice(8, 10)) >= BULLETIN_DAY ? previousMonth(today) : null);

/** A figure as the bulletin writes it: a rate with its % sign, a count as is; no data is never 0. */
export function bulletinFigure(code: IndicatorCode, value: number | null): string | null {
  if (value === null) return null;
  return definitionOf(code).unit === 'rate' ? `${value}%` : String(value);
}

/** The numerator and denominator as the bulletin writes them ("12/15"), a count's numerator alone. */
export function bulletinRatio(code: IndicatorCode, numerator: number | null, denominator: number | null): string {
  if (numerator === null) return '—';
  if (definitionOf(code).unit === 'count' || denominator === null) return String(numerator);
  return `${numerator}/${denominator}`;
}
