import { allPermissions, permissions, type Permission } from '../../core/contracts/permissions';
import { label, type Lang } from '../../core/labels';

type Group = (typeof permissions)[Permission]['group'];

export const permissionGroups: { group: Group; items: Permission[] }[] = (['person', 'report', 'prevention', 'admin'] as const).map((group) => ({
  group,
  items: allPermissions.filter((p) => permissions[p].group === group),
}));

/** A permission's label from the shared catalogue; unknown codes show as they are. */
export const permissionLabel = (code: string, lang: Lang): string => label('permission', code, lang);
