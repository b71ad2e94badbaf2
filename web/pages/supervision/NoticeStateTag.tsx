import { Tag } from 'antd';
import type { NoticeView } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';

const colors = { pending: 'red', delivered: 'orange', acknowledged: 'green', withdrawn: 'default', corrected: 'purple' } as const;

/** Where a notice to the police stands: not delivered, delivered, acknowledged, withdrawn or corrected (issue 9.13); past its deadline; a correction (更正). */
export function NoticeStateTag({ notice }: { notice: Pick<NoticeView, 'state' | 'overdue'> & Partial<Pick<NoticeView, 'kind'>> }) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <>
      {notice.kind === 'correction' && <Tag color="purple">{label('noticeKind', 'correction')}</Tag>}
      <Tag color={colors[notice.state]}>{label('noticeState', notice.state)}</Tag>
      {notice.overdue && <Tag color="red">{t('sv.notices.overdue')}</Tag>}
    </>
  );
}
