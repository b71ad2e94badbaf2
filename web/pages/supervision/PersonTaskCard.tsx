import { Alert, Button, Card, Flex, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { TaskKind, TodayTask, WarningView } from '../../api/supervision';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { TaskStateTag } from './TaskStateTag';

const kindColors: Record<TaskKind, string> = { drug_test: 'magenta', check_in: 'blue', follow_up: 'cyan', grid_visit: 'geekblue' };

interface Props {
  tasks: TodayTask[];
  warnings: WarningView[];
  /** The unit's day names the worker of each person. */
  showWorker: boolean;
  onRecord: (task: TodayTask) => void;
}

/** One person of the day: the tasks due or overdue, each with its one-tap record button. */
export function PersonTaskCard({ tasks, warnings, showWorker, onRecord }: Props) {
  const { t, pick } = useI18n();
  const can = useCan();
  const first = tasks[0]!;
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
      <Flex vertical gap={8}>
        {warnings.map((w) => (
          <Alert key={w.kind} type={w.kind === 'serious_breach' ? 'error' : 'warning'} showIcon title={pick(w.message)} style={{ padding: '4px 8px' }} />
        ))}
        {tasks.map((task) => (
          <Flex key={`${task.measureId}:${task.key}`} data-testid="today-task" data-kind={task.kind} align="center" justify="space-between" gap={8}>
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Flex wrap align="center" gap={4}>
                <Tag color={kindColors[task.kind]} style={{ marginInlineEnd: 0 }}>
                  {t(`sv.taskKind.${task.kind}`)}
                </Tag>
                <TaskStateTag task={task} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('sv.today.dueOn', { date: task.dueDate })} · {t('sv.today.window', { from: task.windowStart, to: task.windowEnd })}
              </Typography.Text>
            </Flex>
            {task.state !== 'done' && task.state !== 'excused' && can('supervision.write') && (
              <Button type={task.state === 'overdue' ? 'default' : 'primary'} icon={<EditOutlined />} onClick={() => onRecord(task)} style={{ flexShrink: 0 }}>
                {t('sv.today.record')}
              </Button>
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
