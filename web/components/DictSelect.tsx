import { Select, type SelectProps } from 'antd';
import { useDictionary, type DictionaryKind } from '../api/dictionaries';
import { useI18n } from '../i18n/I18nProvider';
import { label } from '../../core/labels';

interface Props {
  kind: DictionaryKind;
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  disabled?: boolean;
  id?: string;
}

/**
 * A dictionary as a Form.Item control: shows names, holds codes. Inactive entries are offered
 * only when already chosen; drug types are grouped by category (traditional / synthetic).
 */
export function DictSelect({ kind, value, onChange, multiple, allowClear = true, placeholder, disabled, id }: Props) {
  const { lang } = useI18n();
  const dict = useDictionary(kind);
  const chosen = new Set(Array.isArray(value) ? value : value ? [value] : []);
  const entries = (dict.data ?? []).filter((e) => e.active || chosen.has(e.code));
  const option = (e: (typeof entries)[number]) => ({ value: e.code, label: lang === 'zh-CN' ? e.nameZh : e.nameEn });
  const categoryName = (c: string) => label('drugCategory', c, lang);
  const categories = [...new Set(entries.map((e) => e.category).filter((c): c is string => !!c))];
  const options: SelectProps['options'] =
    categories.length > 1 ? categories.map((c) => ({ label: categoryName(c), title: c, options: entries.filter((e) => e.category === c).map(option) })) : entries.map(option);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      mode={multiple ? 'multiple' : undefined}
      allowClear={allowClear}
      placeholder={placeholder}
      disabled={disabled}
      loading={dict.isPending}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: '100%' }}
    />
  );
}
