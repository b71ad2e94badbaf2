import { Tag } from 'antd';
import { useLabel } from './useLabel';

const colors: Record<string, string> = {
  in_compulsory_isolation: 'purple',
  suspended: 'orange',
  under_community_detox: 'blue',
  under_community_rehab: 'cyan',
  awaiting_report: 'gold',
  no_active_measure: 'default',
};

/** A person's status, derived by the server from the measures. */
export function PersonStatusTag({ status }: { status: string }) {
  const label = useLabel();
  return <Tag color={colors[status] ?? 'default'}>{label('personStatus', status)}</Tag>;
}
