// The one place that reads the wall clock. Domain rules never call it: they get `today` passed in.
export interface Clock {
  now(): Date;
  /** Calendar date (YYYY-MM-DD) in the deployment's time zone, whatever the server's zone. */
  today(): string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function calendarDate(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD. Building a formatter is slow, so one is kept per zone.
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(at);
}

export function systemClock(timeZone: string): Clock {
  return { now: () => new Date(), today: () => calendarDate(new Date(), timeZone) };
}

export function fixedClock(at: Date, timeZone = 'Asia/Shanghai'): Clock & { set(d: Date): void; advanceMinutes(m: number): void } {
  let current = at;
  return {
    now: () => new Date(current.getTime()),
    today: () => calendarDate(current, timeZone),
    set: (d) => (current = d),
    advanceMinutes: (m) => (current = new Date(current.getTime() + m * 60_000)),
  };
}
