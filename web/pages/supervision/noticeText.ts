import type { NoticeView } from '../../api/supervision';
import { isMessageKey, type Translate } from '../../i18n/I18nProvider';

/** The grounds of a notice in a line: the rule and, for C5, which limit was reached. */
export function noticeGrounds(n: NoticeView, t: Translate): string {
  const rule = typeof n.details.rule === 'string' ? n.details.rule : null;
  const limit = typeof n.details.limit === 'string' ? `sv.breachReason.${n.details.limit}` : null;
  const parts = [rule, limit && isMessageKey(limit) ? t(limit) : null].filter((x): x is string => !!x);
  return parts.join(' · ');
}
