// The one place that shapes prevention records for the API.
import type { DataCipher } from '../../lib/data-key';
import { maskPhone } from '../../../core/rules/id-number';
import type {
  AudienceSegment,
  ChannelReach,
  PhotoConsent,
  PhotoView,
  PublicityKind,
  PublicityView,
  TrainingResult,
  TrainingView,
  VolunteerSkill,
} from '../../../core/contracts/prevention';
import type * as q from './queries';
import { answeredRight, ratio } from '../../../core/rules/prevention';
import { SATISFACTION_MAX, type PublicSurvey, type QuestionKind, type SurveyResults, type SurveyState, type SurveyView } from '../../../core/contracts/surveys';
import type { TipCategory, TipStatus, TipView } from '../../../core/contracts/tips';

export function activityView(r: q.ActivityWithUnit): PublicityView {
  const a = r.a;
  return {
    id: a.id,
    orgUnitId: a.orgUnitId,
    orgUnitName: r.orgUnitName,
    kind: a.kind as PublicityKind,
    title: a.title,
    audiences: a.audiences as AudienceSegment[],
    heldOn: a.heldOn,
    place: a.place,
    organiser: a.organiser,
    partners: a.partners,
    attendees: a.attendees,
    channels: a.channels as ChannelReach[],
    materials: a.materials,
    reach: a.reach,
    recordedByName: r.recordedByName,
    createdAt: a.createdAt.toISOString(),
  };
}

export function teamView(r: q.TeamWithCounts) {
  return {
    id: r.t.id,
    orgUnitId: r.t.orgUnitId,
    orgUnitName: r.orgUnitName,
    name: r.t.name,
    leaderVolunteerId: r.t.leaderVolunteerId,
    leaderName: r.leaderName,
    members: Number(r.members),
    minutes: Number(r.minutes),
    createdAt: r.t.createdAt.toISOString(),
  };
}

/** A volunteer as lists show him: the phone decrypted only to be masked. */
export function volunteerView(r: q.VolunteerWithTeam, cipher: DataCipher) {
  return {
    id: r.v.id,
    teamId: r.v.teamId,
    teamName: r.teamName,
    orgUnitId: r.orgUnitId,
    name: r.v.name,
    phone: maskPhone(cipher.decrypt(r.v.phoneEnc)),
    skills: r.v.skills as VolunteerSkill[],
    registeredOn: r.v.registeredOn,
    minutes: Number(r.minutes),
    recognised: (r.recognised ?? []).map(Number),
  };
}

export function trainingView(r: { t: q.TrainingRow; orgUnitName: string }, attendees: { userId: string; displayName: string; result: string }[]): TrainingView {
  const results = attendees.map((a) => a.result as TrainingResult);
  return {
    id: r.t.id,
    orgUnitId: r.t.orgUnitId,
    orgUnitName: r.orgUnitName,
    topic: r.t.topic,
    heldOn: r.t.heldOn,
    minutes: r.t.minutes,
    attendees: attendees.map((a) => ({ userId: a.userId, displayName: a.displayName, result: a.result as TrainingResult })),
    examined: results.filter((x) => x !== 'not_examined').length,
    passed: results.filter((x) => x === 'passed').length,
    createdAt: r.t.createdAt.toISOString(),
  };
}

// ——— surveys

type LinkRow = Awaited<ReturnType<typeof q.linksOf>>[number];
type StoredQuestion = { kind: QuestionKind; text: string; options: string[]; correct?: number[] };

export function surveyView(r: q.SurveyWithUnit, links: LinkRow[]): SurveyView {
  return {
    id: r.s.id,
    orgUnitId: r.s.orgUnitId,
    orgUnitName: r.orgUnitName,
    title: r.s.title,
    intro: r.s.intro,
    audiences: r.s.audiences as AudienceSegment[],
    questions: r.s.questions as StoredQuestion[],
    state: r.s.state as SurveyState,
    links: links.filter((l) => l.surveyId === r.s.id).map((l) => ({ token: l.token, orgUnitId: l.orgUnitId, orgUnitName: l.orgUnitName, responses: Number(l.responses) })),
    responses: Number(r.responses),
    createdAt: r.s.createdAt.toISOString(),
  };
}

