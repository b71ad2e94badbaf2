import { useState } from 'react';
import { Alert, Button, Empty, Flex, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { isLongOverdue, LONG_OVERDUE_DAYS, todayCounterMatches, type TodayCounter } from '../../../core/rules/today';
import { supervisionApi, supervisionKeys, type Scope, type TodayTask, type TodayView } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { groupByPerson } from './groupTasks';
import { PersonTaskCard } from './PersonTaskCard';
import { todayStatItems } from './TodayStats';

interface Props {
  day: TodayView | undefined;
  audience: { scope: Scope; orgUnitId?: string };
  /** The counter clicked above the list: only the tasks it counted are shown. */
  only: TodayCounter | undefined;
  onShowAll: () => void;
  onRecord: (task: TodayTask) => void;
}

/** The longest look back /api/today allows: what the folded line opens. */
const HISTORY_DAYS = 366;

/**
 * The tasks of 今日待办 by person (issue 17 §5): narrowed to a counter when one was clicked; the
 * tasks overdue for more than LONG_OVERDUE_DAYS are one line at the end, opened on demand, so
 * the first screen is the work that can still be done.
 */
export function TodayTaskList({ day, audience, only, onShowAll, onRecord }: Props) {
  const { t } = useI18n();
  const [openOld, setOpenOld] = useState(false);
  const history = { ...audience, overdueDays: HISTORY_DAYS };
  const older = useQuery({ queryKey: supervisionKeys.today(history), queryFn: () => supervisionApi.today(history), enabled: openOld });
  const tasks = day ? (only ? day.tasks.filter((task) => todayCounterMatches(only, task, day.date)) : day.tasks) : [];
  const card = (g: TodayTask[]) => (
    <PersonTaskCard
      key={g[0]!.personId}
      tasks={g}
      warnings={(day?.warnings ?? []).filter((w) => w.personId === g[0]!.personId)}
      showWorker={audience.scope === 'unit'}
      onRecord={onRecord}
    />
  );
  const onlyLabel = only && todayStatItems.find((i) => i.key === only)?.label;
  const folded = day && !only ? day.olderOverdue : null;
  return (
    <Flex vertical gap={12} data-testid="today-tasks">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {day ? t('sv.withCount', { title: t('sv.today.tasksTitle'), n: day.tasks.length }) : t('sv.today.tasksTitle')}
      </Typography.Title>
      {day?.truncated && <Alert type="info" showIcon title={t('sv.today.truncated', { n: day.tasks.length })} />}
      {onlyLabel && (
        <Flex align="center" justify="space-between" gap={8} wrap data-testid="today-filter">
          <Typography.Text>{t('sv.today.filtered', { name: t(onlyLabel), n: tasks.length })}</Typography.Text>
          <Button onClick={onShowAll}>{t('sv.today.showAll')}</Button>
        </Flex>
      )}
      {day && tasks.length === 0 && <Empty description={only ? t('sv.today.filterEmpty') : t('sv.today.empty')} />}
      {groupByPerson(tasks).map(card)}
      {folded && folded.tasks > 0 && (
        <Flex align="center" justify="space-between" gap={8} wrap data-testid="today-long-overdue">
          <Typography.Text type="danger">{t('sv.today.longOverdue', { n: folded.tasks, persons: folded.persons, days: LONG_OVERDUE_DAYS })}</Typography.Text>
          <Button onClick={() => setOpenOld((v) => !v)} aria-expanded={openOld}>
            {openOld ? t('sv.today.hideLongOverdue') : t('sv.today.showLongOverdue')}
          </Button>
        </Flex>
      )}
      {folded && openOld && (
        <Spin spinning={older.isPending}>
          <Flex vertical gap={12} data-testid="today-long-overdue-list">
            {groupByPerson((older.data?.tasks ?? []).filter(isLongOverdue)).map(card)}
          </Flex>
        </Spin>
      )}
    </Flex>
  );
}
