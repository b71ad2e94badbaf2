import { useState } from 'react';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { TodayTask, WarningView } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { TaskLine } from './TaskLine';

/** Overdue tasks shown before the rest fold away (the oldest are history, seldom acted on). */
const OVERDUE_SHOWN = 2;

interface Props {
  tasks: TodayTask[];
  warnings: WarningView[];
  /** The unit's day names the worker of each person. */
  showWorker: boolean;
  onRecord: (task: TodayTask) => void;
}

/**
 * One person of the day: what is due now first, then the overdue tasks (the latest first, the
 * older ones folded), each with its one-tap record button; the person's breach warnings on top.
 */
export function PersonTaskCard({ tasks, warnings, showWorker, onRecord }: Props) {
  const { t, pick } = useI18n();
  const [unfolded, setUnfolded] = useState(false);
  const first = tasks[0]!;
  const current = tasks.filter((x) => x.state !== 'overdue');
  const overdue = tasks.filter((x) => x.state === 'overdue').sort((a, b) => a.daysOverdue - b.daysOverdue);
  const shown = unfolded ? overdue : overdue.slice(0, OVERDUE_SHOWN);
  return (
    <Card
      size="small"
      data-testid="today-person"
      title={
        <Flex wrap align="baseline" gap={8} style={{ minWidth: 0 }}>
          <Link to={`/persons/${first.personId}?tab=supervision`}>{first.personName}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {first.orgUnitName}
            {showWorker && ` · ${first.workerName ? t('sv.today.worker', { name: first.workerName }) : t('sv.today.noWorker')}`}
          </Typography.Text>
        </Flex>
      }
      styles={{ header: { minHeight: 40 } }}
    >
      <Flex vertical gap={10}>
        {warnings.map((w) => (
          <Alert key={w.kind} type={w.kind === 'serious_breach' ? 'error' : 'warning'} showIcon title={pick(w.message)} style={{ padding: '4px 8px' }} />
        ))}
        {[...current, ...shown].map((task) => (
          <TaskLine key={`${task.measureId}:${task.key}`} task={task} onRecord={() => onRecord(task)} />
        ))}
        {overdue.length > OVERDUE_SHOWN && (
          <Button type="link" size="small" onClick={() => setUnfolded((u) => !u)} style={{ alignSelf: 'flex-start', padding: 0 }}>
            {unfolded ? t('sv.today.fold') : t('sv.today.moreOverdue', { n: overdue.length - OVERDUE_SHOWN })}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
