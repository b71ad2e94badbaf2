import { Tag } from 'antd';
import type { TaskState } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { todayIso } from '../../components/dates';

const colors: Record<TaskState, string> = { done: 'green', due: 'blue', overdue: 'red', excused: 'default', upcoming: 'default' };

/** A task's state; an overdue one says by how many days (T7), a due one whether it is due today. */
export function TaskStateTag({ task }: { task: { state: TaskState; daysOverdue: number; dueDate: string } }) {
  const { t } = useI18n();
  const label = useLabel();
  if (task.state === 'overdue') return <Tag color="red">{t('sv.today.overdueDays', { n: task.daysOverdue })}</Tag>;
  if (task.state === 'due' && task.dueDate === todayIso()) return <Tag color="orange">{t('sv.today.dueTodayTag')}</Tag>;
  return <Tag color={colors[task.state]}>{label('taskState', task.state)}</Tag>;
}
