import type { z } from 'zod';
import type { MeasureEventBody, MeasureView, createMeasureBody, measureKind, measureList, measureStatus } from '../../core/contracts/measures';
import { api } from './client';

export type { MeasureEventBody, MeasureView };
export type MeasureKind = z.infer<typeof measureKind>;
export type MeasureStatus = z.infer<typeof measureStatus>;
export type MeasureEventType = MeasureEventBody['type'];
export type CreateMeasure = z.input<typeof createMeasureBody>;

export const measuresApi = {
  list: (personId: string) => api.get<z.infer<typeof measureList>>(`/persons/${personId}/measures`),
  create: (personId: string, body: CreateMeasure) => api.post<MeasureView>(`/persons/${personId}/measures`, body),
  event: (measureId: string, body: MeasureEventBody) => api.post<MeasureView>(`/measures/${measureId}/events`, body),
};
