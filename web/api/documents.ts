import type { z } from 'zod';
import type { ChecklistView, DocumentKind, DocumentMeta, DocumentView, documentList } from '../../core/contracts/documents';
import { api } from './client';

export type { ChecklistView, DocumentKind, DocumentMeta, DocumentView };

export const documentsApi = {
  list: (personId: string) => api.get<z.infer<typeof documentList>>(`/persons/${personId}/documents`),
  /** multipart: the `meta` JSON text first, then the `file` part. */
  upload: (personId: string, meta: DocumentMeta, file: File) => {
    const form = new FormData();
    form.append('meta', JSON.stringify(meta));
    form.append('file', file, file.name);
    return api.postForm<DocumentView>(`/persons/${personId}/documents`, form);
  },
  withdraw: (id: string, reason: string) => api.delete<DocumentView>(`/documents/${id}`, { reason }),
  /** Opened in a new tab: the browser shows PDFs and images inline. */
  fileUrl: (id: string) => `/api/documents/${id}/file`,
  checklist: (measureId: string) => api.get<ChecklistView>(`/measures/${measureId}/checklist`),
};
