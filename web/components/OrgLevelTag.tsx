import { Tag } from 'antd';
import type { OrgLevel } from '../api/org';
import { useLabel } from './useLabel';

const colors: Record<OrgLevel, string> = { city: 'volcano', district: 'orange', street: 'gold', community: 'green', grid: 'cyan' };

export function OrgLevelTag({ level }: { level: OrgLevel }) {
  const label = useLabel();
  return (
    <Tag color={colors[level]} style={{ marginInlineEnd: 4 }}>
      {label('orgLevel', level)}
    </Tag>
  );
}
