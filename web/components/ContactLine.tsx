import type { FamilyContact } from '../api/persons';
import { useI18n } from '../i18n/I18nProvider';
import { DictNames } from './DictNames';

/** A family contact on one line: name (relation) phone address. */
export function ContactLine({ contact: c }: { contact: Partial<FamilyContact> }) {
  const { lang } = useI18n();
  const [open, close] = lang === 'zh-CN' ? ['（', '）'] : [' (', ')'];
  return (
    <span>
      {c.name}
      {open}
      <DictNames kind="relation" codes={c.relation} />
      {close} {c.phone ?? ''} {c.address ?? ''}
    </span>
  );
}
