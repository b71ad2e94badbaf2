// Prevention and capacity indicators (RULES §6: K13 publicity, K16 training) and the volunteer
// targets of the seeds. Pure: no I/O, no clock; periods are passed in.
import { daysBetween, type IsoDate } from './dates';

/** Seed targets per year (RULES K13, K16; seeds: a volunteer team of 30 or more). */
export const preventionTargets = {
  publicityActivitiesPerYear: 12,
  publicityReachPerYear: 5000,
  trainingsPerYear: 4,
  trainingPassRate: 1,
  volunteerTeamSize: 30,
} as const;

export interface ChannelFigures {
  reads: number;
  plays: number;
  shares: number;
}

/**
 * Person-times one activity reached (K13): the people present plus, online, reads and plays.
 * A share is not a person reached (the reads it brings are counted as reads), so it is shown
 * and not added.
 */
export function activityReach(attendees: number, channels: readonly ChannelFigures[]): number {
  return attendees + channels.reduce((sum, c) => sum + c.reads + c.plays, 0);
}

/**
 * A yearly target for a period of `from`..`to` (inclusive), pro rata by days and rounded to
 * the nearest whole, so a quarter asks for 3 of the 12 activities. A calendar year, leap or
 * not, asks for the full target; longer periods by 365.25 days a year.
 */
export function targetForPeriod(perYear: number, from: IsoDate, to: IsoDate): number {
  const days = daysBetween(from, to) + 1;
  if (days <= 0) return 0;
  const years = days <= 366 ? Math.min(1, days / 365) : days / 365.25;
  return Math.round(perYear * years);
}

/** A rate with its numerator and denominator shown (RULES §6); no denominator, no rate. */
export function ratio(numerator: number, denominator: number): { numerator: number; denominator: number; rate: number | null } {
  return { numerator, denominator, rate: denominator > 0 ? numerator / denominator : null };
}

/**
 * K16's pass rate: passed over examined. An attendee who sat no exam is neither; a training
 * without an exam does not lower the rate.
 */
export function trainingPassRate(results: readonly ('passed' | 'failed' | 'not_examined')[]) {
  const examined = results.filter((r) => r !== 'not_examined').length;
  return ratio(results.filter((r) => r === 'passed').length, examined);
}

/** Whether K13 holds for the period: both the count of activities and the reach. */
export function publicityMet(activities: number, reach: number, from: IsoDate, to: IsoDate): boolean {
  return activities >= targetForPeriod(preventionTargets.publicityActivitiesPerYear, from, to) && reach >= targetForPeriod(preventionTargets.publicityReachPerYear, from, to);
}

/** Whether K16 holds: enough trainings, and everyone examined passed (no exam yet: not met). */
export function trainingMet(trainings: number, passed: number, examined: number, from: IsoDate, to: IsoDate): boolean {
  return trainings >= targetForPeriod(preventionTargets.trainingsPerYear, from, to) && examined > 0 && passed === examined;
}
