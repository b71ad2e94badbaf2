import { describe, it, expect } from 'vitest';
import {
  delistingChangesOn,
  delistingStatus,
  isPoliceViewer,
  purgeDue,
  sealAfterCompletionDue,
  sealedFromStart,
  type DelistingFacts,
  type DelistingMeasure,
  type DelistingStatus,
} from './delisting';

const figures = { cleanYears: 3, upcomingDays: 90 };
const today = '2026-11-22';
const community = (startDate: string | null, extra: Partial<DelistingMeasure> = {}): DelistingMeasure => ({
  kind: 'community_detox',
  status: 'active',
  decisionDate: startDate ? `${startDate.slice(0, 8)}01` : '2026-11-01',
  startDate,
  endedOn: null,
  terminationReason: null,
  ...extra,
});
const isolation = (decisionDate: string, endedOn: string | null): DelistingMeasure => ({
  kind: 'compulsory_isolation',
  status: endedOn ? 'completed' : 'active',
  decisionDate,
  startDate: decisionDate,
  endedOn,
  terminationReason: null,
});
const facts = (measures: DelistingMeasure[], more: Partial<DelistingFacts> = {}): DelistingFacts => ({ measures, relapses: [], seriousBreaches: [], refusals: [], ...more });

describe('delistingStatus (D2, D3)', () => {
  it.each<[string, DelistingFacts, Partial<DelistingStatus>]>([
    [
      'D3: community measure — three years from its start, eligible on that day',
      facts([community('2023-11-10')]),
      { state: 'eligible', basis: 'measure_start', eligibleOn: '2026-11-10' },
    ],
    ['D2: eligible exactly on the third anniversary', facts([community('2023-11-22')]), { state: 'eligible', eligibleOn: '2026-11-22' }],
    ['D2: within the upcoming window', facts([community('2024-01-15')]), { state: 'upcoming', eligibleOn: '2027-01-15' }],
    ['D2: still counting', facts([community('2025-03-14')]), { state: 'counting', eligibleOn: '2028-03-14', cleanSince: '2025-03-14' }],
    ['D3: isolation — from release', facts([isolation('2021-01-05', '2023-01-05')]), { state: 'eligible', basis: 'release', eligibleOn: '2026-01-05' }],
    ['D3: isolation still running — nothing counts', facts([isolation('2025-06-01', null)]), { state: 'not_started', basis: 'in_isolation', factDate: '2025-06-01' }],
    ['D3: caught, not addicted — from the date caught', facts([], { caughtOn: '2024-03-14' }), { state: 'counting', basis: 'date_caught', eligibleOn: '2027-03-14' }],
    ['D3: no measure and no date caught — no start', facts([]), { state: 'not_started', basis: 'no_measure' }],
    ['M2: awaiting report — no start yet', facts([community(null)]), { state: 'not_started', basis: 'awaiting_report' }],
    [
      'D2: a relapse restarts the count from its day',
      facts([community('2022-01-10')], { relapses: ['2024-05-02'] }),
      { state: 'counting', basis: 'relapse', cleanSince: '2024-05-02', eligibleOn: '2027-05-02' },
    ],
    ['D2: a relapse before the start does not count', facts([community('2023-01-10')], { relapses: ['2022-12-01'] }), { state: 'eligible', basis: 'measure_start' }],
    [
      'D3: a serious breach excludes',
      facts([community('2022-01-10')], { seriousBreaches: ['2022-06-01'] }),
      { state: 'excluded', basis: 'serious_breach', factDate: '2022-06-01' },
    ],
    ['D3: a refusal excludes', facts([community('2022-01-10')], { refusals: ['2022-01-20'] }), { state: 'excluded', basis: 'refused', factDate: '2022-01-20' }],
    [
      'D3: a measure ended for refusal excludes',
      facts([community('2022-01-10', { status: 'terminated', terminationReason: 'refused', endedOn: '2022-02-01' })]),
      { state: 'excluded', basis: 'refused', factDate: '2022-02-01' },
    ],
    [
      'M5: a breach of an earlier measure does not judge the isolation that replaced it',
      facts([community('2019-01-10', { status: 'terminated', terminationReason: 'compulsory_isolation', endedOn: '2020-01-01' }), isolation('2020-01-01', '2022-01-01')], {
        seriousBreaches: ['2019-12-01'],
      }),
      { state: 'eligible', basis: 'release', eligibleOn: '2025-01-01' },
    ],
    [
      'M4: voluntary treatment never starts the count',
      facts([{ kind: 'voluntary_treatment', status: 'active', decisionDate: '2020-01-01', startDate: '2020-01-01', endedOn: null, terminationReason: null }]),
      { state: 'not_started', basis: 'no_measure' },
    ],
    [
      'C9: a measure ended by a sentence does not count here',
      facts([community('2020-01-10', { status: 'terminated', terminationReason: 'prison_sentence', endedOn: '2021-01-01' })]),
      { state: 'not_started', basis: 'ended_otherwise' },
    ],
  ])('%s', (_label, input, expected) => {
    expect(delistingStatus(input, figures, today)).toMatchObject(expected);
  });

  it('D2: the policy sets the number of years', () => {
    expect(delistingStatus(facts([community('2024-11-22')]), { cleanYears: 2, upcomingDays: 0 }, today)).toMatchObject({ state: 'eligible', eligibleOn: '2026-11-22' });
  });
});

