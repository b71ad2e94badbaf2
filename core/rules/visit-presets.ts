import type { VisitForm } from '../contracts/supervision';

// The grid worker's weekly visit (RULES F2, JOURNEYS 2) in one tap (issue 17 §4: ≤ 6 interactions):
// the common outcomes of a short visit, each a whole structured form. What such a visit does not
// ask about stays `unknown` — a preset never claims an answer that was not given — and anything
// out of the ordinary is the full form ("详细填写"), never a preset.

export const visitPresets = ['seen_stable', 'needs_help', 'report_to_officer'] as const;
export type VisitPreset = (typeof visitPresets)[number];

// No sign ticked in a one-tap outcome: a worker who saw a D4 sign opens the full form (详细填写).
const notAsked = { livingSituation: 'unknown', employment: 'unknown', family: 'unknown', health: 'unknown', mood: 'unknown' } as const;

const forms: Record<VisitPreset, VisitForm> = {
  // Seen at home, nothing changed: the short visit's usual answer.
  seen_stable: { ...notAsked, needs: [], warningSigns: [], livingSituation: 'stable_home', health: 'good', mood: 'stable', nextStep: 'continue' },
  // A need heard: the social worker takes it up (the assistance module reads `refer_assistance`).
  needs_help: { ...notAsked, needs: [], warningSigns: [], nextStep: 'refer_assistance' },
  // Something worrying: the officer is told (the record's next step), the line of text says what.
  report_to_officer: { ...notAsked, needs: [], warningSigns: [], nextStep: 'report_to_officer' },
};

/** The structured form a preset stands for (a fresh copy: the caller may add notes). */
export function visitFormOfPreset(preset: VisitPreset): VisitForm {
  const f = forms[preset];
  return { ...f, needs: [...f.needs], warningSigns: [...f.warningSigns] };
}

/**
 * A short note on the phone (issue 17 §2: a talk recorded in a line): the form asks nothing, so
 * every answer is `unknown` and the next step is to carry on; the line of text is the record.
 */
export function notAskedForm(): VisitForm {
  return { ...notAsked, needs: [], warningSigns: [], nextStep: 'continue' };
}
