import { describe, expect, it } from 'vitest';
import { defaultPolicy, mergePolicy, resolvePolicy, type RiskFactorCode } from './policy';
import { classifyRisk, classOf, effectiveClass, roseToHigh, type RiskFacts } from './risk';
import { alertDeadline, alertsFor, alertWithdrawals, escalationLevel, type AlertFacts } from './alerts';

const today = '2026-11-20';
const blank: RiskFacts = {
  isolationReleases: [],
  tests: [],
  earlierMeasureEndedOn: null,
  status: { refusals: 0, evasions: 0, level: 'none', lostContact: false, measureId: 'm1' },
  refusedMeasureIds: [],
  latestVisit: null,
  severeNeeds: null,
  useMethods: [],
  drugTypes: ['meth'],
  measureEnd: { measureId: 'm1', endsOn: '2028-01-01' },
  hasPlan: false,
};
const visit = (over: Partial<NonNullable<RiskFacts['latestVisit']>>): RiskFacts['latestVisit'] => ({
  recordId: 'v1',
  date: '2026-11-01',
  mood: 'stable',
  warningSigns: [],
  family: 'supportive',
  livingSituation: 'stable_home',
  employment: 'employed',
  ...over,
});
const status = (over: Partial<NonNullable<RiskFacts['status']>>): RiskFacts['status'] => ({ ...blank.status!, ...over });

describe('D4, D6: each factor holds on its facts and names the records behind it', () => {
  it.each<[string, RiskFactorCode, Partial<RiskFacts>, number, string[]]>([
    ['D4: released from isolation 30 days ago', 'released_recently', { isolationReleases: [{ measureId: 'iso', endedOn: '2026-10-21' }] }, 1, ['iso']],
    [
      'C5: two missed tests, the C5 count',
      'missed_tests',
      {
        status: status({ refusals: 1, evasions: 1 }),
        tests: [
          { recordId: 't1', date: '2026-09-01', result: 'refused' },
          { recordId: 't2', date: '2026-10-01', result: 'evaded' },
        ],
      },
      2,
      ['t1', 't2'],
    ],
    ['T3: a positive test within the year', 'positive_test', { tests: [{ recordId: 'p1', date: '2026-06-01', result: 'positive' }] }, 1, ['p1']],
    [
      'D6: a positive after an earlier measure ended is a relapse',
      'relapse',
      { earlierMeasureEndedOn: '2025-01-01', tests: [{ recordId: 'p1', date: '2026-06-01', result: 'positive' }] },
      1,
      ['p1'],
    ],
    ['D4, C11: lost contact', 'lost_contact', { status: status({ lostContact: true }) }, 1, ['m1']],
    ['D4, C5: serious breach', 'serious_breach', { status: status({ level: 'serious_breach' }) }, 1, ['m1']],
    ['D4, C1: refused the measure', 'refused_measure', { refusedMeasureIds: ['m0'] }, 1, ['m0']],
    ['D4: self-harm noted at the visit', 'distress_signs', { latestVisit: visit({ warningSigns: ['self_harm'] }) }, 1, ['v1']],
    ['D4: psychiatric symptoms and talk of ending their life: two signs', 'distress_signs', { latestVisit: visit({ warningSigns: ['psychiatric', 'suicidal_talk'] }) }, 2, ['v1']],
    ['low mood noted at the visit', 'mood_concern', { latestVisit: visit({ mood: 'low' }) }, 1, ['v1']],
    ['agitation noted at the visit', 'mood_concern', { latestVisit: visit({ mood: 'agitated' }) }, 1, ['v1']],
    ['family conflict noted at the visit', 'family_conflict', { latestVisit: visit({ family: 'conflict' }) }, 1, ['v1']],
    ['unstable housing at the visit', 'no_stable_housing', { latestVisit: visit({ livingSituation: 'unstable' }) }, 1, ['v1']],
    ['housing judged severe by the assistance assessment', 'no_stable_housing', { severeNeeds: { assessmentId: 'a1', needs: ['housing'] } }, 1, ['a1']],
    ['no work at the visit', 'no_income', { latestVisit: visit({ employment: 'unemployed' }) }, 1, ['v1']],
    ['D6: injecting use', 'injecting_use', { useMethods: ['injecting'] }, 1, []],
    ['D6: two drugs or more', 'severe_addiction', { drugTypes: ['meth', 'heroin'] }, 1, []],
    ['the measure ends in 30 days with no plan', 'measure_ending_unplanned', { measureEnd: { measureId: 'm1', endsOn: '2026-12-20' } }, 1, ['m1']],
  ])('%s', (_label, factor, facts, value, recordIds) => {
    const r = classifyRisk({ ...blank, ...facts }, defaultPolicy, today);
    expect(r.factors.find((f) => f.factor === factor)).toMatchObject({ value, recordIds, weight: defaultPolicy.warning.factors[factor].weight });
  });

  it.each<[string, RiskFactorCode, Partial<RiskFacts>]>([
    ['D4: released from isolation 120 days ago is not recent', 'released_recently', { isolationReleases: [{ measureId: 'iso', endedOn: '2026-07-23' }] }],
    ['T3: a positive test older than the policy reaches', 'positive_test', { tests: [{ recordId: 'p1', date: '2025-11-01', result: 'positive' }] }],
    ['D6: a positive with no earlier measure is no relapse', 'relapse', { tests: [{ recordId: 'p1', date: '2026-06-01', result: 'positive' }] }],
    ['D4: signs noted at a visit older than the policy reaches', 'distress_signs', { latestVisit: visit({ warningSigns: ['self_harm'], date: '2026-08-01' }) }],
    ['D4: a low mood alone is no sign of self-harm', 'distress_signs', { latestVisit: visit({ mood: 'low' }) }],
    ['a measure ending soon with an approved plan', 'measure_ending_unplanned', { measureEnd: { measureId: 'm1', endsOn: '2026-12-20' }, hasPlan: true }],
    ['a measure ending in 90 days', 'measure_ending_unplanned', { measureEnd: { measureId: 'm1', endsOn: '2027-02-18' } }],
    ['D6: one drug, smoked', 'severe_addiction', {}],
  ])('%s: does not hold', (_label, factor, facts) => {
    expect(classifyRisk({ ...blank, ...facts }, defaultPolicy, today).factors.map((f) => f.factor)).not.toContain(factor);
  });

  it('C5: the missed-tests threshold comes from the policy', () => {
    const facts = { ...blank, status: status({ refusals: 1 }) };
    const strict = mergePolicy(defaultPolicy, { version: 'p2', warning: { factors: { missed_tests: { weight: 10, threshold: 2, forcesHigh: false } } } });
    expect(classifyRisk(facts, defaultPolicy, today).factors.map((f) => f.factor)).toContain('missed_tests');
    expect(classifyRisk(facts, strict, today).factors.map((f) => f.factor)).not.toContain('missed_tests');
  });
});