/** The public page's view: the questions without their correct answers. */
export function publicSurveyView(link: NonNullable<Awaited<ReturnType<typeof q.linkByToken>>>): PublicSurvey {
  const questions = link.survey.questions as StoredQuestion[];
  return {
    title: link.survey.title,
    intro: link.survey.intro,
    orgUnitName: link.orgUnitName,
    audiences: link.survey.audiences as AudienceSegment[],
    questions: questions.map((x) => ({ kind: x.kind, text: x.text, options: x.options })),
    open: link.survey.state === 'open' && link.orgActive,
  };
}

const tallyView = (t: q.SurveyTally) => ({ responses: t.responses, recognition: ratio(t.correct, t.knowledge), satisfaction: ratio(t.satisfied, t.rated) });

export function surveyResultsView(survey: q.SurveyWithUnit, tallies: Awaited<ReturnType<typeof q.surveyTallies>>, answers: number[][][]): SurveyResults {
  const questions = survey.s.questions as StoredQuestion[];
  const sum = tallies.byUnit.reduce(
    (s, u) => ({
      responses: s.responses + u.responses,
      knowledge: s.knowledge + u.knowledge,
      correct: s.correct + u.correct,
      rated: s.rated + u.rated,
      satisfied: s.satisfied + u.satisfied,
    }),
    {
      responses: 0,
      knowledge: 0,
      correct: 0,
      rated: 0,
      satisfied: 0,
    },
  );
  return {
    surveyId: survey.s.id,
    total: tallyView(sum),
    byUnit: tallies.byUnit.map((u) => ({ orgUnitId: u.orgUnitId, orgUnitName: u.orgUnitName, ...tallyView(u) })),
    byAudience: tallies.byAudience.map((a) => ({ audience: a.audience as AudienceSegment | null, ...tallyView(a) })),
    byQuestion: questions.map((x, i) => {
      const counts = new Array<number>(x.kind === 'satisfaction' ? SATISFACTION_MAX : x.options.length).fill(0);
      let right = 0;
      for (const a of answers) {
        for (const c of a[i] ?? []) counts[x.kind === 'satisfaction' ? c - 1 : c]! += 1;
        if (x.correct && answeredRight(x.correct, a[i] ?? [])) right += 1;
      }
      return { counts, correct: x.correct ? ratio(right, answers.length) : null };
    }),
  };
}

// ——— tips

/** A tip as staff see it; the tipster's contact is decrypted only for the police role, and absent (not empty) otherwise. */
export function tipView(r: q.TipWithUnit, cipher: DataCipher, withTipster: boolean): TipView {
  const t = r.t;
  const view: TipView = {
    id: t.id,
    orgUnitId: t.orgUnitId,
    orgUnitName: r.orgUnitName,
    category: t.category as TipCategory,
    description: cipher.decrypt(t.descriptionEnc),
    place: t.place,
    status: t.status as TipStatus,
    receivedAt: t.createdAt.toISOString(),
    statusNote: t.statusNote,
    anonymous: t.anonymous,
    reward: t.rewardYuan === null ? null : { amountYuan: t.rewardYuan, paidOn: t.rewardPaidOn },
  };
  if (withTipster) view.tipster = { name: t.tipsterNameEnc ? cipher.decrypt(t.tipsterNameEnc) : '', phone: t.tipsterPhoneEnc ? cipher.decrypt(t.tipsterPhoneEnc) : '' };
  return view;
}

export function photoView(p: q.PhotoMetaRow): PhotoView {
  return {
    id: p.id,
    activityId: p.activityId,
    mimeType: p.mimeType as PhotoView['mimeType'],
    size: p.size,
    sha256: p.sha256,
    consent: p.consent as PhotoConsent,
    noMeasuredPerson: p.noMeasuredPerson,
    uploadedBy: p.uploadedBy,
    createdAt: p.createdAt.toISOString(),
  };
}
