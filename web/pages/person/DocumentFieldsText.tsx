import type { DocumentView } from '../../api/documents';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { documentFieldSpecs } from './documentFields';

/** A document's structured fields as short “label: value” lines, in the kind's order. */
export function DocumentFieldsText({ doc }: { doc: DocumentView }) {
  const label = useLabel();
  const { t } = useI18n();
  const specs = documentFieldSpecs[doc.kind] ?? [];
  const names = [...specs.map((s) => s.name), ...Object.keys(doc.fields).filter((k) => !specs.some((s) => s.name === k))];
  const lines = names
    .filter((n) => doc.fields[n] !== undefined && doc.fields[n] !== null && doc.fields[n] !== '')
    .map((n) => {
      const v = doc.fields[n];
      return `${label('documentField', n)}${t('common.colon')}${Array.isArray(v) ? v.join(t('common.listSep')) : String(v)}`;
    });
  if (lines.length === 0) return <>—</>;
  return (
    <div style={{ fontSize: 12, lineHeight: 1.6 }}>
      {lines.map((l) => (
        <div key={l}>{l}</div>
      ))}
    </div>
  );
}
