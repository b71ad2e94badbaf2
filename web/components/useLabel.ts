import { isMessageKey, useI18n } from '../i18n/I18nProvider';

type Prefix = 'docKind' | 'sex' | 'risk' | 'personStatus' | 'measureKind' | 'measureStatus' | 'measureEvent' | 'termination' | 'teamRole' | 'timeline.kind' | 'docField';

/** The label of a code sent by the server (`personStatus.awaiting_report`); an unknown code shows as it is. */
export function useLabel() {
  const { t } = useI18n();
  return (prefix: Prefix, code: string | null | undefined): string => {
    if (!code) return '—';
    const key = `${prefix}.${code}`;
    return isMessageKey(key) ? t(key) : code;
  };
}
