// Which documents a measure must hold (文书清单), by its kind and status.
//
//   社区戒毒 / 社区康复 (M1, M9): the decision always (M1); the agreement once the person has
//     reported (C2: it is signed after reporting); the release notice once completed (C8).
//   强制隔离戒毒 (M7): the decision; the handover receipt once converted to community detox (M8)
//     or released (C10: release hands the person over to the community).
//   自愿戒毒 / 药物维持治疗 (M4, M10): medical programmes, no document is required.
//
// A pure function: the caller says which documents are on file (valid ones only; withdrawn
// documents never count).

export type ChecklistDocumentKind = 'decision' | 'agreement' | 'release_notice' | 'warning_letter' | 'handover_receipt' | 'report_receipt' | 'other';

export interface ChecklistMeasure {
  kind: string;
  status: string;
  /**
   * Whether the person reported (C1/C2). Active, suspended and completed measures imply it;
   * for a terminated one only the report date tells (a refusal to report terminates it too).
   */
  reported?: boolean;
}

export interface ChecklistDocument {
  id: string;
  kind: string;
}

export interface ChecklistItem {
  kind: ChecklistDocumentKind | string;
  required: boolean;
  present: boolean;
  documentIds: string[];
}

/** The order kinds are listed in. */
export const checklistOrder: ChecklistDocumentKind[] = ['decision', 'report_receipt', 'agreement', 'warning_letter', 'release_notice', 'handover_receipt', 'other'];

const REPORTED_STATUSES = new Set(['active', 'suspended', 'completed']);

/** The document kinds a measure must hold now. */
export function requiredDocumentKinds(m: ChecklistMeasure): ChecklistDocumentKind[] {
  switch (m.kind) {
    case 'community_detox':
    case 'community_rehab': {
      const kinds: ChecklistDocumentKind[] = ['decision']; // M1, M9
      if (REPORTED_STATUSES.has(m.status) || m.reported) kinds.push('agreement'); // C2
      if (m.status === 'completed') kinds.push('release_notice'); // C8
      return kinds;
    }
    case 'compulsory_isolation': {
      const kinds: ChecklistDocumentKind[] = ['decision']; // M7
      if (m.status === 'converted' || m.status === 'completed') kinds.push('handover_receipt'); // M8, C10
      return kinds;
    }
    default:
      return []; // M4, M10 (voluntary and maintenance treatment)
  }
}

/** The checklist: required kinds first (present or not), then other kinds on file. */
export function documentChecklist(m: ChecklistMeasure, documents: readonly ChecklistDocument[]): { complete: boolean; items: ChecklistItem[] } {
  const required = requiredDocumentKinds(m);
  const byKind = new Map<string, string[]>();
  for (const d of documents) byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), d.id]);
  const rank = (k: string) => {
    const i = checklistOrder.indexOf(k as ChecklistDocumentKind);
    return i < 0 ? checklistOrder.length : i;
  };
  const kinds = [...new Set<string>([...required, ...byKind.keys()])].sort(
    (a, b) => Number(required.includes(b as ChecklistDocumentKind)) - Number(required.includes(a as ChecklistDocumentKind)) || rank(a) - rank(b) || a.localeCompare(b),
  );
  const items = kinds.map((kind) => {
    const ids = byKind.get(kind) ?? [];
    return { kind, required: required.includes(kind as ChecklistDocumentKind), present: ids.length > 0, documentIds: ids };
  });
  return { complete: items.every((i) => !i.required || i.present), items };
}