describe('D4: the class', () => {
  it.each<[string, Partial<RiskFacts>, 'high' | 'medium' | 'low', number]>([
    ['nothing on file: low', {}, 'low', 0],
    ['one missed test: low (10)', { status: status({ evasions: 1 }) }, 'low', 10],
    ['positive test: medium (25)', { tests: [{ recordId: 'p1', date: '2026-06-01', result: 'positive' }] }, 'medium', 25],
    [
      'relapse, injecting, released: high by score (25 + 20 + 15 + 15 + 15)',
      {
        tests: [{ recordId: 'p1', date: '2026-06-01', result: 'positive' }],
        earlierMeasureEndedOn: '2025-01-01',
        useMethods: ['injecting'],
        isolationReleases: [{ measureId: 'iso', endedOn: '2026-10-21' }],
      },
      'high',
      90,
    ],
    ['D4: lost contact alone is high', { status: status({ lostContact: true }) }, 'high', 40],
    ['D4: serious breach alone is high', { status: status({ level: 'serious_breach' }) }, 'high', 40],
    ['D4: signs of self-harm alone are high', { latestVisit: visit({ warningSigns: ['self_harm'] }) }, 'high', 30],
    ['a low mood alone stays low (10)', { latestVisit: visit({ mood: 'low' }) }, 'low', 10],
    ['a low mood with psychiatric symptoms: high (30 + 10)', { latestVisit: visit({ mood: 'low', warningSigns: ['psychiatric'] }) }, 'high', 40],
  ])('%s', (_label, facts, riskClass, score) => {
    const r = classifyRisk({ ...blank, ...facts }, defaultPolicy, today);
    expect(r).toMatchObject({ riskClass, score, policyVersion: defaultPolicy.version });
    expect(r.factors.reduce((s, f) => s + f.contribution, 0)).toBe(score);
  });

  it.each<[number, boolean, 'high' | 'medium' | 'low']>([
    [19, false, 'low'],
    [20, false, 'medium'],
    [49, false, 'medium'],
    [50, false, 'high'],
    [0, true, 'high'],
  ])('D4: score %i (forced %s) is %s under the default bounds', (score, forced, c) => expect(classOf(score, forced, defaultPolicy)).toBe(c));

  it('D4: a deployment may turn a forcing factor into a weight only', () => {
    const p = mergePolicy(defaultPolicy, { version: 'p3', warning: { factors: { distress_signs: { weight: 30, threshold: 1, forcesHigh: false } } } });
    expect(classifyRisk({ ...blank, latestVisit: visit({ warningSigns: ['self_harm'] }) }, p, today)).toMatchObject({ riskClass: 'medium', policyVersion: 'p3' });
  });

  it('the policy refuses a negative weight in an override', () => {
    expect(resolvePolicy({ version: 'x', warning: { factors: { relapse: { weight: -1, threshold: 1, forcesHigh: false } } } }).ok).toBe(false);
  });

  it.each<[string, { riskClass: 'high' | 'medium' | 'low'; expiresOn: string } | null, 'high' | 'medium' | 'low']>([
    ['no override', null, 'medium'],
    ['an override in force', { riskClass: 'high', expiresOn: '2026-11-20' }, 'high'],
    ['an expired override', { riskClass: 'high', expiresOn: '2026-11-19' }, 'medium'],
  ])("D4: the street's override: %s", (_label, override, c) => expect(effectiveClass('medium', override, today)).toBe(c));

  it.each<[string, 'high' | 'medium' | 'low' | null, 'high' | 'medium' | 'low', boolean]>([
    ['medium to high', 'medium', 'high', true],
    ['high stays high', 'high', 'high', false],
    ['first classification', null, 'high', false],
  ])('D4: a rise to high: %s', (_label, before, after, rose) => expect(roseToHigh(before, after)).toBe(rose));
});

