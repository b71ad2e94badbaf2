import { useState } from 'react';
import { Card, Segmented, Table, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { today as deploymentToday } from '../../components/dates';
import { supervisionApi, supervisionKeys, type CountsView } from '../../api/supervision';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';

type Period = 'today' | 'week' | 'month';
type Row = CountsView['total'] & { key: string; name: string };

function periodRange(p: Period): { from: string; to: string } {
  const today = deploymentToday();
  if (p === 'today') return { from: today.format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') };
  if (p === 'week') {
    const monday = today.subtract((today.day() + 6) % 7, 'day');
    return { from: monday.format('YYYY-MM-DD'), to: monday.add(6, 'day').format('YYYY-MM-DD') };
  }
  return { from: today.startOf('month').format('YYYY-MM-DD'), to: today.endOf('month').format('YYYY-MM-DD') };
}

/** Issue 12: the assistance tasks open now and due by the period's end, the overdue ones in red. */
function AssistanceCount({ v }: { v: Row['assistance'] }) {
  const { t } = useI18n();
  return (
    <span>
      {v.open}
      {v.overdue > 0 && (
        <Typography.Text type="danger" strong>
          {` (${t('as.tasks.overdue')} ${v.overdue})`}
        </Typography.Text>
      )}
    </span>
  );
}

/** A supervisor's counts of tasks falling due in the period: due, done, overdue, open, per worker and per community; the assistance tasks beside them. */
export function UnitCounts({ orgUnitId, onOpenCommunity }: { orgUnitId?: string; onOpenCommunity?: (orgUnitId: string) => void }) {
  const { t } = useI18n();
  const assistance = useCan()('assistance.read');
  const [period, setPeriod] = useState<Period>('today');
  const q = { orgUnitId, ...periodRange(period) };
  const counts = useQuery({ queryKey: supervisionKeys.counts(q), queryFn: () => supervisionApi.counts(q) });
  const d = counts.data;
  const table = (rows: Row[], open?: (key: string) => void) => (
    <Table<Row>
      size="small"
      rowKey="key"
      onRow={open ? (r) => ({ onClick: () => open(r.key), style: { cursor: 'pointer' }, 'data-testid': 'unit-counts-row' }) : undefined}
      loading={counts.isFetching}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      summary={() =>
        d && rows.length > 1 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('sv.today.total')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {d.total.due}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {d.total.done}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {d.total.overdue}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {d.total.open}
            </Table.Summary.Cell>
            {assistance && (
              <Table.Summary.Cell index={5} align="right">
                <AssistanceCount v={d.total.assistance} />
              </Table.Summary.Cell>
            )}
          </Table.Summary.Row>
        ) : null
      }
      columns={[
        { title: '', dataIndex: 'name', ellipsis: true },
        { title: t('sv.today.countDue'), dataIndex: 'due', align: 'right' },
        { title: t('sv.today.countDone'), dataIndex: 'done', align: 'right', render: (v: number) => <Typography.Text type={v ? 'success' : undefined}>{v}</Typography.Text> },
        {
          title: t('sv.today.countOverdue'),
          dataIndex: 'overdue',
          align: 'right',
          render: (v: number) => (
            <Typography.Text type={v ? 'danger' : undefined} strong={v > 0}>
              {v}
            </Typography.Text>
          ),
        },
        { title: t('sv.today.countOpen'), dataIndex: 'open', align: 'right' },
        ...(assistance ? [{ title: t('as.tasks.title'), key: 'assistance', align: 'right' as const, render: (_: unknown, r: Row) => <AssistanceCount v={r.assistance} /> }] : []),
      ]}
    />
  );
  const byWorker: Row[] = (d?.byWorker ?? []).map((r) => ({ ...r, key: r.workerId ?? '-', name: r.workerName ?? t('sv.today.noWorker') }));
  const byCommunity: Row[] = (d?.byCommunity ?? []).map((r) => ({ ...r, key: r.orgUnitId, name: r.orgUnitName }));
  return (
    <Card
      size="small"
      title={t('sv.today.counts')}
      data-testid="unit-counts"
      extra={
        <Segmented<Period>
          size="small"
          value={period}
          onChange={setPeriod}
          options={[
            { value: 'today', label: t('sv.today.period.today') },
            { value: 'week', label: t('sv.today.period.week') },
            { value: 'month', label: t('sv.today.period.month') },
          ]}
        />
      }
    >
      <Tabs
        size="small"
        items={[
          { key: 'worker', label: t('sv.today.byWorker'), children: table(byWorker) },
          { key: 'community', label: t('sv.today.byCommunity'), children: table(byCommunity, onOpenCommunity) },
        ]}
      />
    </Card>
  );
}
