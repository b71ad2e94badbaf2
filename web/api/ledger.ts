import type { z } from 'zod';
import type { ImportJobView, ImportOutcome, ImportReportRow, importAccepted } from '../../core/contracts/ledger';
import { api } from './client';

export type { ImportJobView, ImportOutcome, ImportReportRow };

export const ledgerApi = {
  templateUrl: '/api/persons/import/template',
  start: (orgUnitId: string, file: File) => {
    const form = new FormData();
    form.append('orgUnitId', orgUnitId);
    form.append('file', file, file.name);
    return api.postForm<z.infer<typeof importAccepted>>('/persons/import', form);
  },
  job: (jobId: string, q: { outcome?: ImportOutcome; noted?: 'true'; limit?: number; offset?: number } = {}) => api.get<ImportJobView>(`/persons/import/${jobId}`, q),
  reportUrl: (jobId: string) => `/api/persons/import/${jobId}/report.xlsx`,
};
