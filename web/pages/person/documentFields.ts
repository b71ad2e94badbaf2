import type { Dayjs } from 'dayjs';
import type { DocumentKind, DocumentMeta } from '../../api/documents';
import type { MeasureView } from '../../api/measures';
import { fromIsoDate, toIsoDate } from '../../components/dates';

/** One structured field of a document kind, as contracts/documents.ts defines it. */
export interface DocumentFieldSpec {
  name: string;
  type: 'text' | 'textarea' | 'date' | 'list';
  required: boolean;
  max?: number;
}

const text = (name: string, max: number, required = true): DocumentFieldSpec => ({ name, type: 'text', required, max });
const date = (name: string): DocumentFieldSpec => ({ name, type: 'date', required: true });

export const documentFieldSpecs: Record<DocumentKind, DocumentFieldSpec[]> = {
  decision: [text('documentNumber', 60), date('issuedOn'), text('issuingAuthority', 100)],
  agreement: [date('signedOn'), { name: 'parties', type: 'list', required: false, max: 100 }],
  release_notice: [text('documentNumber', 60), date('issuedOn')],
  warning_letter: [date('issuedOn'), { name: 'reason', type: 'textarea', required: true, max: 500 }],
  handover_receipt: [date('handedOverOn'), text('fromUnit', 100), text('toUnit', 100)],
  report_receipt: [date('reportedOn'), text('receivedBy', 60, false)],
  other: [{ name: 'description', type: 'textarea', required: true, max: 500 }],
};

export type FieldValues = Record<string, string | string[] | Dayjs | null | undefined>;

/** The form's field values as the upload's `meta.fields`: ISO dates, trimmed text, nothing empty. */
export function fieldsOf(kind: DocumentKind, values: FieldValues = {}): DocumentMeta['fields'] {
  const out: Record<string, unknown> = {};
  for (const spec of documentFieldSpecs[kind]) {
    const v = values[spec.name];
    if (spec.type === 'date') out[spec.name] = toIsoDate(v as Dayjs | null);
    else if (spec.type === 'list') {
      const list = ((v as string[] | undefined) ?? []).map((s) => s.trim()).filter(Boolean);
      if (list.length) out[spec.name] = list;
    } else if (typeof v === 'string' && v.trim()) out[spec.name] = v.trim();
  }
  return out as DocumentMeta['fields'];
}

/** A decision's fields are on the measure already: offered as the starting values. */
export function fieldsFromMeasure(kind: DocumentKind, m: MeasureView | undefined): FieldValues {
  if (!m || kind !== 'decision') return {};
  return { documentNumber: m.decisionNumber ?? undefined, issuedOn: fromIsoDate(m.decisionDate), issuingAuthority: m.decidingAuthority ?? undefined };
}
