import { useState } from 'react';
import { Badge, Calendar, Card, Empty, Flex, Grid, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { today } from '../../components/dates';
import 'dayjs/locale/zh-cn';
import { supervisionApi, supervisionKeys, type Scope, type TaskKind, type TodayTask } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { PersonTaskCard } from './PersonTaskCard';
import { taskKindColors } from './TaskLine';
import { groupByPerson } from './groupTasks';
import { AssistanceTasksCard } from '../assistance/AssistanceTasksCard';

const iso = (d: Dayjs) => d.format('YYYY-MM-DD');

/** Tasks by due date: a month at a glance (a compact one on a phone), the chosen day's tasks below. */
export function TaskCalendar({ scope, orgUnitId, onRecord }: { scope: Scope; orgUnitId?: string; onRecord: (task: TodayTask) => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const screens = Grid.useBreakpoint();
  const full = screens.md !== false;
  const [selected, setSelected] = useState<Dayjs>(() => today());
  // The month's grid shows some days of the months around it: ask for those too (at most 62 days).
  const from = iso(selected.startOf('month').subtract(7, 'day'));
  const to = iso(selected.endOf('month').add(14, 'day'));
  const q = { scope, orgUnitId, from, to };
  const calendar = useQuery({ queryKey: supervisionKeys.calendar(q), queryFn: () => supervisionApi.calendar(q) });
  const byDate = new Map((calendar.data?.days ?? []).map((d) => [d.date, d.tasks]));
  // Issue 12: the assistance tasks open and due that day.
  const assistanceByDate = new Map((calendar.data?.days ?? []).map((d) => [d.date, d.assistance]));
  const dayTasks = byDate.get(iso(selected)) ?? [];
  const dayAssistance = assistanceByDate.get(iso(selected)) ?? [];

  const cell = (d: Dayjs) => {
    const tasks = byDate.get(iso(d)) ?? [];
    const assistance = assistanceByDate.get(iso(d)) ?? [];
    if (tasks.length === 0 && assistance.length === 0) return null;
    const late = tasks.some((x) => x.state === 'overdue') || assistance.some((x) => x.overdue);
    if (!full) return <Badge status={late ? 'error' : 'processing'} style={{ display: 'block', lineHeight: 0, textAlign: 'center' }} />;
    const counts = new Map<TaskKind, number>();
    const lateKinds = new Set<TaskKind>();
    for (const x of tasks) {
      if (x.state === 'done' || x.state === 'excused') continue;
      counts.set(x.kind, (counts.get(x.kind) ?? 0) + 1);
      if (x.state === 'overdue') lateKinds.add(x.kind);
    }
    const done = tasks.filter((x) => x.state === 'done').length;
    return (
      <Flex vertical gap={2} align="start">
        {[...counts].map(([k, n]) => (
          <Tag key={k} color={lateKinds.has(k) ? 'red' : taskKindColors[k]} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
            {label('taskKind', k)} {n}
          </Tag>
        ))}
        {assistance.length > 0 && (
          <Tag color={assistance.some((x) => x.overdue) ? 'red' : 'purple'} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }} data-testid="calendar-assistance">
            {t('as.tasks.title')} {assistance.length}
          </Tag>
        )}
        {done > 0 && (
          <Tag color="green" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
            {label('taskState', 'done')} {done}
          </Tag>
        )}
      </Flex>
    );
  };

  return (
    <Flex vertical gap={12}>
      <Card size="small" styles={{ body: { padding: full ? 12 : 4 } }}>
        <Spin spinning={calendar.isFetching}>
          <Calendar fullscreen={full} value={selected} onChange={setSelected} cellRender={(d, info) => (info.type === 'date' ? cell(d) : null)} />
        </Spin>
        {calendar.data && (
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', padding: '0 8px' }}>
            {t('sv.today.calendarHorizon', { date: calendar.data.horizon })}
          </Typography.Text>
        )}
      </Card>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('sv.today.dayTasks', { date: iso(selected), n: dayTasks.length })}
      </Typography.Title>
      {dayTasks.length === 0 && !calendar.isPending && <Empty description={t('sv.today.dayEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {groupByPerson(dayTasks).map((tasks) => (
        <PersonTaskCard key={tasks[0]!.personId} tasks={tasks} warnings={[]} showWorker={scope === 'unit'} onRecord={onRecord} />
      ))}
      {dayAssistance.length > 0 && <AssistanceTasksCard items={dayAssistance} showWorker={scope === 'unit'} />}
    </Flex>
  );
}
