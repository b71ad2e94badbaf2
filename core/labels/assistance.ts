import type { AssistanceTaskKind, NeedLevel, PartnerKind, ReassessmentReason, ReferralStatus, ServiceKind } from '../rules/assistance';
import type { ServiceDetails } from '../contracts/assistance';
import type { CodeList } from './types';

type Of<K extends ServiceDetails['kind'], F extends string> = Extract<ServiceDetails, { kind: K }> extends infer D ? (F extends keyof D ? D[F] & string : never) : never;

export const assistanceLabels = {
  needLevel: {
    none: ['无', 'None'],
    some: ['一般', 'Some'],
    severe: ['迫切', 'Severe'],
  } satisfies CodeList<NeedLevel>,
  partnerKind: {
    health: ['卫健', 'Health'],
    civil_affairs: ['民政', 'Civil affairs'],
    human_resources: ['人社', 'Human resources'],
    justice: ['司法所', 'Justice'],
    social_organisation: ['社会组织', 'Social organisation'],
    caring_employer: ['爱心企业', 'Caring employer'],
    support_base: ['帮扶基地 / 阳光就业车间', 'Support base'],
  } satisfies CodeList<PartnerKind>,
  referralStatus: {
    sent: ['待接收', 'Sent'],
    accepted: ['已接收', 'Accepted'],
    declined: ['已拒绝', 'Declined'],
    completed: ['已完成', 'Completed'],
  } satisfies CodeList<ReferralStatus>,
  serviceKind: {
    counselling: ['心理疏导', 'Counselling'],
    skills_training: ['技能培训', 'Skills training'],
    job_placement: ['就业安置', 'Job placement'],
    family_repair: ['家庭关系修复', 'Family repair'],
    relief: ['救助申请', 'Relief application'],
    treatment_referral: ['美沙酮 / 自愿戒毒转介', 'Treatment referral'],
    legal_aid: ['法律援助', 'Legal aid'],
  } satisfies CodeList<ServiceKind>,
  planStatus: {
    draft: ['待审批', 'Awaiting approval'],
    approved: ['街道已审批', 'Approved by the street'],
  } satisfies CodeList<'draft' | 'approved'>,
  actionOwner: {
    worker: ['社工', 'Worker'],
    partner: ['合作单位', 'Partner'],
  } satisfies CodeList<'worker' | 'partner'>,
  actionStatus: {
    open: ['进行中', 'Open'],
    done: ['已完成', 'Done'],
  } satisfies CodeList<'open' | 'done'>,
  wageBand: {
    below_minimum: ['低于最低工资', 'Below minimum wage'],
    minimum_to_3000: ['最低工资至 3000 元', 'Minimum to ¥3,000'],
    '3000_to_5000': ['3000–5000 元', '¥3,000–5,000'],
    above_5000: ['5000 元以上', 'Above ¥5,000'],
  } satisfies CodeList<Of<'job_placement', 'wageBand'>>,
  counsellingMode: {
    individual: ['个体', 'Individual'],
    group: ['团体', 'Group'],
    family: ['家庭', 'Family'],
  } satisfies CodeList<Of<'counselling', 'mode'>>,
  reliefScheme: {
    subsistence: ['低保', 'Subsistence allowance'],
    temporary: ['临时救助', 'Temporary relief'],
    medical: ['医疗救助', 'Medical relief'],
  } satisfies CodeList<Of<'relief', 'scheme'>>,
  reliefDecision: {
    pending: ['审核中', 'Pending'],
    granted: ['已批准', 'Granted'],
    refused: ['未批准', 'Refused'],
  } satisfies CodeList<Of<'relief', 'decision'>>,
  treatmentStatus: {
    referred: ['已转介', 'Referred'],
    in_treatment: ['治疗中', 'In treatment'],
    ended: ['已结束', 'Ended'],
  } satisfies CodeList<Of<'treatment_referral', 'status'>>,
  // Item 7: the assistance tasks of 今日待办 and why a re-assessment is due (item 1).
  assistanceTaskKind: {
    reassessment: ['需求复评', 'Needs re-assessment'],
    plan_review: ['帮扶计划回顾', 'Plan review'],
    action_due: ['帮扶措施到期', 'Plan action due'],
    placement_follow_up: ['就业在岗回访', 'Placement check'],
    referral_stalled: ['转介超时未响应', 'Referral stalled'],
  } satisfies CodeList<AssistanceTaskKind>,
  reassessmentReason: {
    measure_start: ['措施开始', 'Measure start'],
    transfer: ['转入本辖区', 'Transferred in'],
    relapse: ['检测阳性', 'Positive test'],
    cadence: ['定期复评', 'Due on the cadence'],
  } satisfies CodeList<ReassessmentReason>,
};
