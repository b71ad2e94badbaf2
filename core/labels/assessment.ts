import type { CodeList } from './types';

// Issue 15 item 5 (季考核): where a unit's scoring rules come from.
export const assessmentLabels = {
  rulesOrigin: {
    unit: ['本单位设定', 'Set for this unit'],
    inherited: ['沿用上级', 'From a parent unit'],
    default: ['系统默认（工作方案）', 'Default (work plan)'],
  } satisfies CodeList<'unit' | 'inherited' | 'default'>,
} as const;
