import type { z } from 'zod';
import type {
  VisitForm,
  absenceKind,
  absenceView,
  breachAssessmentView,
  breachesView,
  calendarView,
  closeAbsenceBody,
  contactMode,
  countsView,
  dayAssistanceTask,
  createAbsenceBody,
  createLeaveBody,
  createRecordBody,
  createRecordResult,
  changeRecordResult,
  deliverNoticeBody,
  educationDoneBody,
  educationView,
  leaveBrief,
  leaveDecisionBody,
  leaveExtensionBody,
  leaveList,
  leaveReturnBody,
  leaveStatus,
  leaveView,
  noticeList,
  noticeListQuery,
  noticeReason,
  noticeView,
  recordKind,
  recordList,
  recordListQuery,
  recordView,
  taskKind,
  taskList,
  taskState,
  taskView,
  testMethod,
  testResult,
  testSample,
  todayTask,
  todayView,
  warningView,
} from '../../core/contracts/supervision';
import { api } from './client';

export type { VisitForm };
export type RecordKind = z.infer<typeof recordKind>;
export type TaskKind = z.infer<typeof taskKind>;
export type TaskState = z.infer<typeof taskState>;
export type TestSample = z.infer<typeof testSample>;
export type TestMethod = z.infer<typeof testMethod>;
export type TestResult = z.infer<typeof testResult>;
export type ContactMode = z.infer<typeof contactMode>;
export type NoticeReason = z.infer<typeof noticeReason>;
export type LeaveStatus = z.infer<typeof leaveStatus>;
export type AbsenceKind = z.infer<typeof absenceKind>;

export type CreateRecord = z.input<typeof createRecordBody>;
export type RecordResult = z.infer<typeof createRecordResult>;
export type ChangeRecordResult = z.infer<typeof changeRecordResult>;
export type RecordView = z.infer<typeof recordView>;
export type RecordList = z.infer<typeof recordList>;
export type RecordListQuery = Partial<z.infer<typeof recordListQuery>>;
export type TaskView = z.infer<typeof taskView>;
export type TodayTask = z.infer<typeof todayTask>;
export type TodayView = z.infer<typeof todayView>;
export type WarningView = z.infer<typeof warningView>;
export type LeaveBrief = z.infer<typeof leaveBrief>;
export type CountsView = z.infer<typeof countsView>;
export type CalendarView = z.infer<typeof calendarView>;
export type DayAssistanceTask = z.infer<typeof dayAssistanceTask>;
export type BreachAssessment = z.infer<typeof breachAssessmentView>;
export type Breaches = z.infer<typeof breachesView>;
export type NoticeView = z.infer<typeof noticeView>;
export type NoticeListQuery = Partial<z.infer<typeof noticeListQuery>>;
export type EducationView = z.infer<typeof educationView>;
export type AbsenceView = z.infer<typeof absenceView>;
export type LeaveView = z.infer<typeof leaveView>;
export type CreateLeave = z.input<typeof createLeaveBody>;
export type CreateAbsence = z.input<typeof createAbsenceBody>;
export type Scope = 'mine' | 'unit';

type AbsenceResult = { absence: AbsenceView; breaches: BreachAssessment | null };

export const supervisionApi = {
  records: (personId: string, q: RecordListQuery = {}) => api.get<RecordList>(`/persons/${personId}/records`, q),
  record: (personId: string, recordId: string) => api.get<RecordView>(`/persons/${personId}/records/${recordId}`),
  createRecord: (personId: string, body: CreateRecord) => api.post<RecordResult>(`/persons/${personId}/records`, body),
  /** Issue 9.14: void a record with the reason, or replace it by a corrected one; the old version is kept. */
  voidRecord: (personId: string, recordId: string, reason: string) => api.post<ChangeRecordResult>(`/persons/${personId}/records/${recordId}/void`, { reason }),
  correctRecord: (personId: string, recordId: string, reason: string, record: CreateRecord) =>
    api.post<ChangeRecordResult>(`/persons/${personId}/records/${recordId}/correction`, { reason, record }),
  tasks: (personId: string) => api.get<z.infer<typeof taskList>>(`/persons/${personId}/tasks`),
  breaches: (personId: string) => api.get<Breaches>(`/persons/${personId}/breaches`),

  leaves: (personId: string) => api.get<z.infer<typeof leaveList>>(`/persons/${personId}/leaves`),
  requestLeave: (personId: string, body: CreateLeave) => api.post<LeaveView>(`/persons/${personId}/leaves`, body),
  decideLeave: (id: string, body: z.input<typeof leaveDecisionBody>) => api.post<LeaveView>(`/leaves/${id}/decision`, body),
  extendLeave: (id: string, body: z.input<typeof leaveExtensionBody>) => api.post<LeaveView>(`/leaves/${id}/extension`, body),
  returnFromLeave: (id: string, body: z.input<typeof leaveReturnBody>) => api.post<LeaveView>(`/leaves/${id}/return`, body),

  recordAbsence: (personId: string, body: CreateAbsence) => api.post<AbsenceResult>(`/persons/${personId}/absences`, body),
  closeAbsence: (id: string, body: z.input<typeof closeAbsenceBody>) => api.post<AbsenceResult>(`/absences/${id}/close`, body),

  notices: (q: NoticeListQuery) => api.get<z.infer<typeof noticeList>>('/notices', q),
  deliverNotice: (id: string, body: z.input<typeof deliverNoticeBody>) => api.post<NoticeView>(`/notices/${id}/deliver`, body),
  acknowledgeNotice: (id: string) => api.post<NoticeView>(`/notices/${id}/acknowledge`),
  educationDone: (id: string, body: z.input<typeof educationDoneBody>) => api.post<EducationView>(`/education-records/${id}/done`, body),

  today: (q: { scope: Scope; orgUnitId?: string; overdueDays?: number; limit?: number }) => api.get<TodayView>('/today', q),
  counts: (q: { orgUnitId?: string; from?: string; to?: string }) => api.get<CountsView>('/today/counts', q),
  calendar: (q: { scope: Scope; orgUnitId?: string; from: string; to: string }) => api.get<CalendarView>('/calendar', q),
};

/**
 * Query keys of supervision. A person's lists sit under the person's key (`['persons', id]`), so a
 * change to the file refreshes them too; the worker's day, calendar and counts under `supervision`.
 */
export const supervisionKeys = {
  all: ['supervision'] as const,
  today: (q: object) => ['supervision', 'today', q] as const,
  counts: (q: object) => ['supervision', 'counts', q] as const,
  calendar: (q: object) => ['supervision', 'calendar', q] as const,
  notices: ['supervision', 'notices'] as const,
  noticeList: (q: object) => ['supervision', 'notices', q] as const,
  records: (personId: string) => ['persons', personId, 'records'] as const,
  tasks: (personId: string) => ['persons', personId, 'tasks'] as const,
  breaches: (personId: string) => ['persons', personId, 'breaches'] as const,
  leaves: (personId: string) => ['persons', personId, 'leaves'] as const,
};
