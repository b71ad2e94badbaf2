import { builtinRoles } from '../../core/contracts/permissions';
import type { RoleView } from '../api/users';
import { useI18n } from '../i18n/I18nProvider';

/** A role's name in the current language: from the role list if loaded, else the built-in catalogue, else its code. */
export function useRoleName(roles?: RoleView[]) {
  const { lang } = useI18n();
  return (code: string) => {
    const r = roles?.find((x) => x.code === code);
    if (r) return lang === 'zh-CN' ? r.nameZh : r.nameEn;
    const b = builtinRoles.find((x) => x.code === code);
    if (b) return lang === 'zh-CN' ? b.zh : b.en;
    return code;
  };
}
