import { Tag } from 'antd';
import { useLabel } from './useLabel';

const colors: Record<string, string> = { high: 'red', medium: 'orange', low: 'green' };

export function RiskTag({ level }: { level: string | null }) {
  const label = useLabel();
  if (!level) return <span>—</span>;
  return <Tag color={colors[level] ?? 'default'}>{label('riskLevel', level)}</Tag>;
}
