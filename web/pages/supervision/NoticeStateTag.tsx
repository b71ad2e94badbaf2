import { Tag } from 'antd';
import type { NoticeView } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';

const colors = { pending: 'red', delivered: 'orange', acknowledged: 'green' } as const;

/** Where a notice to the police stands: not delivered, delivered, acknowledged; past its deadline. */
export function NoticeStateTag({ notice }: { notice: Pick<NoticeView, 'state' | 'overdue'> }) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <>
      <Tag color={colors[notice.state]}>{label('noticeState', notice.state)}</Tag>
      {notice.overdue && <Tag color="red">{t('sv.notices.overdue')}</Tag>}
    </>
  );
}
