import type {
  AudienceSegment,
  OnlineChannel,
  PublicityKind,
  QualificationKind,
  QualificationState,
  SocialWorkerGrade,
  TrainingResult,
  VolunteerSkill,
} from '../contracts/prevention';
import type { QuestionKind, SurveyState } from '../contracts/surveys';
import type { TipCategory, TipStatus } from '../contracts/tips';
import type { CodeList } from './types';

export const preventionLabels = {
  publicityKind: {
    talk: ['讲座', 'Talk'],
    exhibition: ['展览', 'Exhibition'],
    competition: ['知识竞赛', 'Competition'],
    performance: ['文艺演出', 'Performance'],
    school_class: ['禁毒课堂', 'School class'],
    market_stand: ['集市摆摊', 'Market stand'],
    door_to_door: ['入户宣传', 'Door to door'],
    online_post: ['公众号推文', 'Online post'],
    short_video: ['短视频', 'Short video'],
  } satisfies CodeList<PublicityKind>,

  audienceSegment: {
    youth: ['青少年学生', 'Youth and students'],
    elderly: ['老年人', 'Elderly'],
    migrants: ['流动人口', 'Migrants'],
    residents: ['社区居民', 'Residents'],
    venue_staff: ['娱乐场所从业人员', 'Venue staff'],
    families: ['家庭', 'Families'],
  } satisfies CodeList<AudienceSegment>,

  onlineChannel: {
    wechat_official: ['微信公众号', 'WeChat official account'],
    short_video_platform: ['短视频平台', 'Short-video platform'],
    weibo: ['微博', 'Weibo'],
    website: ['网站', 'Website'],
    other: ['其他渠道', 'Other channel'],
  } satisfies CodeList<OnlineChannel>,

  volunteerSkill: {
    publicity: ['宣传', 'Publicity'],
    counselling: ['心理疏导', 'Counselling'],
    legal: ['法律', 'Legal'],
    medical: ['医疗', 'Medical'],
    arts: ['文艺', 'Arts'],
    online: ['新媒体', 'Online media'],
    care: ['关爱帮扶', 'Care'],
  } satisfies CodeList<VolunteerSkill>,

  trainingResult: {
    passed: ['合格', 'Passed'],
    failed: ['不合格', 'Failed'],
    not_examined: ['未考核', 'Not examined'],
  } satisfies CodeList<TrainingResult>,

  questionKind: {
    single: ['单选题', 'Single choice'],
    multiple: ['多选题', 'Multiple choice'],
    satisfaction: ['满意度（五级）', 'Satisfaction (1–5)'],
  } satisfies CodeList<QuestionKind>,

  surveyState: {
    open: ['收集中', 'Open'],
    closed: ['已结束', 'Closed'],
  } satisfies CodeList<SurveyState>,

  tipCategory: {
    drug_use: ['吸毒', 'Drug use'],
    dealing: ['贩毒', 'Dealing'],
    cultivation: ['种植毒品原植物', 'Cultivation'],
    venue: ['容留吸毒场所', 'A place where drugs are used'],
    online: ['网络涉毒', 'Online'],
    other: ['其他', 'Other'],
  } satisfies CodeList<TipCategory>,

  tipStatus: {
    received: ['已受理', 'Received'],
    verified: ['已核实', 'Verified'],
    closed: ['已办结', 'Closed'],
  } satisfies CodeList<TipStatus>,

  // #16 item 3: staff capacity (队伍建设)
  socialWorkerGrade: {
    unqualified: ['未取得', 'Not graded'],
    assistant: ['助理社会工作师', 'Assistant social worker'],
    intermediate: ['社会工作师', 'Social worker'],
    senior: ['高级社会工作师', 'Senior social worker'],
  } satisfies CodeList<SocialWorkerGrade>,

  qualificationKind: {
    sw_assistant: ['助理社会工作师职业资格证书', 'Assistant social worker certificate'],
    sw_intermediate: ['社会工作师职业资格证书', 'Social worker certificate'],
    sw_senior: ['高级社会工作师证书', 'Senior social worker certificate'],
    drug_control_post: ['禁毒社工上岗证', 'Drug-control social work post certificate'],
    counsellor: ['心理咨询师证书', 'Counsellor certificate'],
    other: ['其他证书', 'Other certificate'],
  } satisfies CodeList<QualificationKind>,

  qualificationState: {
    valid: ['有效', 'Valid'],
    expiring: ['即将到期', 'Expiring'],
    expired: ['已过期', 'Expired'],
  } satisfies CodeList<QualificationState>,
};
