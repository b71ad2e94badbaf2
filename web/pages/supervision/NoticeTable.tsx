import type { HTMLAttributes } from 'react';
import { Card, Empty, Flex, Grid, Pagination, Spin, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { NoticeView } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { formatTime } from '../../components/format';
import { NoticeStateTag } from './NoticeStateTag';
import { NoticeActions } from './NoticeActions';
import { noticeGrounds } from './noticeText';

interface Props {
  items: NoticeView[];
  loading: boolean;
  /** The notices page names the person; a person's own tab does not. */
  showPerson?: boolean;
  pagination?: { page: number; size: number; total: number; onChange: (page: number, size: number) => void };
}

/** Notices to the police (C6): reason, person, deadline, delivery and acknowledgement; cards on a phone. */
export function NoticeTable({ items, loading, showPerson = true, pagination }: Props) {
  const { t, pick, lang } = useI18n();
  const label = useLabel();
  const screens = Grid.useBreakpoint();
  const progress = (n: NoticeView) => (
    <Flex vertical gap={2}>
      {n.deliveredAt && !(n.deliveredBy === n.acknowledgedBy && n.deliveredAt === n.acknowledgedAt) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sv.notices.delivered', { name: n.deliveredByName ?? '—', at: formatTime(n.deliveredAt, lang) })}
        </Typography.Text>
      )}
      {n.acknowledgedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sv.notices.acknowledged', { name: n.acknowledgedByName ?? '—', at: formatTime(n.acknowledgedAt, lang) })}
        </Typography.Text>
      )}
    </Flex>
  );
  const person = (n: NoticeView) => <Link to={`/persons/${n.personId}?tab=supervision`}>{n.personName}</Link>;

  if (screens.md === false) {
    if (items.length === 0) return loading ? <Spin /> : <Empty description={t('sv.notices.empty')} />;
    return (
      <Flex vertical gap={8}>
        {items.map((n) => (
          <Card key={n.id} size="small" data-testid="notice-row">
            <Flex vertical gap={6}>
              <Flex justify="space-between" align="start" gap={8}>
                <Typography.Text strong>{pick(n.reasonName)}</Typography.Text>
                <span style={{ whiteSpace: 'nowrap' }}>
                  <NoticeStateTag notice={n} />
                </span>
              </Flex>
              {showPerson && (
                <span>
                  {person(n)} <Typography.Text type="secondary">· {n.orgUnitName}</Typography.Text>
                </span>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('sv.notices.factDate')}
                {t('common.colon')}
                {n.factDate} · {t('sv.notices.deadline')}
                {t('common.colon')}
                {formatTime(n.deadline, lang)}
              </Typography.Text>
              {noticeGrounds(n, label) && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {noticeGrounds(n, label)}
                </Typography.Text>
              )}
              {progress(n)}
              <NoticeActions notice={n} />
            </Flex>
          </Card>
        ))}
        {pagination && pagination.total > pagination.size && (
          <Pagination simple current={pagination.page} pageSize={pagination.size} total={pagination.total} onChange={pagination.onChange} style={{ alignSelf: 'center' }} />
        )}
      </Flex>
    );
  }

  return (
    <Table<NoticeView>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      scroll={{ x: 'max-content' }}
      onRow={() => ({ 'data-testid': 'notice-row' }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText: <Empty description={t('sv.notices.empty')} /> }}
      pagination={
        pagination
          ? { current: pagination.page, pageSize: pagination.size, total: pagination.total, onChange: pagination.onChange, showTotal: (n) => t('common.total', { n }) }
          : false
      }
      columns={[
        {
          title: t('sv.notices.reason'),
          key: 'reason',
          render: (_, n) => (
            <Flex vertical>
              <Typography.Text strong>{pick(n.reasonName)}</Typography.Text>
              {noticeGrounds(n, label) && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {noticeGrounds(n, label)}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        ...(showPerson
          ? [
              { title: t('sv.notices.person'), key: 'person', render: (_: unknown, n: NoticeView) => person(n) },
              { title: t('sv.notices.unit'), dataIndex: 'orgUnitName' },
            ]
          : []),
        { title: t('sv.notices.factDate'), dataIndex: 'factDate' },
        { title: t('sv.notices.deadline'), dataIndex: 'deadline', render: (v: string) => formatTime(v, lang) },
        {
          title: t('sv.notices.state'),
          key: 'state',
          render: (_, n) => (
            <Flex vertical gap={2}>
              <span>
                <NoticeStateTag notice={n} />
              </span>
              {progress(n)}
            </Flex>
          ),
        },
        { title: t('common.actions'), key: 'actions', render: (_, n) => <NoticeActions notice={n} /> },
      ]}
    />
  );
}
