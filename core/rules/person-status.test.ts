import { describe, it, expect } from 'vitest';
import { createMeasure, type Measure, type MeasureKind, type MeasureStatus } from './measures';
import { checkNewMeasure, derivePersonStatus, measuresOverlap, type PersonStatus } from './person-status';

const TODAY = '2025-06-01';

/** A measure decided on `decided`; `endedOn` only for finished statuses. */
function measure(id: string, kind: MeasureKind, status: MeasureStatus, decided: string, endedOn: string | null = null): Measure {
  return { ...createMeasure({ id, kind, decisionDate: decided }), status, endedOn };
}

describe('derivePersonStatus', () => {
  it.each<[string, Measure[], PersonStatus, string | null, boolean]>([
    ['no measures at all', [], 'no_active_measure', null, false],
    ['C1: ordered, not yet reported', [measure('a', 'community_detox', 'awaiting_report', '2025-05-20')], 'awaiting_report', 'a', false],
    ['M1: under community detox', [measure('a', 'community_detox', 'active', '2024-01-01')], 'under_community_detox', 'a', false],
    ['M9: under community rehab', [measure('a', 'community_rehab', 'active', '2024-01-01')], 'under_community_rehab', 'a', false],
    ['M7: in compulsory isolation', [measure('a', 'compulsory_isolation', 'active', '2024-01-01')], 'in_compulsory_isolation', 'a', false],
    ['C9: suspended', [measure('a', 'community_rehab', 'suspended', '2024-01-01')], 'suspended', 'a', false],
    ['C8: completed measures leave no active measure', [measure('a', 'community_detox', 'completed', '2021-01-01', '2024-01-01')], 'no_active_measure', null, false],
    ['C9: terminated', [measure('a', 'community_detox', 'terminated', '2024-01-01', '2024-06-01')], 'no_active_measure', null, false],
    [
      'M8: converted isolation, community detox awaiting report',
      [
        measure('i', 'compulsory_isolation', 'converted', '2024-01-01', '2025-05-30'),
        { ...measure('d', 'community_detox', 'awaiting_report', '2025-05-30'), convertedFromId: 'i' },
      ],
      'awaiting_report',
      'd',
      false,
    ],
    [
      'M5: relapse, a new isolation after the terminated detox',
      [measure('d', 'community_detox', 'terminated', '2023-01-01', '2025-01-10'), measure('i', 'compulsory_isolation', 'active', '2025-01-10')],
      'in_compulsory_isolation',
      'i',
      false,
    ],
    [
      'M10: maintenance alongside community detox is a flag',
      [measure('d', 'community_detox', 'active', '2024-01-01'), measure('x', 'maintenance_treatment', 'active', '2024-02-01')],
      'under_community_detox',
      'd',
      true,
    ],
    ['M10: maintenance alone is no supervision measure', [measure('x', 'maintenance_treatment', 'active', '2024-02-01')], 'no_active_measure', null, true],
    ['M10: finished maintenance is no flag', [measure('x', 'maintenance_treatment', 'completed', '2024-02-01', '2025-01-01')], 'no_active_measure', null, false],
    ['M4: voluntary treatment never shows', [measure('v', 'voluntary_treatment', 'active', '2025-01-01')], 'no_active_measure', null, false],
    ['a decision dated after today is not in force yet', [measure('a', 'community_detox', 'awaiting_report', '2025-06-02')], 'no_active_measure', null, false],
    ['a decision dated today is in force', [measure('a', 'community_detox', 'awaiting_report', TODAY)], 'awaiting_report', 'a', false],
    [
      'M9: isolation wins over a community rehab ordered for the release',
      [measure('r', 'community_rehab', 'awaiting_report', '2025-05-01'), measure('i', 'compulsory_isolation', 'active', '2024-01-01')],
      'in_compulsory_isolation',
      'i',
      false,
    ],
    [
      'C9: suspension wins over an order not reported to',
      [measure('r', 'community_rehab', 'awaiting_report', '2025-05-01'), measure('d', 'community_detox', 'suspended', '2024-01-01')],
      'suspended',
      'd',
      false,
    ],
    [
      'the newest decision wins between two of the same status',
      [measure('old', 'community_detox', 'active', '2023-01-01'), measure('new', 'community_detox', 'active', '2024-01-01')],
      'under_community_detox',
      'new',
      false,
    ],
  ])('%s → %s', (_label, measures, status, measureId, inMaintenanceTreatment) => {
    expect(derivePersonStatus(measures, TODAY)).toEqual({ status, measureId, inMaintenanceTreatment });
    expect(derivePersonStatus([...measures].reverse(), TODAY)).toEqual({ status, measureId, inMaintenanceTreatment });
  });
});

