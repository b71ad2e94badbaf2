import { describe, it, expect } from 'vitest';
import { defaultPolicy, mergePolicy, policyOverrideSchema, policySchema, resolvePolicy, type Policy } from './policy';

describe('defaultPolicy holds the numbers of RULES sections 1–4', () => {
  const p = defaultPolicy;
  it.each<[string, unknown, unknown]>([
    ['M1: community detox term 3 years', p.measures.communityDetoxTermYears, 3],
    ['M6: no isolation while nursing a child under 1', p.measures.isolationExemptNursingChildUnderYears, 1],
    ['M6: isolation may be waived under 16', p.measures.isolationWaivableUnderAge, 16],
    ['M7: compulsory isolation 2 years', p.measures.compulsoryIsolationTermYears, 2],
    ['M7: early release after 1 year', p.measures.compulsoryIsolationEarlyReleaseAfterYears, 1],
    ['M7: extension up to 1 year', p.measures.compulsoryIsolationMaxExtensionYears, 1],
    ['M9: community rehab at most 3 years', p.measures.communityRehabMaxTermYears, 3],
    ['C1: report within 15 days', p.lifecycle.reportWithinDays, 15],
    ['C4: leave request from 3 days', p.lifecycle.leaveRequestFromDays, 3],
    ['C5: 3 refusals or evasions', p.lifecycle.seriousBreach.testRefusalsAndEvasions, 3],
    ['C5: 3 unauthorised departures', p.lifecycle.seriousBreach.unauthorisedDepartures, 3],
    ['C5: more than 30 days away', p.lifecycle.seriousBreach.absenceDaysMoreThan, 30],
    ['C5: evasions and refusals counted together', p.lifecycle.seriousBreach.countEvasionsAndRefusalsTogether, true],
    ['C7: report after transfer within 15 days', p.lifecycle.transferReportWithinDays, 15],
    ['C7: file forwarded in 3 working days', p.lifecycle.transferFileForwardWorkingDays, 3],
    ['C8: street notified within 7 days', p.lifecycle.completionNoticeWithinDays, 7],
    ['C10: release notice 3 days ahead', p.lifecycle.releaseNoticeAhead, 3],
    ['C10: in calendar days by default', p.lifecycle.releaseNoticeInWorkingDays, false],
    ['C11: lost contact after 30 days', p.lifecycle.lostContactAfterDays, 30],
    ['T4: monthly, every 2 months, quarterly', p.drugTests.communityDetoxIntervalMonthsByYear, [1, 2, 3]],
    ['T5: every 2 months, quarterly, every 6 months', p.drugTests.communityRehabIntervalMonthsByYear, [2, 3, 6]],
    ['T7: window ± 7 days', p.drugTests.windowDays, 7],
    [
      'F1: 7/30/90 days with boundaries at 3 and 12 months',
      p.contact.followUpPhases,
      [
        { fromMonth: 0, intervalDays: 7 },
        { fromMonth: 3, intervalDays: 30 },
        { fromMonth: 12, intervalDays: 90 },
      ],
    ],
    ['F2: weekly grid visits', p.contact.gridVisitIntervalDays, 7],
    ['F3: at least 1 visit a quarter', p.contact.minVisitsPerQuarter, 1],
    ['F4: monthly check-in', p.contact.checkInIntervalMonths, 1],
  ])('%s', (_label, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('T4/T5: the default cadences give 12 + 6 + 4 = 22 and 6 + 4 + 2 = 12 tests', () => {
    const perYear = (intervals: number[]) => intervals.map((months) => 12 / months);
    expect(perYear(p.drugTests.communityDetoxIntervalMonthsByYear)).toEqual([12, 6, 4]);
    expect(perYear(p.drugTests.communityRehabIntervalMonthsByYear)).toEqual([6, 4, 2]);
  });

  it('passes its own schema', () => {
    expect(policySchema.safeParse(defaultPolicy).success).toBe(true);
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(defaultPolicy.lifecycle.seriousBreach)).toBe(true);
    expect(() => {
      (defaultPolicy.drugTests.communityDetoxIntervalMonthsByYear as number[]).push(4);
    }).toThrow(TypeError);
  });
});

describe('policySchema refuses impossible policies', () => {
  const broken = (change: (p: Policy) => void): Policy => {
    const copy = structuredClone(defaultPolicy);
    change(copy);
    return copy;
  };
  it.each<[string, Policy]>([
    [
      'C1: more than the national 15 days',
      broken((p) => {
        p.lifecycle.reportWithinDays = 16;
      }),
    ],
    [
      'C1: zero days',
      broken((p) => {
        p.lifecycle.reportWithinDays = 0;
      }),
    ],
    [
      'C5: fractional count',
      broken((p) => {
        p.lifecycle.seriousBreach.testRefusalsAndEvasions = 2.5;
      }),
    ],
    [
      'M9: rehab longer than 3 years',
      broken((p) => {
        p.measures.communityRehabMaxTermYears = 4;
      }),
    ],
    [
      'M7: early release not before the end',
      broken((p) => {
        p.measures.compulsoryIsolationEarlyReleaseAfterYears = 2;
      }),
    ],
    [
      'T4: empty cadence',
      broken((p) => {
        p.drugTests.communityDetoxIntervalMonthsByYear = [];
      }),
    ],
    [
      'T5: interval over a year',
      broken((p) => {
        p.drugTests.communityRehabIntervalMonthsByYear = [2, 13];
      }),
    ],
    [
      'T7: negative window',
      broken((p) => {
        p.drugTests.windowDays = -1;
      }),
    ],
    [
      'F1: first phase not at month 0',
      broken((p) => {
        p.contact.followUpPhases = [{ fromMonth: 1, intervalDays: 7 }];
      }),
    ],
    [
      'F1: phases out of order',
      broken((p) => {
        p.contact.followUpPhases = [
          { fromMonth: 0, intervalDays: 7 },
          { fromMonth: 12, intervalDays: 90 },
          { fromMonth: 3, intervalDays: 30 },
        ];
      }),
    ],
    [
      'empty version',
      broken((p) => {
        p.version = '';
      }),
    ],
  ])('%s', (_label, policy) => {
    expect(policySchema.safeParse(policy).success).toBe(false);
  });
});

describe('mergePolicy (deep partial override)', () => {
  it('C1/C5: replaces only the given numbers, nested ones included', () => {
    const merged = mergePolicy(defaultPolicy, {
      version: 'zhejiang-2025.1',
      lifecycle: { reportWithinDays: 2, seriousBreach: { countEvasionsAndRefusalsTogether: false } },
    });
    expect(merged.version).toBe('zhejiang-2025.1');
    expect(merged.lifecycle.reportWithinDays).toBe(2);
    expect(merged.lifecycle.seriousBreach).toEqual({
      testRefusalsAndEvasions: 3,
      unauthorisedDepartures: 3,
      absenceDaysMoreThan: 30,
      countEvasionsAndRefusalsTogether: false,
    });
    expect(merged.lifecycle.leaveRequestFromDays).toBe(3);
    expect(merged.measures).toEqual(defaultPolicy.measures);
  });

  it('F1: replaces an array as a whole instead of merging its elements', () => {
    const merged = mergePolicy(defaultPolicy, { version: 'v2', contact: { followUpPhases: [{ fromMonth: 0, intervalDays: 14 }] } });
    expect(merged.contact.followUpPhases).toEqual([{ fromMonth: 0, intervalDays: 14 }]);
  });

  it('C10: can set a nullable number back to null and to a value', () => {
    const shanghai = mergePolicy(defaultPolicy, {
      version: 'shanghai',
      lifecycle: { releaseNoticeAhead: 7, releaseNoticeInWorkingDays: true, releasePapersWithinWorkingDays: 3 },
    });
    expect(shanghai.lifecycle).toMatchObject({ releaseNoticeAhead: 7, releaseNoticeInWorkingDays: true, releasePapersWithinWorkingDays: 3 });
    expect(mergePolicy(shanghai, { version: 'x', lifecycle: { releasePapersWithinWorkingDays: null } }).lifecycle.releasePapersWithinWorkingDays).toBeNull();
  });

  it('changes neither the base nor the override, and shares no objects with them', () => {
    const base = structuredClone(defaultPolicy);
    const override = { version: 'v3', drugTests: { windowDays: 5 } };
    const merged = mergePolicy(base, override);
    expect(base).toEqual(defaultPolicy);
    expect(override).toEqual({ version: 'v3', drugTests: { windowDays: 5 } });
    merged.drugTests.communityDetoxIntervalMonthsByYear.push(6);
    expect(base.drugTests.communityDetoxIntervalMonthsByYear).toEqual([1, 2, 3]);
  });
});

describe('policyOverrideSchema and resolvePolicy', () => {
  it.each<[string, unknown]>([
    ['without a version (decisions must record which policy they used)', { lifecycle: { reportWithinDays: 2 } }],
    ['with an unknown key (a typo must not be silently ignored)', { version: 'v', lifecycle: { reportWihtinDays: 2 } }],
    ['with a wrong type', { version: 'v', drugTests: { windowDays: '7' } }],
  ])('refuses an override %s', (_label, override) => {
    expect(policyOverrideSchema.safeParse(override).success).toBe(false);
    expect(resolvePolicy(override).ok).toBe(false);
  });

  it('C1: resolves the Zhejiang override to a complete policy', () => {
    const result = resolvePolicy({ version: 'zhejiang', lifecycle: { reportWithinDays: 2 } });
    expect(result).toEqual({
      ok: true,
      policy: { ...defaultPolicy, version: 'zhejiang', lifecycle: { ...defaultPolicy.lifecycle, reportWithinDays: 2 } },
    });
  });

  it('M7: refuses an override whose numbers are valid alone but not together', () => {
    const result = resolvePolicy({ version: 'v', measures: { compulsoryIsolationTermYears: 1 } });
    expect(result).toEqual({
      ok: false,
      issues: [{ path: 'measures.compulsoryIsolationEarlyReleaseAfterYears', message: 'M7: early release must come before the end of the term' }],
    });
  });
});
