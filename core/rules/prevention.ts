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

// ——— resident surveys (RULES K14 recognition, K15 satisfaction)

/** Seed targets of the surveys: recognition of new drugs ≥ 85 % (from under 30 %), satisfaction ≥ 90 %. */
export const surveyTargets = { recognitionRate: 0.85, satisfactionRate: 0.9 } as const;
/** K15: on the 1..5 scale, 4 (satisfied) and 5 (very satisfied) count as satisfied. */
export const SATISFIED_FROM = 4;

export interface QuestionShape {
  kind: 'single' | 'multiple' | 'satisfaction';
  options: readonly string[];
  correct?: readonly number[];
}

/**
 * What is wrong with one public answer set, as field errors (path, code); empty when it fits
 * the questions. Strict, because the form is open to anyone: one answer per question, a single
 * question one choice, a multiple question distinct choices, a satisfaction item one value 1..5.
 */
export function answerProblems(questions: readonly QuestionShape[], answers: readonly (readonly number[])[]): { path: string; code: string }[] {
  if (answers.length !== questions.length) return [{ path: 'answers', code: 'survey.answers_count' }];
  const problems: { path: string; code: string }[] = [];
  questions.forEach((q, i) => {
    const a = answers[i]!;
    const fits =
      q.kind === 'satisfaction'
        ? a.length === 1 && a[0]! >= 1 && a[0]! <= 5
        : a.length >= 1 && (q.kind === 'multiple' || a.length === 1) && new Set(a).size === a.length && a.every((c) => c < q.options.length);
    if (!fits) problems.push({ path: `answers.${i}`, code: 'survey.answer_invalid' });
  });
  return problems;
}

/** Whether a knowledge item was answered right: exactly the correct choices, no more, no fewer. */
export function answeredRight(correct: readonly number[], chosen: readonly number[]): boolean {
  return chosen.length === correct.length && correct.every((c) => chosen.includes(c));
}

/**
 * The K14/K15 tallies of one answer set, kept per response at entry (like an activity's reach):
 * knowledge items answered and answered right (K14), satisfaction items rated and rated
 * satisfied (K15). Opinion questions count for neither.
 */
export function scoreAnswers(questions: readonly QuestionShape[], answers: readonly (readonly number[])[]) {
  const score = { knowledge: 0, correct: 0, rated: 0, satisfied: 0 };
  questions.forEach((q, i) => {
    const a = answers[i] ?? [];
    if (q.kind === 'satisfaction') {
      score.rated += 1;
      if ((a[0] ?? 0) >= SATISFIED_FROM) score.satisfied += 1;
    } else if (q.correct) {
      score.knowledge += 1;
      if (answeredRight(q.correct, a)) score.correct += 1;
    }
  });
  return score;
}

/** K14 holds when at least 85 % of the knowledge answers are right; K15 when 90 % of the ratings are satisfied. No answers: not met. */
export const recognitionMet = (correct: number, knowledge: number) => knowledge > 0 && correct / knowledge >= surveyTargets.recognitionRate;
export const satisfactionMet = (satisfied: number, rated: number) => rated > 0 && satisfied / rated >= surveyTargets.satisfactionRate;

// ——— K12 staffing

/**
 * K12: one full-time social worker per `personsPerWorker` persons under a measure (the seeds' 30,
 * the default of the policy's `capacity` section), and at least one where there is anyone.
 */
export const PERSONS_PER_WORKER = 30;
export function workersNeeded(persons: number, personsPerWorker = PERSONS_PER_WORKER): number {
  return persons === 0 ? 0 : Math.max(1, Math.ceil(persons / personsPerWorker));
}
export function staffingMet(workers: number, persons: number, personsPerWorker = PERSONS_PER_WORKER): boolean {
  return workers >= workersNeeded(persons, personsPerWorker);
}
