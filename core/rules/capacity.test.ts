import { describe, expect, it } from 'vitest';
import { payBandFor, payGrade, qualificationState, unitStaffing, workerCaseload, type Caseload, type QualificationKind } from './capacity';
import { defaultPolicy, mergePolicy, resolvePolicy, type SocialWorkerGrade } from './policy';

const policy = defaultPolicy.capacity;
const today = '2026-11-20';

describe('the capacity section of the policy (issue 16 item 3, K12)', () => {
  it('defaults to 1 : 30, a 60-day warning and a band per grade rising with the grade', () => {
    expect(policy.personsPerWorker).toBe(30);
    expect(policy.qualificationExpiringWithinDays).toBe(60);
    const bands = (['unqualified', 'assistant', 'intermediate', 'senior'] as const).map((g) => policy.payBandsYuan[g]);
    bands.forEach((b, i) => {
      expect(b.minYuan).toBeLessThanOrEqual(b.maxYuan);
      if (i > 0) expect(b.minYuan).toBeGreaterThanOrEqual(bands[i - 1]!.minYuan);
    });
  });
  it('a deployment overrides one band or the ratio; a band ending below its start is refused', () => {
    const r = resolvePolicy({ version: 'x', capacity: { personsPerWorker: 25, payBandsYuan: { senior: { minYuan: 9000, maxYuan: 12000 } } } });
    expect(r.ok && r.policy.capacity).toMatchObject({
      personsPerWorker: 25,
      payBandsYuan: { senior: { minYuan: 9000, maxYuan: 12000 }, assistant: policy.payBandsYuan.assistant },
    });
    const bad = resolvePolicy({ version: 'x', capacity: { payBandsYuan: { assistant: { minYuan: 7000, maxYuan: 6000 } } } });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toEqual(['capacity.payBandsYuan.assistant.maxYuan']);
    expect(resolvePolicy({ version: 'x', capacity: { grades: [] } }).ok).toBe(false);
  });
});

describe('qualification state from its dates', () => {
  it.each<[string, string | null, string, number | null]>([
    ['no expiry date', null, 'valid', null],
    ['expires in a year', '2027-11-20', 'valid', 365],
    ['expires in 61 days', '2027-01-20', 'valid', 61],
    ['expires in 60 days', '2027-01-19', 'expiring', 60],
    ['expires tomorrow', '2026-11-21', 'expiring', 1],
    ['expires today (still valid through the day)', '2026-11-20', 'expiring', 0],
    ['expired yesterday', '2026-11-19', 'expired', -1],
    ['expired a year ago', '2025-11-20', 'expired', -365],
  ])('%s', (_l, expiresOn, state, daysLeft) => {
    expect(qualificationState(expiresOn, today, policy.qualificationExpiringWithinDays)).toEqual({ state, daysLeft });
  });
});

describe('which grade’s pay band applies', () => {
  const cert = (kind: QualificationKind, expiresOn: string | null = null, issuedOn = '2024-06-01') => ({ kind, issuedOn, expiresOn });
  it.each<[string, SocialWorkerGrade, ReturnType<typeof cert>[], SocialWorkerGrade]>([
    ['未取得 needs no certificate', 'unqualified', [], 'unqualified'],
    ['a grade backed by its certificate', 'intermediate', [cert('sw_intermediate')], 'intermediate'],
    ['a grade below what the certificates prove', 'assistant', [cert('sw_senior')], 'assistant'],
    ['a grade above the certificates: the highest proved', 'senior', [cert('sw_assistant'), cert('sw_intermediate')], 'intermediate'],
    ['a grade without any social-work certificate', 'assistant', [cert('drug_control_post'), cert('counsellor')], 'unqualified'],
    ['an expiring certificate still holds', 'senior', [cert('sw_senior', '2026-12-01')], 'senior'],
    ['an expired certificate does not', 'senior', [cert('sw_senior', '2026-11-19'), cert('sw_assistant')], 'assistant'],
    ['a certificate issued after today does not yet', 'intermediate', [cert('sw_intermediate', null, '2026-12-01')], 'unqualified'],
  ])('%s', (_l, grade, certs, expected) => {
    expect(payGrade(grade, certs, today)).toBe(expected);
    expect(payBandFor(payGrade(grade, certs, today), policy)).toEqual(policy.payBandsYuan[expected]);
  });
});

describe('K12 caseloads and the 1 : 30 ratio from the real assignments', () => {
  it.each<[string, Caseload[], Partial<ReturnType<typeof unitStaffing>>]>([
    ['nobody under a measure', [], { persons: 0, workers: 0, workersNeeded: 0, personsPerWorker: null, met: true }],
    ['30 persons, one worker', [{ workerId: 'a', persons: 30 }], { persons: 30, workers: 1, workersNeeded: 1, personsPerWorker: 30, overCaseload: 0, met: true }],
    ['31 persons, one worker: two needed', [{ workerId: 'a', persons: 31 }], { workersNeeded: 2, maxCaseload: 31, overCaseload: 1, met: false }],
    [
      '61 persons over three workers',
      [
        { workerId: 'a', persons: 25 },
        { workerId: 'b', persons: 30 },
        { workerId: 'c', persons: 6 },
      ],
      { persons: 61, workers: 3, workersNeeded: 3, maxCaseload: 30, met: true },
    ],
    ['one person without a worker', [{ workerId: null, persons: 1 }], { persons: 1, workers: 0, unassigned: 1, workersNeeded: 1, met: false }],
    [
      'unassigned persons count in the ratio',
      [
        { workerId: 'a', persons: 20 },
        { workerId: null, persons: 15 },
      ],
      { persons: 35, workers: 1, unassigned: 15, workersNeeded: 2, personsPerWorker: 35, met: false },
    ],
  ])('%s', (_l, loads, expected) => {
    expect(unitStaffing(loads, policy)).toMatchObject({ target: 30, ...expected });
  });
  it('a worker’s caseload against the target; a deployment at 1 : 25 moves it', () => {
    const loads = [{ workerId: 'a', persons: 28 }];
    expect(workerCaseload(loads, 'a', policy)).toEqual({ persons: 28, target: 30, over: false });
    expect(workerCaseload(loads, 'b', policy)).toEqual({ persons: 0, target: 30, over: false });
    const strict = mergePolicy(defaultPolicy, { version: 'x', capacity: { personsPerWorker: 25 } }).capacity;
    expect(workerCaseload(loads, 'a', strict)).toEqual({ persons: 28, target: 25, over: true });
    expect(unitStaffing(loads, strict)).toMatchObject({ workersNeeded: 2, met: false });
  });
});