describe('sealing (P4, M4)', () => {
  it.each<[string, Parameters<typeof sealedFromStart>[0], boolean]>([
    ['M4: voluntary treatment only — sealed from the start', ['voluntary_treatment'], true],
    ['M4: beside a control measure — the file is a control file', ['voluntary_treatment', 'community_detox'], false],
    ['no measure yet — not sealed', [], false],
  ])('%s', (_l, kinds, sealed) => expect(sealedFromStart(kinds)).toBe(sealed));

  it.each<[string, DelistingMeasure[], boolean]>([
    ['P4: completed five years ago — due', [community('2018-01-10', { status: 'completed', endedOn: '2021-01-10' })], true],
    ['P4: completed within the period — not yet', [community('2022-01-10', { status: 'completed', endedOn: '2025-01-10' })], false],
    ['P4: a measure still running — never', [community('2018-01-10', { status: 'completed', endedOn: '2021-01-10' }), community('2024-01-10')], false],
  ])('%s', (_l, measures, due) => expect(sealAfterCompletionDue(measures, 5, today)).toBe(due));

  it('P4: the purge is due once the keeping period after sealing has run', () => {
    expect(purgeDue('2016-11-22', 10, today)).toBe(true);
    expect(purgeDue('2016-11-23', 10, today)).toBe(false);
  });

  it.each<[string, Parameters<typeof isPoliceViewer>[0], boolean]>([
    ['M4: the police role', [{ roleCode: 'police_officer', permissions: ['person.read'] }], true],
    ['M4: a custom role acknowledging notices', [{ roleCode: 'custom', permissions: ['notice.acknowledge'] }], true],
    ['an officer is not police', [{ roleCode: 'officer', permissions: ['person.read', 'notice.read'] }], false],
  ])('%s', (_l, grants, police) => expect(isPoliceViewer(grants)).toBe(police));
});

describe('delistingChangesOn (D2): the day a standing changes by date alone', () => {
  const figures = { cleanYears: 3, upcomingDays: 90 };
  const s = (state: DelistingStatus['state'], eligibleOn: string | null): DelistingStatus => ({ state, basis: 'measure_start', cleanSince: null, eligibleOn, factDate: null });
  it.each([
    ['counting', '2027-06-30', '2027-04-01'],
    ['upcoming', '2027-01-10', '2027-01-10'],
    ['eligible', '2026-01-10', null],
    ['excluded', null, null],
    ['not_started', null, null],
  ] as const)('D2: %s eligible on %s changes on %s', (state, eligibleOn, expected) => {
    expect(delistingChangesOn(s(state, eligibleOn), figures)).toBe(expected);
  });
  it('D2: the day it changes, the rule gives the next state', () => {
    const facts = {
      measures: [{ id: 'm', kind: 'community_detox', status: 'active', decisionDate: '2024-06-20', startDate: '2024-06-30', endedOn: null, terminationReason: null }],
      relapses: [],
      seriousBreaches: [],
      refusals: [],
    } as unknown as DelistingFacts;
    const before = delistingStatus(facts, figures, '2027-03-31');
    expect(before.state).toBe('counting');
    const on = delistingChangesOn(before, figures)!;
    expect(delistingStatus(facts, figures, on).state).toBe('upcoming');
  });
});
