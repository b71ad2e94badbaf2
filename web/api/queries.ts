import { useQuery } from '@tanstack/react-query';
import { orgApi } from './org';
import { rolesApi } from './users';
import { keys } from './keys';

// Shared reads used by several pages; each page's own lists live beside the page.
export const useOrgUnits = (enabled = true) => useQuery({ queryKey: keys.orgUnits, queryFn: orgApi.list, enabled, select: (d) => d.items });
export const useRoles = (enabled = true) => useQuery({ queryKey: keys.roles, queryFn: rolesApi.list, enabled, select: (d) => d.items });