describe('measuresOverlap', () => {
  const d = (decided: string, endedOn: string | null) => measure('a', 'community_detox', endedOn ? 'completed' : 'active', decided, endedOn);
  it.each<[string, Measure, Measure, boolean]>([
    ['both running', d('2024-01-01', null), d('2025-01-01', null), true],
    ['the first ended before the second was decided', d('2024-01-01', '2024-06-01'), d('2024-07-01', null), false],
    ['M9: the second decided on the day the first ended', d('2024-01-01', '2024-06-01'), d('2024-06-01', null), false],
    ['the second decided on the last day of the first', d('2024-01-01', '2024-06-01'), d('2024-05-31', null), true],
    ['the second decided before the first, still running', d('2024-03-01', null), d('2024-01-01', '2024-03-02'), true],
    ['the second decided before the first, ended on its decision day', d('2024-03-01', null), d('2024-01-01', '2024-03-01'), false],
    ['both finished, one inside the other', d('2024-01-01', '2024-12-31'), d('2024-03-01', '2024-04-01'), true],
    ['ended on the day it was decided: occupies no day', d('2024-03-01', '2024-03-01'), d('2024-01-01', null), false],
  ])('%s → %s', (_label, a, b, expected) => {
    expect(measuresOverlap(a, b)).toBe(expected);
    expect(measuresOverlap(b, a)).toBe(expected);
  });
});

describe('checkNewMeasure', () => {
  const running = measure('d', 'community_detox', 'active', '2024-01-01');
  it.each<[string, Measure[], Measure, string | null]>([
    ['M5: no isolation while the community detox is still running', [running], measure('i', 'compulsory_isolation', 'active', '2025-01-10'), 'd'],
    [
      'M5: isolation once the community detox is terminated',
      [{ ...running, status: 'terminated', endedOn: '2025-01-10' }],
      measure('i', 'compulsory_isolation', 'active', '2025-01-10'),
      null,
    ],
    [
      'M5: a backdated isolation still overlaps the terminated detox',
      [{ ...running, status: 'terminated', endedOn: '2025-01-10' }],
      measure('i', 'compulsory_isolation', 'active', '2025-01-09'),
      'd',
    ],
    [
      'M8: community detox once the isolation is converted',
      [measure('i', 'compulsory_isolation', 'converted', '2024-01-01', '2024-07-01')],
      measure('d2', 'community_detox', 'awaiting_report', '2024-07-01'),
      null,
    ],
    [
      'M9: community rehab on the day of release',
      [measure('i', 'compulsory_isolation', 'completed', '2023-01-01', '2025-01-01')],
      measure('r', 'community_rehab', 'awaiting_report', '2025-01-01'),
      null,
    ],
    [
      'M9: no community rehab while still in isolation',
      [measure('i', 'compulsory_isolation', 'active', '2023-01-01')],
      measure('r', 'community_rehab', 'awaiting_report', '2024-12-20'),
      'i',
    ],
    [
      'C1: no second order while the first awaits the report',
      [measure('a', 'community_detox', 'awaiting_report', '2025-01-01')],
      measure('b', 'community_detox', 'awaiting_report', '2025-02-01'),
      'a',
    ],
    ['M10: maintenance treatment alongside community detox', [running], measure('x', 'maintenance_treatment', 'active', '2024-03-01'), null],
    [
      'M10: community detox alongside maintenance treatment',
      [measure('x', 'maintenance_treatment', 'active', '2023-03-01')],
      measure('d', 'community_detox', 'awaiting_report', '2024-03-01'),
      null,
    ],
    [
      'M10: not two maintenance programmes at once',
      [measure('x', 'maintenance_treatment', 'active', '2023-03-01')],
      measure('y', 'maintenance_treatment', 'active', '2024-03-01'),
      'x',
    ],
    ['M4: voluntary treatment alongside community detox', [running], measure('v', 'voluntary_treatment', 'active', '2024-03-01'), null],
    ['the measure itself is not a conflict (re-checking a saved measure)', [running], running, null],
    [
      'the newest conflicting measure is named',
      [measure('old', 'community_rehab', 'active', '2022-01-01'), running],
      measure('i', 'compulsory_isolation', 'active', '2025-01-10'),
      'd',
    ],
  ])('%s', (_label, existing, candidate, conflictingMeasureId) => {
    expect(checkNewMeasure(existing, candidate)).toEqual(conflictingMeasureId === null ? { ok: true } : { ok: false, code: 'measure.overlap', conflictingMeasureId });
  });
});
