import { allPermissions, permissions, type Permission } from '../../core/contracts/permissions';
import type { MessageKey } from '../i18n/zh-CN';

type Group = (typeof permissions)[Permission]['group'];

export const permissionGroups: { group: Group; title: MessageKey; items: Permission[] }[] = (
  [
    ['person', 'roles.group.person'],
    ['report', 'roles.group.report'],
    ['admin', 'roles.group.admin'],
  ] as const
).map(([group, title]) => ({ group, title, items: allPermissions.filter((p) => permissions[p].group === group) }));

/** A permission's label from the shared catalogue; unknown codes show as they are. */
export function permissionLabel(code: string, lang: 'zh-CN' | 'en-US'): string {
  const p = permissions[code as Permission];
  return p ? (lang === 'zh-CN' ? p.zh : p.en) : code;
}
