// Query keys in one place, so mutations invalidate exactly what they change.
export const keys = {
  me: ['me'] as const,
  orgUnits: ['org-units'] as const,
  users: ['users'] as const,
  userList: (q: object) => ['users', 'list', q] as const,
  user: (id: string) => ['users', id] as const,
  userGrants: (id: string) => ['users', id, 'grants'] as const,
  userSessions: (id: string) => ['users', id, 'sessions'] as const,
  roles: ['roles'] as const,
  mySessions: ['my-sessions'] as const,
  audit: ['audit'] as const,
  dictionary: (kind: string) => ['dictionaries', kind] as const,
  persons: ['persons'] as const,
  personList: (q: object) => ['persons', 'list', q] as const,
  person: (id: string) => ['persons', id] as const,
  // Under the person's key, so a change to the file refreshes all of these.
  measures: (personId: string) => ['persons', personId, 'measures'] as const,
  documents: (personId: string) => ['persons', personId, 'documents'] as const,
  checklist: (personId: string, measureId: string) => ['persons', personId, 'checklist', measureId] as const,
  /** The person page (file, measures, first timeline page): one request, under the person's key. */
  personPage: (personId: string) => ['persons', personId, 'page'] as const,
  timeline: (personId: string) => ['persons', personId, 'timeline'] as const,
  timelinePages: (personId: string, kinds: string[], start: string | null) => ['persons', personId, 'timeline', kinds, start] as const,
  personExists: (idType: string, idNumber: string) => ['person-exists', idType, idNumber] as const,
  workers: ['workers'] as const,
  importJob: (jobId: string) => ['import-job', jobId] as const,
};
