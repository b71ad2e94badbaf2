// The warning a person's page and the worker's day lead with (JOURNEYS 1): the serious breach
// itself, that one more refusal or departure makes it serious (C5), or lost contact (C11).

export type WarningKind = 'serious_breach' | 'tests_one_more' | 'departures_one_more' | 'lost_contact';

export interface WarningFacts {
  level: 'none' | 'breach' | 'serious_breach';
  /** Refusals or evasions still allowed before the C5 limit; departures likewise. */
  untilTests: number;
  untilDepartures: number;
  lostContact: boolean;
}

/** The most pressing warning, or null when there is nothing to warn of. */
export function warningKind(s: WarningFacts): WarningKind | null {
  if (s.level === 'serious_breach') return 'serious_breach';
  if (s.untilTests === 1) return 'tests_one_more';
  if (s.untilDepartures === 1) return 'departures_one_more';
  if (s.lostContact) return 'lost_contact';
  return null;
}
