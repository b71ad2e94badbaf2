import { Tag } from 'antd';
import { useLabel } from './useLabel';

const colors: Record<string, string> = {
  awaiting_report: 'gold',
  active: 'blue',
  suspended: 'orange',
  terminated: 'red',
  completed: 'green',
  converted: 'purple',
};

export function MeasureStatusTag({ status }: { status: string }) {
  const label = useLabel();
  return <Tag color={colors[status] ?? 'default'}>{label('measureStatus', status)}</Tag>;
}
