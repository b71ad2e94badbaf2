import type { OrgUnit } from '../../api/org';

export interface UnitNode {
  unit: OrgUnit;
  children: UnitNode[];
}

/** The flat list as a forest: a unit whose parent is not in the list (outside my scope) is a root. */
export function buildForest(units: OrgUnit[]): UnitNode[] {
  const nodes = new Map(units.map((u) => [u.id, { unit: u, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.unit.parentId ? nodes.get(n.unit.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  const sort = (list: UnitNode[]) => {
    list.sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'zh-CN'));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** The unit and everything under it, by the materialised path. */
export const subtreeIds = (units: OrgUnit[], unit: OrgUnit) => new Set(units.filter((u) => u.path.startsWith(unit.path)).map((u) => u.id));
