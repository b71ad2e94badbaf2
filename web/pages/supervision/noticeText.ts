import type { NoticeView } from '../../api/supervision';
import { hasLabel } from '../../../core/labels';
import type { LabelOf } from '../../components/useLabel';

/** The grounds of a notice in a line: the rule and, for C5, which limit was reached. */
export function noticeGrounds(n: NoticeView, label: LabelOf): string {
  const rule = typeof n.details.rule === 'string' ? n.details.rule : null;
  const limit = typeof n.details.limit === 'string' && hasLabel('breachReason', n.details.limit) ? label('breachReason', n.details.limit) : null;
  return [rule, limit].filter((x): x is string => !!x).join(' · ');
}
