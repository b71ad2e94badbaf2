import { describe, expect, it } from 'vitest';
import type { OrgUnit } from '../../api/org';
import { buildForest, subtreeIds } from './orgTree';

const unit = (id: string, parentId: string | null, path: string, name = id): OrgUnit => ({
  id,
  parentId,
  path,
  name,
  level: 'street',
  code: null,
  depth: path.split('/').length - 2,
  active: true,
});

describe('buildForest', () => {
  it('makes a unit whose parent is outside the list a root', () => {
    // A street worker sees the street and its community, not the district above.
    const units = [unit('s', 'd', '/c/d/s/'), unit('k', 's', '/c/d/s/k/')];
    const forest = buildForest(units);
    expect(forest.map((n) => n.unit.id)).toEqual(['s']);
    expect(forest[0]!.children.map((n) => n.unit.id)).toEqual(['k']);
  });

  it('sorts siblings by name', () => {
    const units = [unit('r', null, '/r/'), unit('b', 'r', '/r/b/', '乙区'), unit('a', 'r', '/r/a/', '甲区')];
    expect(buildForest(units)[0]!.children.map((n) => n.unit.name)).toEqual(['甲区', '乙区'].sort((x, y) => x.localeCompare(y, 'zh-CN')));
  });
});

describe('subtreeIds', () => {
  it('holds the unit and everything under it, nothing beside it', () => {
    const units = [unit('r', null, '/r/'), unit('a', 'r', '/r/a/'), unit('a1', 'a', '/r/a/a1/'), unit('b', 'r', '/r/b/')];
    expect([...subtreeIds(units, units[1]!)].sort()).toEqual(['a', 'a1']);
  });
});
