import { useState } from 'react';
import { Button, Card, Flex, Grid, Table, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { supervisionApi, supervisionKeys, type LeaveStatus, type LeaveView } from '../../api/supervision';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { formatTime } from '../../components/format';
import { todayIso } from '../../components/dates';
import { LeaveActionModal, type LeaveAction } from './LeaveActionModal';
import { LeaveRequestModal } from './LeaveRequestModal';

const statusColors: Record<LeaveStatus, string> = { pending: 'gold', approved: 'blue', rejected: 'default', returned: 'green' };

/** Leave requests (C4): request, decide (street), extend, report back (销假); an overdue return shows. */
export function LeavesCard({ personId, orgUnitId }: { personId: string; orgUnitId: string }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const can = useCan();
  const leaves = useQuery({ queryKey: supervisionKeys.leaves(personId), queryFn: () => supervisionApi.leaves(personId) });
  const [dialog, setDialog] = useState<{ leave: LeaveView; action: LeaveAction } | 'request' | null>(null);
  const write = can('supervision.write');
  const today = todayIso();
  const mobile = Grid.useBreakpoint().md === false;
  const status = (l: LeaveView) => (
    <Flex wrap gap={4}>
      <Tag color={statusColors[l.status]} style={{ marginInlineEnd: 0 }}>
        {label('leaveStatus', l.status)}
      </Tag>
      {l.overdue && (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {t('sv.leave.overdueTag')}
        </Tag>
      )}
      {l.pendingTo && (
        <Tag color="gold" style={{ marginInlineEnd: 0 }}>
          {t('sv.leave.pendingTo', { to: l.pendingTo })}
        </Tag>
      )}
      {l.returnedOn && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {l.returnedOn}
        </Typography.Text>
      )}
    </Flex>
  );
  const actions = (l: LeaveView) => (
    <Flex wrap gap={4} onClick={(e) => e.stopPropagation()}>
      {can('leave.approve') && (l.status === 'pending' || l.pendingTo) && (
        <Button size="small" type="primary" onClick={() => setDialog({ leave: l, action: 'decide' })}>
          {t('sv.leave.decide')}
        </Button>
      )}
      {write && l.status === 'approved' && !l.pendingTo && (
        <Button size="small" onClick={() => setDialog({ leave: l, action: 'extend' })}>
          {t('sv.leave.extend')}
        </Button>
      )}
      {write && l.status === 'approved' && l.from <= today && (
        <Button size="small" type={l.overdue ? 'primary' : 'default'} danger={l.overdue} onClick={() => setDialog({ leave: l, action: 'return' })}>
          {t('sv.leave.return')}
        </Button>
      )}
    </Flex>
  );
  return (
    <Card
      size="small"
      title={t('sv.leave.title')}
      data-testid="person-leaves"
      extra={
        write && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('request')}>
            {t('sv.leave.request')}
          </Button>
        )
      }
    >
      <Table<LeaveView>
        size="small"
        rowKey="id"
        loading={leaves.isPending}
        dataSource={leaves.data?.items ?? []}
        scroll={mobile ? undefined : { x: 'max-content' }}
        pagination={false}
        locale={{ emptyText: t('sv.leave.empty') }}
        showHeader={!mobile}
        expandable={{
          showExpandColumn: !mobile,
          expandRowByClick: mobile,
          expandedRowRender: (l) => (
            <Timeline
              style={{ paddingTop: 8 }}
              items={l.events.map((e, i) => ({
                key: i,
                content: (
                  <Typography.Text>
                    {label('leaveEvent', e.event)} · {e.actorName ?? '—'} · {formatTime(e.at, lang)}
                    {typeof e.details?.note === 'string' && e.details.note ? ` · ${e.details.note}` : ''}
                    {typeof e.details?.reason === 'string' && e.details.reason ? ` · ${e.details.reason}` : ''}
                  </Typography.Text>
                ),
              }))}
            />
          ),
        }}
        columns={
          mobile
            ? [
                {
                  key: 'leave',
                  render: (_, l) => (
                    <Flex vertical gap={4}>
                      <span>
                        {l.from} ~ {l.to} · {t('sv.leave.days', { n: l.days })} · {l.destination}
                      </span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {l.reason}
                      </Typography.Text>
                      {status(l)}
                      {actions(l)}
                    </Flex>
                  ),
                },
              ]
            : [
                {
                  title: t('sv.leave.range'),
                  key: 'range',
                  render: (_, l) => (
                    <Flex vertical>
                      <span>
                        {l.from} ~ {l.to}
                      </span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('sv.leave.days', { n: l.days })}
                      </Typography.Text>
                    </Flex>
                  ),
                },
                { title: t('sv.leave.destination'), dataIndex: 'destination' },
                {
                  title: t('sv.leave.reason'),
                  dataIndex: 'reason',
                  render: (v: string) => (
                    <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 200 }}>
                      {v}
                    </Typography.Text>
                  ),
                },
                {
                  title: t('sv.leave.status'),
                  key: 'status',
                  render: (_, l) => status(l),
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_, l) => actions(l),
                },
              ]
        }
      />
      {dialog === 'request' && <LeaveRequestModal personId={personId} orgUnitId={orgUnitId} onClose={() => setDialog(null)} />}
      {dialog && dialog !== 'request' && <LeaveActionModal leave={dialog.leave} action={dialog.action} onClose={() => setDialog(null)} />}
    </Card>
  );
}
