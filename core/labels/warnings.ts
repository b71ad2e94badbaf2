import type { AlertKind, AlertSeverity } from '../rules/alerts';
import type { RiskFactorCode } from '../rules/policy';
import type { AlertOutcome, AlertStatus, AlertEventKind, AlertWithdrawalReason } from '../contracts/warnings';
import type { CodeList } from './types';

// Issue 13: risk factors (D4, D6), alerts and their handling.
export const warningLabels = {
  riskFactor: {
    lost_contact: ['脱管（无法取得联系）', 'Lost contact (cannot be located)'],
    serious_breach: ['严重违反协议', 'Serious breach of the agreement'],
    refused_measure: ['拒绝报到或拒绝执行', 'Refused to report or to comply'],
    distress_signs: ['走访发现自伤或精神异常迹象', 'Signs of self-harm or psychiatric distress at a visit'],
    mood_concern: ['走访时情绪低落或烦躁', 'Low or agitated mood at a visit'],
    released_recently: ['刚从强制隔离戒毒所出所', 'Recently released from compulsory isolation'],
    missed_tests: ['逃检或拒检', 'Missed or refused tests'],
    positive_test: ['检测阳性', 'Positive test'],
    relapse: ['复吸', 'Relapse'],
    family_conflict: ['家庭矛盾', 'Family conflict'],
    no_stable_housing: ['无稳定住所', 'No stable housing'],
    no_income: ['无稳定收入', 'No stable income'],
    injecting_use: ['注射吸毒', 'Injecting use'],
    severe_addiction: ['成瘾严重', 'Severe addiction'],
    measure_ending_unplanned: ['措施即将期满且无帮扶计划', 'Measure ending soon without a plan'],
  } satisfies CodeList<RiskFactorCode>,

  alertKind: {
    test_overdue: ['检测逾期', 'Test overdue'],
    check_in_overdue: ['报到逾期', 'Check-in overdue'],
    refusal: ['拒绝检测', 'Refused a test'],
    evasion: ['逃避检测', 'Evaded a test'],
    positive_test: ['检测阳性', 'Positive test'],
    leave_not_returned: ['请假逾期未归', 'Not back from leave'],
    lost_contact: ['脱管', 'Lost contact'],
    serious_breach: ['严重违反协议', 'Serious breach'],
    risk_high: ['风险等级升为高', 'Risk rose to high'],
    report_overdue: ['逾期未报到', 'Report deadline passed'],
  } satisfies CodeList<AlertKind>,

  alertSeverity: {
    high: ['紧急', 'Urgent'],
    medium: ['较急', 'Soon'],
    low: ['一般', 'Routine'],
  } satisfies CodeList<AlertSeverity>,

  alertStatus: {
    open: ['待处置', 'Open'],
    acknowledged: ['已签收', 'Acknowledged'],
    acted: ['处置中', 'Acted on'],
    closed: ['已办结', 'Closed'],
    withdrawn: ['已撤回', 'Withdrawn'],
  } satisfies CodeList<AlertStatus>,

  alertOutcome: {
    resolved: ['已化解', 'Resolved'],
    person_located: ['已找到本人', 'Person located'],
    referred: ['已转介帮扶', 'Referred for assistance'],
    reported_to_police: ['已通报公安', 'Reported to the police'],
    no_action_needed: ['无需处置', 'No action needed'],
  } satisfies CodeList<AlertOutcome>,

  alertEvent: {
    raised: ['产生', 'Raised'],
    acknowledged: ['签收', 'Acknowledged'],
    acted: ['处置', 'Acted'],
    commented: ['备注', 'Comment'],
    reassigned: ['转派', 'Reassigned'],
    escalated: ['升级', 'Escalated'],
    closed: ['办结', 'Closed'],
    withdrawn: ['撤回', 'Withdrawn'],
  } satisfies CodeList<AlertEventKind>,

  alertWithdrawal: {
    record_voided: ['记录已作废', 'The record was voided'],
    record_corrected: ['记录已更正', 'The record was corrected'],
    leave_covers: ['已有请假覆盖', 'A leave covers it'],
    facts_changed: ['事实已变化', 'The facts changed'],
  } satisfies CodeList<AlertWithdrawalReason>,
};
