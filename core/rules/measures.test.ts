import { describe, it, expect } from 'vitest';
import { computeEndDate, createMeasure, nominalEndDate, reportDeadline, type Measure, type MeasureKind } from './measures';
import { defaultPolicy, mergePolicy } from './policy';

const policy = defaultPolicy;

describe('createMeasure', () => {
  it.each<[string, MeasureKind, string, string | null]>([
    ['M2: community detox waits for the report', 'community_detox', 'awaiting_report', null],
    ['M9: community rehab waits for the report', 'community_rehab', 'awaiting_report', null],
    ['M7: compulsory isolation runs from the decision', 'compulsory_isolation', 'active', '2024-03-01'],
    ['M4: voluntary treatment runs from admission', 'voluntary_treatment', 'active', '2024-03-01'],
    ['M10: maintenance treatment runs from admission', 'maintenance_treatment', 'active', '2024-03-01'],
  ])('%s', (_label, kind, status, startDate) => {
    const m = createMeasure({ id: 'm1', kind, decisionDate: '2024-03-01', decisionReceivedDate: '2024-03-02' });
    expect(m).toMatchObject({ kind, status, startDate, creditedDays: 0, suspensions: [], extensionMonths: 0, endedOn: null });
  });
});

const started = (kind: MeasureKind, startDate: string, extra: Partial<Measure> = {}): Measure => ({
  ...createMeasure({ id: 'm', kind, decisionDate: '2024-01-01' }),
  status: 'active',
  startDate,
  ...extra,
});

describe('computeEndDate', () => {
  it.each<[string, Measure, string | null]>([
    ['M1/M2: community detox, 3 years from the report date', started('community_detox', '2024-01-10'), '2027-01-10'],
    ['M1: a report on 29 February ends on 28 February', started('community_detox', '2024-02-29'), '2027-02-28'],
    ['M8: minus the days served in isolation', started('community_detox', '2024-07-05', { creditedDays: 182 }), '2027-01-04'],
    ['M8: credit longer than the term ends it on the start day', started('community_detox', '2024-07-05', { creditedDays: 2000 }), '2024-07-05'],
    [
      'C9: plus the suspended days',
      started('community_detox', '2024-01-10', {
        suspensions: [
          { start: '2024-06-01', end: '2024-06-11' },
          { start: '2025-02-01', end: '2025-02-06' },
        ],
      }),
      '2027-01-25',
    ],
    [
      'C9: a release on the day of arrest adds nothing',
      started('community_detox', '2024-01-10', {
        suspensions: [{ start: '2024-06-01', end: '2024-06-01' }],
      }),
      '2027-01-10',
    ],
    [
      'C9: unknown while the suspension is open',
      started('community_detox', '2024-01-10', {
        status: 'suspended',
        suspensions: [{ start: '2024-06-01', end: null }],
      }),
      null,
    ],
    ['M9: community rehab uses the term of the decision', started('community_rehab', '2024-01-10', { decisionTermMonths: 24 }), '2026-01-10'],
    ['M9: community rehab capped at 3 years', started('community_rehab', '2024-01-10', { decisionTermMonths: 48 }), '2027-01-10'],
    ['M9: community rehab without a term in the decision gets the maximum', started('community_rehab', '2024-01-10'), '2027-01-10'],
    [
      'M9/C9: community rehab plus the suspended days',
      started('community_rehab', '2024-01-10', {
        decisionTermMonths: 12,
        suspensions: [{ start: '2024-03-01', end: '2024-03-31' }],
      }),
      '2025-02-09',
    ],
    ['M7: compulsory isolation, 2 years from the decision', started('compulsory_isolation', '2024-01-01'), '2026-01-01'],
    ['M7: compulsory isolation plus the extension', started('compulsory_isolation', '2024-01-01', { extensionMonths: 12 }), '2027-01-01'],
    ['M4: voluntary treatment has no fixed end', started('voluntary_treatment', '2024-01-01'), null],
    ['M10: maintenance treatment has no fixed end', started('maintenance_treatment', '2024-01-01'), null],
    ['M2: no end before the person reports', createMeasure({ id: 'm', kind: 'community_detox', decisionDate: '2024-01-01' }), null],
  ])('%s → %s', (_label, measure, expected) => {
    expect(computeEndDate(measure, policy)).toBe(expected);
  });

  it('C9: the nominal end ignores suspensions, so a schedule can shift it itself', () => {
    const m = started('community_detox', '2024-01-10', { suspensions: [{ start: '2024-06-01', end: '2024-06-11' }] });
    expect(nominalEndDate(m, policy)).toBe('2027-01-10');
  });

  it('M1/M7: follows the policy, not literals', () => {
    const longer = mergePolicy(policy, { version: 't', measures: { communityDetoxTermYears: 2, compulsoryIsolationTermYears: 3 } });
    expect(computeEndDate(started('community_detox', '2024-01-10'), longer)).toBe('2026-01-10');
    expect(computeEndDate(started('compulsory_isolation', '2024-01-01'), longer)).toBe('2027-01-01');
  });
});

describe('reportDeadline', () => {
  it.each<[string, string | null, number, string | null]>([
    ['C1: 15 days after the decision was received', '2024-03-02', 15, '2024-03-17'],
    ['C1: Zhejiang, 2 days', '2024-03-02', 2, '2024-03-04'],
    ['C1: unknown without the receipt date', null, 15, null],
  ])('%s', (_label, received, days, expected) => {
    const p = mergePolicy(policy, { version: 't', lifecycle: { reportWithinDays: days } });
    const m = createMeasure({ id: 'm', kind: 'community_detox', decisionDate: '2024-03-01', decisionReceivedDate: received });
    expect(reportDeadline(m, p)).toBe(expected);
  });
});
