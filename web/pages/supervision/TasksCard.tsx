import { useState } from 'react';
import { Button, Card, Grid, Segmented, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { supervisionApi, supervisionKeys, type TaskView } from '../../api/supervision';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { TaskStateTag } from './TaskStateTag';
import { TaskLine } from './TaskLine';

type Filter = 'open' | 'all';

/** The person's stored tasks (T4, T5, T7, F1, F2, F4) with their states; due and overdue ones first. */
export function TasksCard({ personId, onRecord }: { personId: string; onRecord: (task: TaskView) => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const can = useCan();
  const mobile = Grid.useBreakpoint().md === false;
  const [filter, setFilter] = useState<Filter>('open');
  const tasks = useQuery({ queryKey: supervisionKeys.tasks(personId), queryFn: () => supervisionApi.tasks(personId) });
  const all = tasks.data?.items ?? [];
  // What can still be done first, then the overdue ones, the latest first.
  const open = [...all.filter((x) => x.state === 'due'), ...all.filter((x) => x.state === 'overdue').sort((a, b) => a.daysOverdue - b.daysOverdue)];
  const rows = filter === 'open' ? open : all;
  return (
    <Card
      size="small"
      title={t('sv.tasks.title')}
      data-testid="person-tasks"
      extra={
        <Segmented<Filter>
          size="small"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'open', label: t('sv.withCount', { title: t('sv.tasks.open'), n: open.length }) },
            { value: 'all', label: t('sv.tasks.all') },
          ]}
        />
      }
    >
      <Table<TaskView>
        size="small"
        rowKey={(x) => `${x.measureId}:${x.key}`}
        loading={tasks.isPending}
        dataSource={rows}
        scroll={mobile ? undefined : { x: 'max-content' }}
        pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        locale={{ emptyText: t('sv.tasks.empty') }}
        showHeader={!mobile}
        columns={
          mobile
            ? [{ key: 'task', render: (_, x) => <TaskLine task={x} onRecord={() => onRecord(x)} /> }]
            : [
                { title: t('sv.tasks.kind'), dataIndex: 'kind', render: (k: TaskView['kind']) => <Tag>{label('taskKind', k)}</Tag> },
                { title: t('sv.tasks.dueDate'), dataIndex: 'dueDate' },
                { title: t('sv.tasks.window'), key: 'window', render: (_, x) => `${x.windowStart} ~ ${x.windowEnd}` },
                { title: t('sv.tasks.state'), key: 'state', render: (_, x) => <TaskStateTag task={x} /> },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_, x) =>
                    (x.state === 'due' || x.state === 'overdue') && can('supervision.write') ? (
                      <Button size="small" type={x.state === 'due' ? 'primary' : 'default'} onClick={() => onRecord(x)}>
                        {t('sv.today.record')}
                      </Button>
                    ) : null,
                },
              ]
        }
      />
      {tasks.data && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sv.tasks.horizon', { date: tasks.data.horizon })}
        </Typography.Text>
      )}
    </Card>
  );
}
