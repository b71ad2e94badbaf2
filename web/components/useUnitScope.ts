import type { Permission } from '../../core/contracts/permissions';
import type { OrgUnit } from '../api/org';
import { useSignedIn } from '../api/me';

/** Levels a person file may belong to. */
export const fileLevels: ReadonlySet<string> = new Set(['street', 'community', 'grid']);

/**
 * Whether a unit lies within the signed-in user's grants for every given permission
 * (a grant covers its unit and everything below it).
 */
export function useUnitScope() {
  const me = useSignedIn();
  return (unit: OrgUnit, ...perms: Permission[]) => perms.every((p) => me.grants.some((g) => g.permissions.includes(p) && unit.path.startsWith(g.orgPath)));
}
