import { Typography } from 'antd';
import type { OrgUnit } from '../api/org';
import { useLabel } from './useLabel';

/** A unit shown by level and name when the org list is at hand; else its id (a viewer without org.read). */
export function OrgUnitName({ id, units }: { id: string; units?: OrgUnit[] }) {
  const label = useLabel();
  const u = units?.find((x) => x.id === id);
  if (!u)
    return (
      <Typography.Text type="secondary" copyable={{ text: id }}>
        {id.slice(0, 8)}
      </Typography.Text>
    );
  return (
    <span>
      <Typography.Text type="secondary">{label('orgLevel', u.level)} · </Typography.Text>
      {u.name}
    </span>
  );
}
