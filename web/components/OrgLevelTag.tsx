import { Tag } from 'antd';
import type { OrgLevel } from '../api/org';
import { useI18n } from '../i18n/I18nProvider';
import { useLabel } from './useLabel';

const colors: Record<OrgLevel, string> = { city: 'volcano', district: 'orange', street: 'gold', community: 'green', grid: 'cyan' };

export function OrgLevelTag({ level }: { level: OrgLevel }) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <Tag color={colors[level]} style={{ marginInlineEnd: 4 }}>
      {label('orgLevel', level)}
    </Tag>
  );
}
