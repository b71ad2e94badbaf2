// The one place that shapes the reports module's output (style.md: one presenter per module).
import type { ReportView } from '../../../core/contracts/reports';
import type { ReportRow } from './queries';

export const reportView = (r: ReportRow, names: Map<string, string>): ReportView => ({
  id: r.id,
  kind: r.kind,
  orgUnit: { id: r.orgUnitId, name: r.unitName, level: r.unitLevel },
  period: r.period,
  state: r.state,
  progress: r.progress,
  fileName: r.fileName,
  sizeBytes: r.sizeBytes,
  generatedBy: r.generatedBy ? { id: r.generatedBy, name: names.get(r.generatedBy) ?? '—' } : null,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  error: r.error,
});

/** The download's name: ASCII for old clients, the Chinese title in filename*. */
export const fileNames = (r: Pick<ReportRow, 'period' | 'unitName'>) => ({
  ascii: `bulletin-${r.period}.docx`,
  utf8: `${r.unitName}${r.period}月通报.docx`,
});
