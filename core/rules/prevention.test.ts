import { describe, expect, it } from 'vitest';
import {
  activityReach,
  answeredRight,
  answerProblems,
  preventionTargets,
  publicityMet,
  recognitionMet,
  satisfactionMet,
  scoreAnswers,
  staffingMet,
  targetForPeriod,
  trainingMet,
  trainingPassRate,
  workersNeeded,
} from './prevention';

describe('K13 reach of an activity', () => {
  it('adds attendees, reads and plays; shares are shown, not counted', () => {
    expect(activityReach(320, [])).toBe(320);
    expect(
      activityReach(0, [
        { reads: 1200, plays: 0, shares: 80 },
        { reads: 0, plays: 3000, shares: 400 },
      ]),
    ).toBe(4200);
  });
});

describe('yearly targets for a period', () => {
  it.each([
    ['a calendar year', '2026-01-01', '2026-12-31', 12],
    ['a leap year', '2028-01-01', '2028-12-31', 12],
    ['a quarter', '2026-01-01', '2026-03-31', 3],
    ['the third quarter (92 days)', '2026-07-01', '2026-09-30', 3],
    ['one day', '2026-06-26', '2026-06-26', 0],
    ['two years', '2025-01-01', '2026-12-31', 24],
    ['an inverted period', '2026-02-01', '2026-01-01', 0],
  ])('%s', (_l, from, to, expected) => {
    expect(targetForPeriod(preventionTargets.publicityActivitiesPerYear, from, to)).toBe(expected);
  });

  it('K13 needs both the count and the reach', () => {
    expect(publicityMet(12, 5000, '2026-01-01', '2026-12-31')).toBe(true);
    expect(publicityMet(12, 4999, '2026-01-01', '2026-12-31')).toBe(false);
    expect(publicityMet(11, 9000, '2026-01-01', '2026-12-31')).toBe(false);
  });
});

describe('K16 training pass rate', () => {
  it('passed over examined; not examined counts in neither', () => {
    expect(trainingPassRate(['passed', 'passed', 'failed', 'not_examined'])).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
    expect(trainingPassRate(['not_examined'])).toEqual({ numerator: 0, denominator: 0, rate: null });
  });

  it('is met with 4 trainings a year and everyone examined passing; without any exam it is not', () => {
    expect(trainingMet(4, 30, 30, '2026-01-01', '2026-12-31')).toBe(true);
    expect(trainingMet(4, 29, 30, '2026-01-01', '2026-12-31')).toBe(false);
    expect(trainingMet(3, 30, 30, '2026-01-01', '2026-12-31')).toBe(false);
    expect(trainingMet(4, 0, 0, '2026-01-01', '2026-12-31')).toBe(false);
  });
});

describe('resident survey answers (K14, K15)', () => {
  const questions = [
    { kind: 'single', options: ['是', '否'], correct: [0] },
    { kind: 'multiple', options: ['a', 'b', 'c'], correct: [0, 2] },
    { kind: 'single', options: ['x', 'y'] },
    { kind: 'satisfaction', options: [] },
  ] as const;

  it.each<[string, number[][], { path: string; code: string }[]]>([
    ['a full answer set', [[0], [2, 0], [1], [4]], []],
    ['one answer missing', [[0], [0], [1]], [{ path: 'answers', code: 'survey.answers_count' }]],
    ['two choices on a single question', [[0, 1], [0], [1], [4]], [{ path: 'answers.0', code: 'survey.answer_invalid' }]],
    ['a choice twice on a multiple question', [[0], [0, 0], [1], [4]], [{ path: 'answers.1', code: 'survey.answer_invalid' }]],
    ['a choice beyond the options', [[0], [3], [1], [4]], [{ path: 'answers.1', code: 'survey.answer_invalid' }]],
    ['nothing chosen', [[0], [], [1], [4]], [{ path: 'answers.1', code: 'survey.answer_invalid' }]],
    ['a rating of 0', [[0], [0], [1], [0]], [{ path: 'answers.3', code: 'survey.answer_invalid' }]],
    ['two ratings', [[0], [0], [1], [4, 5]], [{ path: 'answers.3', code: 'survey.answer_invalid' }]],
  ])('checks %s strictly (the form is public)', (_l, answers, problems) => {
    expect(answerProblems(questions, answers)).toEqual(problems);
  });

  it.each<[string, number[][], { knowledge: number; correct: number; rated: number; satisfied: number }]>([
    ['all right and satisfied (4)', [[0], [0, 2], [1], [4]], { knowledge: 2, correct: 2, rated: 1, satisfied: 1 }],
    ['K14: a multiple item needs exactly the correct choices', [[0], [0], [0], [5]], { knowledge: 2, correct: 1, rated: 1, satisfied: 1 }],
    ['K14: one choice too many is wrong', [[1], [0, 1, 2], [0], [3]], { knowledge: 2, correct: 0, rated: 1, satisfied: 0 }],
    ['K15: 3 of 5 is not satisfied', [[0], [2, 0], [1], [3]], { knowledge: 2, correct: 2, rated: 1, satisfied: 0 }],
  ])('scores %s; opinion questions count for neither', (_l, answers, score) => {
    expect(scoreAnswers(questions, answers)).toEqual(score);
  });

  it.each([
    ['K14 at 85 %', recognitionMet(85, 100), true],
    ['K14 below 85 %', recognitionMet(84, 100), false],
    ['K14 without answers', recognitionMet(0, 0), false],
    ['K15 at 90 %', satisfactionMet(9, 10), true],
    ['K15 below 90 %', satisfactionMet(89, 100), false],
    ['K15 without ratings', satisfactionMet(0, 0), false],
  ])('%s', (_l, met, expected) => {
    expect(met).toBe(expected);
  });

  it('K14: a right answer is exactly the correct set, in any order', () => {
    expect(answeredRight([0, 2], [2, 0])).toBe(true);
    expect(answeredRight([0, 2], [0])).toBe(false);
  });
});

describe('K12 staffing: one full-time social worker per 30 persons', () => {
  it.each([
    [0, 0, 0, true],
    [1, 0, 1, false],
    [1, 1, 1, true],
    [30, 1, 1, true],
    [31, 1, 2, false],
    [31, 2, 2, true],
    [90, 3, 3, true],
    [91, 3, 4, false],
  ])('%i persons with %i workers need %i → met %s', (persons, workers, needed, met) => {
    expect(workersNeeded(persons)).toBe(needed);
    expect(staffingMet(workers, persons)).toBe(met);
  });
});
