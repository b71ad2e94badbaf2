import type { z } from 'zod';
import type { alertDetailView, alertView } from '../../../core/contracts/warnings';

export type AlertView = z.infer<typeof alertView>;
export type AlertDetailView = z.infer<typeof alertDetailView>;
