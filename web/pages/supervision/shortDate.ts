/** An ISO date without its year when it is this year's (MM-DD): short enough for a phone's line. */
export function shortDate(iso: string, thisYear = String(new Date().getFullYear())): string {
  return iso.startsWith(`${thisYear}-`) ? iso.slice(5) : iso;
}
