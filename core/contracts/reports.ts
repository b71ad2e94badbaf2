// Contracts of the reports module (issue 15 item 5): the monthly bulletin (月通报) as a stored
// .docx, generated on demand or by the schedule, with its progress.
import { z } from 'zod';
import { isMonth } from '../rules/bulletin';

export const reportKinds = ['monthly_bulletin'] as const;
export type ReportKind = (typeof reportKinds)[number];
export const reportStates = ['queued', 'running', 'done', 'failed'] as const;
export type ReportState = (typeof reportStates)[number];

export const monthField = z.string().refine(isMonth, { message: 'report.month_format', params: { code: 'report.month_format' } });

export const bulletinBody = z.object({ orgUnitId: z.uuid(), month: monthField }).strict();
export type BulletinBody = z.infer<typeof bulletinBody>;

export const reportListQuery = z.object({ orgUnitId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
export type ReportListQuery = z.infer<typeof reportListQuery>;

export const reportView = z.object({
  id: z.uuid(),
  kind: z.enum(reportKinds),
  orgUnit: z.object({ id: z.uuid(), name: z.string(), level: z.string() }),
  period: z.string(),
  state: z.enum(reportStates),
  /** 0–100 while queued or running; 100 when done. */
  progress: z.number().int(),
  fileName: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  /** Null when the schedule made it (the job). */
  generatedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type ReportView = z.infer<typeof reportView>;
export const reportList = z.object({ items: z.array(reportView) });
