import { zhCN } from '../../i18n/zh-CN';
import { isMessageKey, type Translate } from '../../i18n/I18nProvider';

/** Actions with a readable name; their codes also feed the filter's suggestions. */
export const knownActions = Object.keys(zhCN)
  .filter((k) => k.startsWith('action.'))
  .map((k) => k.slice('action.'.length));

export const knownEntityTypes = ['user', 'org_unit', 'role', 'person', 'measure', 'document', 'import_job'];

export function actionLabel(t: Translate, action: string): string | null {
  const key = `action.${action}`;
  return isMessageKey(key) ? t(key) : null;
}

export function entityLabel(t: Translate, type: string): string {
  const key = `entity.${type}`;
  return isMessageKey(key) ? t(key) : type;
}
