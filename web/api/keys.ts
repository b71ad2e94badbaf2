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
};
