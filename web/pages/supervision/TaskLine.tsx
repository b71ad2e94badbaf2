import { Button, Flex, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { TaskKind, TaskView } from '../../api/supervision';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { TaskStateTag } from './TaskStateTag';
import { shortDate } from './shortDate';

export const taskKindColors: Record<TaskKind, string> = { drug_test: 'magenta', check_in: 'blue', follow_up: 'cyan', grid_visit: 'geekblue' };

type Task = Pick<TaskView, 'kind' | 'state' | 'dueDate' | 'windowStart' | 'windowEnd' | 'daysOverdue'>;

/** A task on one line: kind, state, due date and window, and the record button while it is open. */
export function TaskLine({ task, onRecord }: { task: Task; onRecord?: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const can = useCan();
  const open = (task.state === 'due' || task.state === 'overdue') && can('supervision.write') && onRecord;
  return (
    <Flex data-testid="today-task" data-kind={task.kind} data-state={task.state} align="center" justify="space-between" gap={8}>
      <Flex vertical gap={2} style={{ minWidth: 0 }}>
        <Flex wrap align="center" gap={4}>
          <Tag color={taskKindColors[task.kind]} style={{ marginInlineEnd: 0 }}>
            {label('taskKind', task.kind)}
          </Tag>
          <TaskStateTag task={task} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sv.today.dueOn', { date: shortDate(task.dueDate) })} · {t('sv.today.window', { from: shortDate(task.windowStart), to: shortDate(task.windowEnd) })}
        </Typography.Text>
      </Flex>
      {open && (
        <Button type={task.state === 'overdue' ? 'default' : 'primary'} icon={<EditOutlined />} onClick={onRecord} style={{ flexShrink: 0 }}>
          {t('sv.today.record')}
        </Button>
      )}
    </Flex>
  );
}
