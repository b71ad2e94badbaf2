import type { ReportKind, ReportState } from '../contracts/reports';
import type { CodeList } from './types';

export const reportLabels = {
  reportKind: {
    monthly_bulletin: ['月通报', 'Monthly bulletin'],
  } satisfies CodeList<ReportKind>,
  reportState: {
    queued: ['排队中', 'Queued'],
    running: ['生成中', 'Generating'],
    done: ['已完成', 'Done'],
    failed: ['失败', 'Failed'],
  } satisfies CodeList<ReportState>,
} as const;
