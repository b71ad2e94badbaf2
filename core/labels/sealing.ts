import type { CodeList } from './types';
import type { DelistingBasis, DelistingState } from '../rules/delisting';

// Delisting (D2, D3) and sealed files (P4): the states, the bases of the count, the reasons a file
// was sealed, and the actions the person's access report names.
export const sealingLabels = {
  delistingState: {
    eligible: ['可撤销管控', 'Eligible'],
    upcoming: ['即将满三年', 'Coming up'],
    counting: ['计算中', 'Counting'],
    excluded: ['不适用', 'Not eligible'],
    not_started: ['未起算', 'Not started'],
  } satisfies CodeList<DelistingState>,
  delistingBasis: {
    date_caught: ['自查获之日起算', 'counted from the date caught'],
    measure_start: ['自措施开始之日起算', "counted from the measure's start"],
    release: ['自解除强制隔离戒毒之日起算', 'counted from release from isolation'],
    relapse: ['自复吸之日重新起算', 'counted again from a relapse'],
    serious_breach: ['严重违反协议', 'serious breach'],
    refused: ['拒绝接受措施', 'refused the measure'],
    in_isolation: ['强制隔离戒毒中', 'in compulsory isolation'],
    awaiting_report: ['尚未报到', 'not reported yet'],
    no_measure: ['无管控措施', 'no control measure'],
    ended_otherwise: ['措施因判刑或收教终止', 'measure ended by a sentence or education'],
  } satisfies CodeList<DelistingBasis>,
  delistingDecision: {
    reviewed: ['已审核，待街道批准', 'Reviewed, awaiting the street'],
    approved: ['已撤销管控', 'Delisted'],
    rejected: ['未批准', 'Not approved'],
  } satisfies CodeList<'reviewed' | 'approved' | 'rejected'>,
  sealReason: {
    delisted: ['撤销管控后封存', 'Sealed on delisting'],
    completed: ['措施结束满保存期后封存', 'Sealed after completion and the retention period'],
    voluntary: ['自愿戒毒，自始封存', 'Voluntary treatment, sealed from the start'],
  } satisfies CodeList<'delisted' | 'completed' | 'voluntary'>,
  accessKind: {
    read: ['查阅', 'Read'],
    change: ['变更', 'Change'],
    opening: ['封存或紧急查阅', 'Sealed or emergency opening'],
  } satisfies CodeList<'read' | 'change' | 'opening'>,
} as const;
