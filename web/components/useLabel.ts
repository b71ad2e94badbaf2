import { useCallback } from 'react';
import { label, type LabelList } from '../../core/labels';
import { useI18n } from '../i18n/I18nProvider';

export type LabelOf = (list: LabelList, code: string | null | undefined) => string;

/** The label of a code sent by the server, from the shared catalogue (core/labels); an unknown code shows as it is. */
export function useLabel(): LabelOf {
  const { lang } = useI18n();
  return useCallback((list, code) => label(list, code, lang), [lang]);
}
