import { useEffect, useMemo, useRef, useState, type Key, type ReactNode } from 'react';
import { Card, Empty, Input, Tag, Tree } from 'antd';
import type { OrgUnit } from '../../api/org';
import { useI18n } from '../../i18n/I18nProvider';
import { OrgLevelTag } from '../../components/OrgLevelTag';
import { buildForest, type UnitNode } from './orgTree';

interface TreeNode {
  key: string;
  title: ReactNode;
  children: TreeNode[];
}

export function OrgTreeCard({ units, selected, onSelect }: { units: OrgUnit[]; selected: string | null; onSelect: (id: string) => void }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  // Units open by default, including ones created later; a unit the user closed stays closed.
  const known = useRef(new Set<string>());
  const [expanded, setExpanded] = useState<Key[]>([]);
  useEffect(() => {
    const fresh = units.map((u) => u.id).filter((id) => !known.current.has(id));
    fresh.forEach((id) => known.current.add(id));
    if (fresh.length) setExpanded((e) => [...e, ...fresh]);
  }, [units]);
  const treeData = useMemo(() => {
    const q = search.trim().toLowerCase();
    const toNode = (n: UnitNode): TreeNode | null => {
      const children = n.children.map(toNode).filter((c): c is TreeNode => c !== null);
      const hit = !q || n.unit.name.toLowerCase().includes(q) || (n.unit.code ?? '').toLowerCase().includes(q);
      if (!hit && children.length === 0) return null;
      return {
        key: n.unit.id,
        title: (
          <span data-testid="org-node">
            <OrgLevelTag level={n.unit.level} />
            <span style={n.unit.active ? undefined : { color: '#999' }}>{n.unit.name}</span>
            {!n.unit.active && <Tag style={{ marginInlineStart: 4 }}>{t('common.inactive')}</Tag>}
          </span>
        ),
        children,
      };
    };
    return buildForest(units)
      .map(toNode)
      .filter((n): n is TreeNode => n !== null);
  }, [units, search, t]);

  return (
    <Card>
      <Input.Search allowClear placeholder={t('org.search')} onChange={(e) => setSearch(e.target.value)} style={{ marginBottom: 12 }} />
      {treeData.length === 0 ? (
        <Empty description={t('org.empty')} />
      ) : (
        <Tree
          treeData={treeData}
          // While searching every match is shown open.
          expandedKeys={search.trim() ? units.map((u) => u.id) : expanded}
          onExpand={(keys) => setExpanded(keys)}
          blockNode
          selectedKeys={selected ? [selected] : []}
          // A second click on the open unit keeps it open rather than emptying the detail panel.
          onSelect={(keys) => {
            if (keys[0]) onSelect(String(keys[0]));
          }}
        />
      )}
    </Card>
  );
}
