import type { VisitPreset } from '../rules/visit-presets';
import type { AssistanceNeed } from '../rules/assistance';
import type { z } from 'zod';
import type {
  VisitForm,
  VisitWarningSign,
  absenceKind,
  contactMode,
  educationView,
  leaveEventView,
  leaveStatus,
  noticeReason,
  noticeView,
  recordKind,
  taskKind,
  taskState,
  testMethod,
  testResult,
  testSample,
} from '../contracts/supervision';
import type { BreachLevel, SeriousBreachReason } from '../rules/breaches';
import type { CodeList, Label } from './types';

type Codes<T extends z.ZodType> = z.infer<T> & string;

/** F1–F4, T1: what a worker records, in the order the forms offer them. */
const recordKinds = {
  drug_test: ['吸毒检测', 'Drug test'],
  check_in: ['报到', 'Check-in'],
  visit: ['走访', 'Visit'],
  follow_up: ['回访', 'Follow-up'],
  talk: ['谈话', 'Talk'],
  grid_visit: ['网格员走访', 'Grid visit'],
} as const satisfies CodeList<Codes<typeof recordKind>>;

/** A task is due of one kind of record (a visit or talk resolves a follow-up): the same names. */
const taskKinds = (['drug_test', 'check_in', 'follow_up', 'grid_visit'] as const satisfies readonly Codes<typeof taskKind>[]).reduce(
  (list, k) => ({ ...list, [k]: recordKinds[k] }),
  {} as Record<Codes<typeof taskKind>, Label>,
);