const noFacts: AlertFacts = {
  tasks: [],
  tests: [],
  leaves: [],
  status: { measureId: 'm1', refusals: 0, evasions: 0, untilTests: 3, lostContact: false, lastInPersonContact: '2026-11-01', level: 'none' },
  refusedMeasureIds: [],
  riskClass: 'low',
  highSince: null,
  since: '2026-01-01',
};

describe('issue 13: the alerts the facts raise', () => {
  it.each<[string, Partial<AlertFacts>, string, string, 'high' | 'medium' | 'low']>([
    [
      'T7: a test past its window',
      { tasks: [{ measureId: 'm1', key: 'drug_test:1', kind: 'drug_test', windowEnd: '2026-11-10', state: 'overdue' }] },
      'test_overdue',
      'm1|drug_test:1',
      'medium',
    ],
    [
      'F4: a check-in past its window',
      { tasks: [{ measureId: 'm1', key: 'check_in:1', kind: 'check_in', windowEnd: '2026-11-10', state: 'overdue' }] },
      'check_in_overdue',
      'm1|check_in:1',
      'low',
    ],
    ['C5: a refused test', { tests: [{ recordId: 'r1', date: '2026-11-01', result: 'refused' }] }, 'refusal', 'r1', 'high'],
    ['C5: an evaded test', { tests: [{ recordId: 'r1', date: '2026-11-01', result: 'evaded' }] }, 'evasion', 'r1', 'medium'],
    ['T3: a positive test', { tests: [{ recordId: 'r1', date: '2026-11-01', result: 'positive' }] }, 'positive_test', 'r1', 'high'],
    [
      'C4: a leave not returned',
      { leaves: [{ id: 'l1', fromDate: '2026-11-01', toDate: '2026-11-10', status: 'approved', returnedOn: null }] },
      'leave_not_returned',
      'l1',
      'medium',
    ],
    ['C11: lost contact', { status: { ...noFacts.status!, lostContact: true } }, 'lost_contact', 'm1', 'high'],
    ['C5: a serious breach', { status: { ...noFacts.status!, level: 'serious_breach' } }, 'serious_breach', 'm1', 'high'],
    ['C1: the report deadline passed', { refusedMeasureIds: ['m0'] }, 'report_overdue', 'm0', 'high'],
    ['D4: the class is high', { riskClass: 'high', highSince: '2026-11-18' }, 'risk_high', 'high:2026-11-18', 'high'],
  ])('%s', (_label, facts, kind, factKey, severity) => {
    expect(alertsFor({ ...noFacts, ...facts }, today)).toEqual([expect.objectContaining({ kind, factKey, severity })]);
  });

  it.each<[string, Partial<AlertFacts>]>([
    ['T7: a test still in its window', { tasks: [{ measureId: 'm1', key: 'drug_test:1', kind: 'drug_test', windowEnd: '2026-11-25', state: 'due' }] }],
    ['T7: a test excused by leave', { tasks: [{ measureId: 'm1', key: 'drug_test:1', kind: 'drug_test', windowEnd: '2026-11-10', state: 'excused' }] }],
    ['C4: a leave returned', { leaves: [{ id: 'l1', fromDate: '2026-11-01', toDate: '2026-11-10', status: 'returned', returnedOn: '2026-11-10' }] }],
    ['a negative test', { tests: [{ recordId: 'r1', date: '2026-11-01', result: 'negative' }] }],
    ['a refusal before alerts began', { tests: [{ recordId: 'r1', date: '2025-11-01', result: 'refused' }] }],
    ['T7: a test overdue long before alerts began', { tasks: [{ measureId: 'm1', key: 'drug_test:1', kind: 'drug_test', windowEnd: '2025-11-10', state: 'overdue' }] }],
  ])('%s: raises nothing', (_label, facts) => expect(alertsFor({ ...noFacts, ...facts }, today)).toEqual([]));

  it('C5: a refusal carries the count and what is left before a serious breach', () => {
    const [a] = alertsFor({ ...noFacts, status: { ...noFacts.status!, refusals: 2, untilTests: 1 }, tests: [{ recordId: 'r1', date: '2026-11-01', result: 'refused' }] }, today);
    expect(a!.details).toEqual({ count: 2, untilSerious: 1 });
  });

  it('T7, C4: an open alert whose fact is gone (a leave now covers the absence) is withdrawn; a closed one stays', () => {
    const stored = [
      { id: 'a1', kind: 'test_overdue', factKey: 'm1|drug_test:1', status: 'open' as const },
      { id: 'a2', kind: 'refusal', factKey: 'r1', status: 'closed' as const },
      { id: 'a3', kind: 'risk_high', factKey: 'high:2026-11-20', status: 'acknowledged' as const },
    ];
    expect(alertWithdrawals(stored, alertsFor({ ...noFacts, riskClass: 'high' }, today)).map((a) => a.id)).toEqual(['a1']);
  });

  it.each<['high' | 'medium' | 'low', string]>([
    ['high', '2026-11-21T02:00:00.000Z'],
    ['medium', '2026-11-23T02:00:00.000Z'],
    ['low', '2026-11-27T02:00:00.000Z'],
  ])('K17: a %s alert is due within the policy hours', (severity, due) => {
    expect(alertDeadline(new Date('2026-11-20T02:00:00Z'), severity, defaultPolicy).toISOString()).toBe(due);
  });

  const deadline = new Date('2026-11-21T02:00:00Z');
  it.each<[string, string, number, Date | null, Date, number]>([
    ['before the deadline: stays with the worker', 'open', 0, null, new Date('2026-11-21T01:00:00Z'), 0],
    ['past the deadline, untouched: the street officer', 'open', 0, null, new Date('2026-11-21T03:00:00Z'), 1],
    ['past the deadline, acknowledged: no escalation', 'acknowledged', 0, null, new Date('2026-11-21T03:00:00Z'), 0],
    ['the officer told 47 h ago: stays', 'open', 1, new Date('2026-11-21T03:00:00Z'), new Date('2026-11-23T02:00:00Z'), 1],
    ['the officer told 49 h ago: the district office', 'open', 1, new Date('2026-11-21T03:00:00Z'), new Date('2026-11-23T04:00:00Z'), 2],
    ['the district office told: nothing further', 'open', 2, new Date('2026-11-23T04:00:00Z'), new Date('2026-12-23T04:00:00Z'), 2],
  ])('issue 13 escalation: %s', (_label, s, level, escalatedAt, now, expected) => {
    expect(escalationLevel({ status: s, deadline, escalationLevel: level, escalatedAt }, now, defaultPolicy)).toBe(expected);
  });
});
