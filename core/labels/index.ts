// The one catalogue of code lists: every code the API sends with its zh-CN and en-US label.
// Server presenters and the web both read it; no other file keeps a code → label table
// (labels.test.ts checks). Messages with parameters (errors, warnings) are not code lists:
// they live with the server's messages (server/messages.ts); UI prose lives in web/i18n.

import { accessLabels } from './access';
import { assistanceLabels } from './assistance';
import { documentLabels } from './documents';
import { measureLabels } from './measures';
import { orgLabels } from './org';
import { personLabels } from './persons';
import { preventionLabels } from './prevention';
import { governanceLabels } from './governance';
import { supervisionLabels } from './supervision';
import { transferLabels } from './transfers';
import { warningLabels } from './warnings';
import { sealingLabels } from './sealing';
import { governanceOpsLabels } from './governance-ops';
import { reportLabels } from './reports';
import { assessmentLabels } from './assessment';
import type { Label, Lang, Localized } from './types';

export type { CodeList, Label, Lang, Localized } from './types';
export { langs } from './types';

export const labels = {
  ...orgLabels,
  ...personLabels,
  ...measureLabels,
  ...documentLabels,
  ...supervisionLabels,
  ...accessLabels,
  ...preventionLabels,
  ...assistanceLabels,
  ...transferLabels,
  ...governanceLabels,
  ...warningLabels,
  ...sealingLabels,
  ...governanceOpsLabels,
  ...reportLabels,
  ...assessmentLabels,
} as const;

export type LabelList = keyof typeof labels;
/** The codes of a list. */
export type CodeOf<L extends LabelList> = keyof (typeof labels)[L] & string;

const labelOf = (list: LabelList, code: string): Label | undefined => (labels[list] as Record<string, Label>)[code];

/** The codes of a list in display order. */
export const codesOf = <L extends LabelList>(list: L): CodeOf<L>[] => Object.keys(labels[list]) as CodeOf<L>[];

/** Whether the list has a label for the code. */
export const hasLabel = (list: LabelList, code: string): boolean => labelOf(list, code) !== undefined;

/** A code's label in one language; an unknown code shows as it is, an absent one as a dash. */
export function label(list: LabelList, code: string | null | undefined, lang: Lang): string {
  if (code === null || code === undefined || code === '') return '—';
  const l = labelOf(list, code);
  return l ? l[lang === 'zh-CN' ? 0 : 1] : code;
}

/** A code's label in both languages, as the API sends texts. */
export function localized(list: LabelList, code: string): Localized {
  const l = labelOf(list, code) ?? [code, code];
  return { 'zh-CN': l[0], 'en-US': l[1] };
}
