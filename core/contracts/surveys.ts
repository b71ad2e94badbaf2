import { z } from 'zod';
import { int32, nameText, pageQuery } from './common';
import { audienceSegments } from './prevention';

// Resident surveys (issue 16 item 4): a small questionnaire, answered through a public link per
// survey and unit without sign-in and without any personal data. The raw material of K14
// (recognition of new drugs: correct answers to knowledge items) and K15 (satisfaction).

export const questionKinds = ['single', 'multiple', 'satisfaction'] as const;
export type QuestionKind = (typeof questionKinds)[number];
/** The satisfaction scale runs 1..5; 4 and 5 count as satisfied (K15). */
export const SATISFACTION_MAX = 5;

const optionText = nameText(120);
export const surveyQuestion = z
  .strictObject({
    kind: z.enum(questionKinds),
    text: nameText(300),
    /** Choices of a single or multiple question; none for a satisfaction item (its scale is fixed). */
    options: z.array(optionText).max(8).default([]),
    /** The correct choices (indexes) of a knowledge item (K14); absent: an opinion question. */
    correct: z.array(int32().min(0).max(7)).max(8).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.kind === 'satisfaction') {
      if (q.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'survey.satisfaction_no_options', params: { code: 'survey.satisfaction_no_options' } });
      if (q.correct) ctx.addIssue({ code: 'custom', path: ['correct'], message: 'survey.satisfaction_no_correct', params: { code: 'survey.satisfaction_no_correct' } });
      return;
    }
    if (q.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'survey.options_too_few', params: { code: 'survey.options_too_few' } });
    if (!q.correct) return;
    if (q.correct.length === 0 || new Set(q.correct).size !== q.correct.length || q.correct.some((i) => i >= q.options.length))
      ctx.addIssue({ code: 'custom', path: ['correct'], message: 'survey.correct_invalid', params: { code: 'survey.correct_invalid' } });
    if (q.kind === 'single' && q.correct.length > 1)
      ctx.addIssue({ code: 'custom', path: ['correct'], message: 'survey.correct_invalid', params: { code: 'survey.correct_invalid' } });
  });
export type SurveyQuestion = z.infer<typeof surveyQuestion>;

export const surveyInput = z.strictObject({
  orgUnitId: z.uuid(),
  title: nameText(120),
  intro: z.string().trim().max(500).default(''),
  /** The audiences a respondent may say he belongs to (results by audience); none: not asked. */
  audiences: z.array(z.enum(audienceSegments)).max(audienceSegments.length).default([]),
  questions: z.array(surveyQuestion).min(1).max(30),
});
export type SurveyInput = z.infer<typeof surveyInput>;

export const surveyStates = ['open', 'closed'] as const;
export type SurveyState = (typeof surveyStates)[number];

export const surveyLinkView = z.object({ token: z.string(), orgUnitId: z.uuid(), orgUnitName: z.string(), responses: z.number() });
export const surveyView = z.object({
  id: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  title: z.string(),
  intro: z.string(),
  audiences: z.array(z.enum(audienceSegments)),
  questions: z.array(z.object({ kind: z.enum(questionKinds), text: z.string(), options: z.array(z.string()), correct: z.array(z.number()).optional() })),
  state: z.enum(surveyStates),
  links: z.array(surveyLinkView),
  responses: z.number(),
  createdAt: z.string(),
});
export type SurveyView = z.infer<typeof surveyView>;
export const surveyList = z.object({ items: z.array(surveyView), total: z.number() });
export const surveyListQuery = z.object({ orgUnitId: z.uuid().optional() }).extend(pageQuery.shape);
export const surveyLinkInput = z.strictObject({ orgUnitId: z.uuid() });
export const surveyStateInput = z.strictObject({ state: z.enum(surveyStates) });

/** A public link's token: 22 characters of base64url (128 random bits), unguessable. */
export const publicToken = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
export const tokenParams = z.object({ token: publicToken });

/** What the public page shows: no correct answers, no unit path, no counts. */
export const publicSurvey = z.object({
  title: z.string(),
  intro: z.string(),
  orgUnitName: z.string(),
  audiences: z.array(z.enum(audienceSegments)),
  questions: z.array(z.object({ kind: z.enum(questionKinds), text: z.string(), options: z.array(z.string()) })),
  open: z.boolean(),
});
export type PublicSurvey = z.infer<typeof publicSurvey>;

/** One answer per question, in order: the chosen indexes (a satisfaction item: one value 1..5). */
export const publicAnswerInput = z.strictObject({
  audience: z.enum(audienceSegments).optional(),
  answers: z
    .array(z.array(int32().min(0).max(SATISFACTION_MAX)).max(8))
    .min(1)
    .max(30),
});
export type PublicAnswerInput = z.infer<typeof publicAnswerInput>;

const ratio = z.object({ numerator: z.number(), denominator: z.number(), rate: z.number().nullable() });
export const surveyResultRow = z.object({ responses: z.number(), recognition: ratio, satisfaction: ratio });
export const surveyResults = z.object({
  surveyId: z.uuid(),
  total: surveyResultRow,
  byUnit: z.array(surveyResultRow.extend({ orgUnitId: z.uuid(), orgUnitName: z.string() })),
  byAudience: z.array(surveyResultRow.extend({ audience: z.enum(audienceSegments).nullable() })),
  /** Per question: how often each choice (or scale value, index 0 = 1) was picked. */
  byQuestion: z.array(z.object({ counts: z.array(z.number()), correct: ratio.nullable() })),
});
export type SurveyResults = z.infer<typeof surveyResults>;
