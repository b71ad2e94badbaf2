import type { Random } from './random';
import { uuidFrom } from './random';
import { communityName, districtName, streetName } from './names';

export interface UnitSpec {
  id: string;
  parentId: string;
  level: 'district' | 'street' | 'community' | 'grid';
  name: string;
  path: string;
  depth: number;
}

export interface CityPlan {
  units: UnitSpec[];
  communities: UnitSpec[];
  /** Persons per community, in the order of `communities`. */
  personsPerCommunity: number[];
}

/**
 * The shape of the city for N persons: about 60 persons per community, 6 communities per
 * street, 8 streets per district, 3 grids per community (field reports, rounded).
 */
export function planCity(r: Random, root: { id: string; path: string }, persons: number): CityPlan {
  const communityCount = Math.max(1, Math.ceil(persons / 60));
  const streetCount = Math.max(1, Math.ceil(communityCount / 6));
  const districtCount = Math.max(1, Math.ceil(streetCount / 8));
  const units: UnitSpec[] = [];
  const communities: UnitSpec[] = [];
  const add = (parent: { id: string; path: string; depth: number }, level: UnitSpec['level'], name: string) => {
    const id = uuidFrom(r);
    const u: UnitSpec = { id, parentId: parent.id, level, name, path: `${parent.path}${id}/`, depth: parent.depth + 1 };
    units.push(u);
    return u;
  };
  let streetNo = 0;
  let communityNo = 0;
  for (let d = 0; d < districtCount; d++) {
    const district = add({ ...root, depth: 1 }, 'district', districtName(d));
    const streetsHere = Math.min(8, streetCount - d * 8);
    for (let s = 0; s < streetsHere; s++) {
      const street = add(district, 'street', streetName(r, streetNo++));
      const communitiesHere = Math.min(6, communityCount - (streetNo - 1) * 6);
      for (let c = 0; c < communitiesHere; c++) {
        const community = add(street, 'community', communityName(r, communityNo++));
        communities.push(community);
        for (let g = 0; g < 3; g++) add(community, 'grid', `第${g + 1}网格`);
      }
    }
  }
  // Spread persons evenly with a little noise, keeping the exact total.
  const base = Math.floor(persons / communities.length);
  const personsPerCommunity = communities.map(() => base);
  for (let i = 0; i < persons - base * communities.length; i++) personsPerCommunity[i % communities.length]!++;
  return { units, communities, personsPerCommunity };
}
