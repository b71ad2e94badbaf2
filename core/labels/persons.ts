import type { z } from 'zod';
import type { PersonView, timelineEntry, workTeamMember } from '../contracts/persons';
import type { PersonStatus } from '../rules/person-status';
import type { CodeList } from './types';

type TimelineKind = z.infer<typeof timelineEntry>['kind'];
type TeamRole = z.infer<typeof workTeamMember>['role'];

export const personLabels = {
  sex: {
    male: ['男', 'Male'],
    female: ['女', 'Female'],
  } satisfies CodeList<PersonView['sex']>,

  /** D4. */
  riskLevel: {
    high: ['高风险', 'High risk'],
    medium: ['中风险', 'Medium risk'],
    low: ['低风险', 'Low risk'],
  } satisfies CodeList<NonNullable<PersonView['riskLevel']>>,

  /** Derived from the measures (core/rules/person-status.ts). */
  personStatus: {
    awaiting_report: ['待报到', 'Awaiting report'],
    under_community_detox: ['社区戒毒中', 'Community detox'],
    under_community_rehab: ['社区康复中', 'Community rehabilitation'],
    suspended: ['中止', 'Suspended'],
    in_compulsory_isolation: ['强制隔离戒毒中', 'In compulsory isolation'],
    no_active_measure: ['无执行中措施', 'No measure in force'],
  } satisfies CodeList<PersonStatus>,

  /** C3: the work team. */
  teamRole: {
    officer: ['禁毒专干', 'Officer'],
    social_worker: ['禁毒社工', 'Social worker'],
    police_officer: ['社区民警', 'Police officer'],
    medic: ['社区医务人员', 'Community medic'],
    family: ['家庭成员', 'Family member'],
    volunteer: ['志愿者', 'Volunteer'],
    grid_worker: ['网格员', 'Grid worker'],
  } satisfies CodeList<TeamRole>,

  /** C3, C7: how a file came to its unit and worker. */
  assignmentKind: {
    assign: ['分配责任社区/社工', 'Assigned'],
    reassign: ['变更责任社区', 'Re-assigned'],
    return_to_street: ['退回街道', 'Sent back to the street'],
    transfer: ['移交', 'Transferred'],
  } satisfies CodeList<'assign' | 'reassign' | 'return_to_street' | 'transfer'>,

  timelineKind: {
    person: ['档案', 'File'],
    measure: ['措施', 'Measure'],
    status: ['状态变化', 'Status change'],
    document: ['文书', 'Document'],
    assignment: ['责任分配', 'Assignment'],
    record: ['管控记录', 'Supervision record'],
    leave: ['请假', 'Leave'],
    notice: ['通报', 'Notice'],
    assistance: ['帮扶', 'Assistance'],
    transfer: ['移交与衔接', 'Transfer and handover'], // #14
  } satisfies CodeList<TimelineKind>,

  /** The categories of the drug-type dictionary. */
  drugCategory: {
    traditional: ['传统毒品', 'Traditional drugs'],
    synthetic: ['合成毒品', 'Synthetic drugs'],
  } satisfies CodeList,
};
