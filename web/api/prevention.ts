import type { z } from 'zod';
import type {
  hoursInput,
  photoList,
  PhotoMeta,
  PhotoView,
  preventionIndicators,
  publicityInput,
  publicityList,
  publicitySummary,
  publicityView,
  qualificationInput,
  qualificationView,
  staffView,
  SocialWorkerGrade,
  teamInput,
  teamList,
  teamView,
  trainingInput,
  trainingList,
  trainingView,
  volunteerInput,
  volunteerList,
  volunteerView,
} from '../../core/contracts/prevention';
import { api } from './client';

export type PublicityView = z.infer<typeof publicityView>;
export type PublicityInput = z.input<typeof publicityInput>;
export type PublicitySummary = z.infer<typeof publicitySummary>;
export type Indicators = z.infer<typeof preventionIndicators>;
export type TeamView = z.infer<typeof teamView>;
export type VolunteerView = z.infer<typeof volunteerView>;
export type TrainingView = z.infer<typeof trainingView>;
export type StaffView = z.infer<typeof staffView>;
export type StaffWorker = StaffView['workers'][number];

export interface PeriodQuery {
  orgUnitId?: string;
  from: string;
  to: string;
}

export const preventionKeys = {
  all: ['prevention'] as const,
  activities: (q: object) => ['prevention', 'activities', q] as const,
  photos: (activityId: string) => ['prevention', 'photos', activityId] as const,
  summary: (q: object) => ['prevention', 'summary', q] as const,
  indicators: (q: object) => ['prevention', 'indicators', q] as const,
  teams: (orgUnitId?: string) => ['prevention', 'teams', orgUnitId ?? null] as const,
  volunteers: (q: object) => ['prevention', 'volunteers', q] as const,
  trainings: (q: object) => ['prevention', 'trainings', q] as const,
  staff: (orgUnitId?: string) => ['prevention', 'staff', orgUnitId ?? null] as const,
};

export const preventionApi = {
  activities: (q: PeriodQuery & { audience?: string; kind?: string; limit: number; offset: number }) => api.get<z.infer<typeof publicityList>>('/prevention/activities', { ...q }),
  createActivity: (body: PublicityInput) => api.post<PublicityView>('/prevention/activities', body),
  photos: (activityId: string) => api.get<z.infer<typeof photoList>>(`/prevention/activities/${activityId}/photos`),
  uploadPhoto: (activityId: string, meta: PhotoMeta, file: File) => {
    const form = new FormData();
    form.append('meta', JSON.stringify(meta));
    form.append('file', file, file.name);
    return api.postForm<PhotoView>(`/prevention/activities/${activityId}/photos`, form);
  },
  deletePhoto: (id: string) => api.delete<{ ok: true }>(`/prevention/photos/${id}`),
  /** The image route, for an <img> (same origin, the session cookie goes along). */
  photoUrl: (id: string) => `/api/prevention/photos/${id}/file`,
  summary: (q: PeriodQuery) => api.get<PublicitySummary>('/prevention/publicity-summary', { ...q }),
  indicators: (q: PeriodQuery) => api.get<Indicators>('/prevention/indicators', { ...q }),
  teams: (orgUnitId?: string) => api.get<z.infer<typeof teamList>>('/prevention/teams', { orgUnitId }),
  createTeam: (body: z.input<typeof teamInput>) => api.post<TeamView>('/prevention/teams', body),
  volunteers: (q: { orgUnitId?: string; teamId?: string; limit: number; offset: number }) => api.get<z.infer<typeof volunteerList>>('/prevention/volunteers', { ...q }),
  registerVolunteer: (body: z.input<typeof volunteerInput>) => api.post<VolunteerView>('/prevention/volunteers', body),
  recognise: (volunteerId: string, recognisedOn: string) => api.post<VolunteerView>(`/prevention/volunteers/${volunteerId}/recognitions`, { recognisedOn }),
  logHours: (volunteerId: string, body: z.input<typeof hoursInput>) => api.post(`/prevention/volunteers/${volunteerId}/hours`, body),
  trainings: (q: PeriodQuery & { limit: number; offset: number }) => api.get<z.infer<typeof trainingList>>('/prevention/trainings', { ...q }),
  createTraining: (body: z.input<typeof trainingInput>) => api.post<TrainingView>('/prevention/trainings', body),
  // #16 item 3 staff capacity
  staff: (orgUnitId?: string) => api.get<StaffView>('/prevention/staff', { orgUnitId }),
  setGrade: (userId: string, grade: SocialWorkerGrade) => api.patch(`/prevention/staff/${userId}/grade`, { grade }),
  addQualification: (userId: string, body: z.input<typeof qualificationInput>) => api.post<z.infer<typeof qualificationView>>(`/prevention/staff/${userId}/qualifications`, body),
  removeQualification: (userId: string, id: string) => api.delete(`/prevention/staff/${userId}/qualifications/${id}`),
};
