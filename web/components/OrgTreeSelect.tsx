import { useMemo, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import type { OrgUnit } from '../api/org';
import { useOrgUnits } from '../api/queries';
import { buildForest, type UnitNode } from '../pages/org/orgTree';
import { useLabel } from './useLabel';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Units that may not be chosen (they still show, greyed, to keep the tree readable). */
  disabled?: (unit: OrgUnit) => boolean;
  id?: string;
  style?: CSSProperties;
  /** The accessible name when no form label points at `id`; the placeholder by default. */
  'aria-label'?: string;
}

interface Option {
  value: string;
  title: string;
  label: string;
  disabled: boolean;
  children: Option[];
}

/** Choose an org unit from the tree the viewer may see. Works as a Form.Item control. */
export function OrgTreeSelect({ value, onChange, placeholder, allowClear, disabled, id, style, 'aria-label': ariaLabel }: Props) {
  const units = useOrgUnits();
  const label = useLabel();
  const treeData = useMemo(() => {
    const toOption = (n: UnitNode): Option => ({
      value: n.unit.id,
      title: `${n.unit.name}（${label('orgLevel', n.unit.level)}）`,
      label: n.unit.name,
      disabled: disabled?.(n.unit) ?? false,
      children: n.children.map(toOption),
    });
    return buildForest(units.data ?? []).map(toOption);
  }, [units.data, disabled, label]);
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={onChange}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder}
      aria-label={id ? ariaLabel : (ariaLabel ?? placeholder)}
      loading={units.isPending}
      treeNodeLabelProp="label"
      style={{ width: '100%', ...style }}
    />
  );
}
