import type { HandoverState, ReportState, TransferInitiator, TransferStatus } from '../rules/transfers';
import type { CodeList } from './types';

// Issue 14: transfers between streets (C7) and handovers from isolation (C10).
export const transferLabels = {
  transferStatus: {
    pending: ['待答复', 'Awaiting answer'],
    accepted: ['已接收', 'Accepted'],
    declined: ['已拒绝', 'Declined'],
  } satisfies CodeList<TransferStatus>,
  transferInitiator: {
    holder: ['原街道移交', 'Offered by the holding street'],
    finder: ['新街道申请', 'Requested by the new street'],
  } satisfies CodeList<TransferInitiator>,
  transferReportState: {
    not_due: ['未到报到', 'Not due'],
    due: ['待报到', 'Report due'],
    overdue: ['逾期未报到', 'Report overdue'],
    reported: ['已报到', 'Reported'],
    reported_late: ['逾期后报到', 'Reported late'],
  } satisfies CodeList<ReportState>,
  handoverState: {
    awaiting: ['待衔接', 'Awaiting report'],
    reported: ['已衔接', 'Reported'],
    missed: ['衔接逾期', 'Missed'],
  } satisfies CodeList<HandoverState>,
  addressBasis: {
    registered: ['户籍地', 'Registered address'],
    residence: ['居住地', 'Residence'],
  } satisfies CodeList<'registered' | 'residence'>,
} as const;
