import { useDictionary, type DictionaryKind } from '../api/dictionaries';
import { useI18n } from '../i18n/I18nProvider';

/** Dictionary codes shown by their names in the current language, joined with 、 or a comma. */
export function DictNames({ kind, codes }: { kind: DictionaryKind; codes: string | string[] | null | undefined }) {
  const { lang } = useI18n();
  const dict = useDictionary(kind);
  const list = (Array.isArray(codes) ? codes : codes ? [codes] : []).filter(Boolean);
  if (list.length === 0) return <>—</>;
  const name = (code: string) => {
    const e = dict.data?.find((x) => x.code === code);
    return e ? (lang === 'zh-CN' ? e.nameZh : e.nameEn) : code;
  };
  return <>{list.map(name).join(lang === 'zh-CN' ? '、' : ', ')}</>;
}
