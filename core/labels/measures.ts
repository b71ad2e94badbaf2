import type { MeasureEventType } from '../rules/measure-events';
import type { MeasureKind, MeasureStatus, TerminationReason } from '../rules/measures';
import type { CodeList } from './types';

export const measureLabels = {
  measureKind: {
    community_detox: ['社区戒毒', 'Community detox'],
    community_rehab: ['社区康复', 'Community rehabilitation'],
    compulsory_isolation: ['强制隔离戒毒', 'Compulsory isolation'],
    voluntary_treatment: ['自愿戒毒', 'Voluntary treatment'],
    maintenance_treatment: ['药物维持治疗', 'Maintenance treatment'],
  } satisfies CodeList<MeasureKind>,

  measureStatus: {
    awaiting_report: ['待报到', 'Awaiting report'],
    active: ['执行中', 'Active'],
    suspended: ['中止', 'Suspended'],
    terminated: ['终止', 'Terminated'],
    completed: ['期满解除', 'Completed'],
    converted: ['已转社区戒毒', 'Converted'],
  } satisfies CodeList<MeasureStatus>,

  /** The steps of the state machine (core/rules/measure-events.ts), as the step offered. */
  measureEvent: {
    report: ['报到', 'Report'],
    refuse_report: ['拒绝报到', 'Refused to report'],
    suspend: ['中止', 'Suspend'],
    resume: ['恢复执行', 'Resume'],
    terminate: ['终止', 'Terminate'],
    complete: ['期满解除', 'Complete'],
    convert: ['转为社区戒毒', 'Convert to community detox'],
    extend: ['延长期限', 'Extend'],
  } satisfies CodeList<MeasureEventType>,

  /** The same steps as the person's history tells them, with `create`: the decision recorded. */
  measureEventDone: {
    create: ['登记决定', 'Decision recorded'],
    report: ['报到，期限起算', 'Reported; the term starts'],
    refuse_report: ['拒绝报到', 'Refused to report'],
    suspend: ['中止', 'Suspended'],
    resume: ['恢复执行', 'Resumed'],
    terminate: ['终止', 'Terminated'],
    complete: ['期满解除', 'Completed'],
    convert: ['变更为社区戒毒', 'Converted to community detox'],
    extend: ['延长期限', 'Extended'],
    transfer: ['随档移交，期限连续计算', 'Moved with the file; the term keeps running'], // #14 C7
  } satisfies CodeList<MeasureEventType | 'create' | 'transfer'>,

  terminationReason: {
    refused: ['拒绝报到或拒绝执行', 'Refused to report or comply'],
    prison_sentence: ['被判处刑罚', 'Prison sentence'],
    compulsory_education: ['被收容教养', 'Compulsory education'],
    compulsory_isolation: ['被决定强制隔离戒毒', 'Compulsory isolation ordered'],
    death: ['死亡', 'Death'],
  } satisfies CodeList<TerminationReason>,
};
