// Where a person's file may belong (一人一档): a street or a unit below it. The street receives
// the decision and assigns the person to a community or grid (C3); a city or district office
// holds no caseload of its own.
import type { OrgLevel } from '../contracts/org';

export const fileLevels = ['street', 'community', 'grid'] as const satisfies readonly OrgLevel[];

export const isFileLevel = (level: string): boolean => (fileLevels as readonly string[]).includes(level);
