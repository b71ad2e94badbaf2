import type { z } from 'zod';
import type {
  PersonView,
  assignmentBody,
  existsResponse,
  familyContact,
  personInput,
  personList,
  personListQuery,
  personUpdate,
  timeline,
  unmaskedView,
  workTeamMember,
} from '../../core/contracts/persons';
import type { exportQuery } from '../../core/contracts/ledger';
import type { PersonPage } from '../../core/contracts/person-page';
import { api, toQueryString } from './client';

export type { PersonView };
export type PersonList = z.infer<typeof personList>;
export type PersonListItem = PersonList['items'][number];
export type PersonListQuery = Partial<z.infer<typeof personListQuery>>;
export type PersonCreate = z.input<typeof personInput>;
export type PersonUpdate = z.input<typeof personUpdate>;
export type FamilyContact = z.infer<typeof familyContact>;
export type WorkTeamMember = z.infer<typeof workTeamMember>;
export type Unmasked = z.infer<typeof unmaskedView>;
export type Exists = z.infer<typeof existsResponse>;
export type Assignment = z.input<typeof assignmentBody>;
export type TimelinePage = z.infer<typeof timeline>;
export type TimelineEntry = TimelinePage['items'][number];
export type { PersonPage };
export type ExportFilter = Partial<z.input<typeof exportQuery>>;

export const personsApi = {
  list: (q: PersonListQuery) => api.get<PersonList>('/persons', q),
  get: (id: string) => api.get<PersonView>(`/persons/${id}`),
  create: (body: PersonCreate) => api.post<PersonView>('/persons', body),
  update: (id: string, body: PersonUpdate) => api.patch<PersonView>(`/persons/${id}`, body),
  exists: (idNumber: string, idType?: string) => api.get<Exists>('/persons/exists', { idNumber, idType }),
  unmask: (id: string, purpose: string) => api.post<Unmasked>(`/persons/${id}/unmask`, { purpose }),
  assign: (id: string, body: Assignment) => api.post<PersonView>(`/persons/${id}/assignment`, body),
  returnToStreet: (id: string, reason: string) => api.post<PersonView>(`/persons/${id}/return-to-street`, { reason }),
  /** The person page in one request: file, measures, the timeline's first page (one audit row). */
  page: (id: string) => api.get<PersonPage>(`/persons/${id}/page`),
  /** A page of the timeline after `cursor`, of some kinds only (none: all). */
  timeline: (id: string, q: { cursor?: string; kinds?: string[] } = {}) =>
    api.get<TimelinePage>(`/persons/${id}/timeline`, { cursor: q.cursor, kinds: q.kinds?.length ? q.kinds.join(',') : undefined }),
  /** The export is a plain download link with the list's filters: the session cookie goes with it. */
  exportUrl: (q: ExportFilter) => `/api/persons/export.xlsx${toQueryString(q)}`,
};
