import { todayIso } from '../../components/dates';

/** An ISO date without its year when it is this year's (MM-DD): short enough for a phone's line. */
export function shortDate(iso: string, thisYear = todayIso().slice(0, 4)): string {
  return iso.startsWith(`${thisYear}-`) ? iso.slice(5) : iso;
}
