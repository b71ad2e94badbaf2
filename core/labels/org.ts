import type { OrgLevel } from '../contracts/org';
import type { CodeList } from './types';

export const orgLabels = {
  orgLevel: {
    city: ['市', 'City'],
    district: ['区', 'District'],
    street: ['街道', 'Street'],
    community: ['社区', 'Community'],
    grid: ['网格', 'Grid'],
  } satisfies CodeList<OrgLevel>,
};