export const supervisionLabels = {
  recordKind: recordKinds,
  taskKind: taskKinds,

  taskState: {
    done: ['已完成', 'Done'],
    due: ['待办', 'Due'],
    overdue: ['逾期', 'Overdue'],
    excused: ['已豁免', 'Excused'],
    upcoming: ['未到期', 'Upcoming'],
  } satisfies CodeList<Codes<typeof taskState>>,

  /** T2. */
  testSample: {
    urine: ['尿液', 'Urine'],
    hair: ['毛发', 'Hair'],
    blood: ['血液', 'Blood'],
    saliva: ['唾液', 'Saliva'],
  } satisfies CodeList<Codes<typeof testSample>>,

  /** T1. */
  testMethod: {
    on_site: ['现场检测', 'On site'],
    lab: ['实验室检测', 'Lab'],
    lab_retest: ['实验室复检', 'Lab re-test'],
  } satisfies CodeList<Codes<typeof testMethod>>,

  /** T3. */
  testResult: {
    negative: ['阴性', 'Negative'],
    positive: ['阳性', 'Positive'],
    refused: ['拒检', 'Refused'],
    evaded: ['逃检', 'Evaded'],
    invalid: ['无效', 'Invalid'],
  } satisfies CodeList<Codes<typeof testResult>>,

  /** C11: met in person, or only reached. */
  contactMode: {
    in_person: ['当面', 'In person'],
    phone: ['电话', 'Phone'],
    video: ['视频', 'Video'],
  } satisfies CodeList<Codes<typeof contactMode>>,

  // The visit form (F3: a complete record).
  livingSituation: {
    stable_home: ['住所稳定', 'Stable home'],
    with_family: ['与家人同住', 'With family'],
    alone: ['独居', 'Alone'],
    unstable: ['居无定所', 'No fixed home'],
    unknown: ['不清楚', 'Unknown'],
  } satisfies CodeList<VisitForm['livingSituation']>,
  employmentSituation: {
    employed: ['就业', 'Employed'],
    unemployed: ['失业', 'Unemployed'],
    job_seeking: ['求职中', 'Seeking work'],
    in_training: ['参加培训', 'In training'],
    unable_to_work: ['无劳动能力', 'Unable to work'],
    unknown: ['不清楚', 'Unknown'],
  } satisfies CodeList<VisitForm['employment']>,
  familySituation: {
    supportive: ['家庭支持', 'Supportive'],
    strained: ['关系紧张', 'Strained'],
    conflict: ['家庭矛盾', 'In conflict'],
    no_contact: ['无联系', 'No contact'],
    unknown: ['不清楚', 'Unknown'],
  } satisfies CodeList<VisitForm['family']>,
  health: {
    good: ['良好', 'Good'],
    fair: ['一般', 'Fair'],
    poor: ['较差', 'Poor'],
    unknown: ['不清楚', 'Unknown'],
  } satisfies CodeList<VisitForm['health']>,
  mood: {
    stable: ['稳定', 'Stable'],
    anxious: ['焦虑', 'Anxious'],
    low: ['低落', 'Low'],
    agitated: ['烦躁', 'Agitated'],
    unknown: ['不清楚', 'Unknown'],
  } satisfies CodeList<VisitForm['mood']>,
  visitWarningSign: {
    self_harm: ['自伤行为或痕迹', 'Self-harm or its marks'],
    suicidal_talk: ['流露轻生念头', 'Talk of ending their life'],
    psychiatric: ['精神异常表现', 'Psychiatric symptoms'],
    violence: ['暴力或伤人倾向', 'Threats of violence'],
  } satisfies CodeList<VisitWarningSign>,
  assistanceNeed: {
    employment: ['就业安置', 'Employment'],
    skills_training: ['技能培训', 'Skills training'],
    counselling: ['心理疏导', 'Counselling'],
    family_repair: ['家庭关系修复', 'Family repair'],
    relief: ['临时救助', 'Relief'],
    medical: ['医疗', 'Medical'],
    housing: ['住房', 'Housing'],
    legal: ['法律援助', 'Legal aid'],
    education: ['教育', 'Education'],
  } satisfies CodeList<AssistanceNeed>,
  nextStep: {
    continue: ['继续常规管控', 'Continue as usual'],
    follow_up_soon: ['近期再次回访', 'Follow up soon'],
    refer_assistance: ['转介帮扶', 'Refer for assistance'],
    report_to_officer: ['报告禁毒专干', 'Report to the officer'],
  } satisfies CodeList<VisitForm['nextStep']>,
  /** F2: a grid visit's one-tap outcomes (core/rules/visit-presets.ts), and the full form. */
  visitPreset: {
    seen_stable: ['见到本人，情况稳定', 'Seen, stable'],
    needs_help: ['有帮扶需求', 'Needs help'],
    report_to_officer: ['情况异常，报告专干', 'Worrying: tell the officer'],
    detailed: ['详细填写', 'Full form'],
  } satisfies CodeList<VisitPreset | 'detailed'>,

  /** C1, C5, C6, C11: why the police are told. */
  noticeReason: {
    serious_breach: ['严重违反协议', 'Serious breach of the agreement'],
    relapse: ['复吸（检测阳性）', 'Relapse (positive test)'],
    refused: ['拒绝报到或拒绝执行', 'Refused to report or to comply'],
    lost_contact: ['脱管', 'Lost contact'],
  } satisfies CodeList<Codes<typeof noticeReason>>,
  noticeState: {
    pending: ['待送达', 'Not delivered'],
    delivered: ['已送达', 'Delivered'],
    acknowledged: ['已签收', 'Acknowledged'],
    withdrawn: ['已撤回', 'Withdrawn'],
    corrected: ['已更正', 'Corrected'],
  } satisfies CodeList<z.infer<typeof noticeView>['state']>,
  /** Issue 9.13: a notice, or a correction (更正) of one the police had received. */
  noticeKind: {
    notice: ['通报', 'Notice'],
    correction: ['更正通知', 'Correction notice'],
  } satisfies CodeList<z.infer<typeof noticeView>['kind']>,
  /** Issue 9.13/9.14: why a notice was withdrawn. */
  withdrawalReason: {
    record_voided: ['所依据的记录已作废', 'The record behind it was voided'],
    record_corrected: ['所依据的记录已更正', 'The record behind it was corrected'],
    facts_changed: ['所依据的事实已变更', 'The facts behind it changed'],
  } satisfies CodeList<NonNullable<z.infer<typeof noticeView>['withdrawalReason']>>,
  /** Issue 9.14: where a supervision record stands. */
  recordState: {
    live: ['有效', 'In force'],
    voided: ['已作废', 'Voided'],
    corrected: ['已更正', 'Corrected'],
  } satisfies CodeList<'live' | 'voided' | 'corrected'>,

  /** C4. */
  leaveStatus: {
    pending: ['待审批', 'Awaiting decision'],
    approved: ['已批准', 'Approved'],
    rejected: ['未批准', 'Refused'],
    returned: ['已销假', 'Reported back'],
  } satisfies CodeList<Codes<typeof leaveStatus>>,
  leaveEvent: {
    request: ['请假申请', 'Leave requested'],
    approve: ['请假批准', 'Leave approved'],
    reject: ['请假不批准', 'Leave refused'],
    extend_request: ['申请续假', 'Extension requested'],
    extend_approve: ['续假批准', 'Extension approved'],
    extend_reject: ['续假不批准', 'Extension refused'],
    return: ['销假', 'Reported back'],
  } satisfies CodeList<z.infer<typeof leaveEventView>['event']>,
  /** C4/C5 (away) and T7 (a hospital stay excuses). */
  absenceKind: {
    away: ['外出', 'Away'],
    hospital_stay: ['住院', 'In hospital'],
  } satisfies CodeList<Codes<typeof absenceKind>>,

  /** C6: an ordinary breach is met with criticism and education. */
  educationReason: {
    refused: ['拒检', 'Refused a test'],
    evaded: ['逃检', 'Evaded a test'],
    unauthorised_departure: ['擅自离开', 'Left without permission'],
  } satisfies CodeList<z.infer<typeof educationView>['reason']>,
  /** C5. */
  breachLevel: {
    none: ['未违反协议', 'No breach'],
    breach: ['违反协议', 'Breach'],
    serious_breach: ['严重违反协议', 'Serious breach'],
  } satisfies CodeList<BreachLevel>,
  breachReason: {
    refusals_and_evasions: ['拒检、逃检达到上限', 'Refusals and evasions reached the limit'],
    refusals: ['拒检达到上限', 'Refusals reached the limit'],
    evasions: ['逃检达到上限', 'Evasions reached the limit'],
    unauthorised_departures: ['擅自离开达到上限', 'Departures without permission reached the limit'],
    absence_days: ['外出天数超过上限', 'Days away over the limit'],
  } satisfies CodeList<SeriousBreachReason>,
};
