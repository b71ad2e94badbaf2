import { describe, it, expect } from 'vitest';
import { defaultPolicy } from './policy';
import { createMeasure, type Measure } from './measures';
import { addDays } from './dates';
import { computeTasks } from './schedule';
import { assessPerson, currentMeasure, TASK_HORIZON_DAYS } from './assessment';
import { awayPeriods, type LeaveInput } from './leave';
import { lastContacts } from './contacts';
import { scheduleRecords, type RecordInput } from './records';

const TODAY = '2026-11-22';
const measureRow = (id: string, startDate: string, extra: Partial<Measure> = {}): Measure => ({
  ...createMeasure({ id, kind: 'community_detox', decisionDate: '2026-01-01' }),
  status: 'active',
  startDate,
  ...extra,
});
const rec = (id: string, kind: RecordInput['kind'], date: string, extra: Partial<RecordInput> = {}): RecordInput => ({
  id,
  measureId: 'm',
  kind,
  date,
  result: null,
  random: false,
  retestOfId: null,
  contactMode: null,
  ...extra,
});
const leave = (id: string, fromDate: string, toDate: string, status: LeaveInput['status'], returnedOn: string | null = null): LeaveInput => ({
  id,
  fromDate,
  toDate,
  status,
  returnedOn,
});
const assess = (over: Partial<Parameters<typeof assessPerson>[0]>) =>
  assessPerson({ measures: [measureRow('m', '2026-11-01')], records: [], leaves: [], absences: [], policy: defaultPolicy, today: TODAY, ...over });

describe('record kinds resolve task kinds', () => {
  it.each<[string, RecordInput['kind'], string]>([
    ['F4', 'check_in', 'check_in'],
    ['T4/T5', 'drug_test', 'drug_test'],
    ['F2', 'grid_visit', 'grid_visit'],
    ['F1', 'follow_up', 'follow_up'],
    ["F1: a visit is the worker's contact", 'visit', 'follow_up'],
    ["F1: a talk is the worker's contact", 'talk', 'follow_up'],
  ])('%s: a %s record resolves a %s task', (_rule, kind, taskKind) => {
    expect(scheduleRecords([rec('r', kind, TODAY, { result: kind === 'drug_test' ? 'negative' : null })])[0]!.kind).toBe(taskKind);
  });
});

describe('C4/C5: days away from leave overstays and recorded absences', () => {
  const term = { from: '2026-01-01', to: TODAY };
  it.each<[string, LeaveInput[], number]>([
    ['back in time: nothing', [leave('a', '2026-11-10', '2026-11-15', 'returned', '2026-11-16')], 0],
    ['back early: nothing', [leave('a', '2026-11-10', '2026-11-15', 'returned', '2026-11-12')], 0],
    ['back 2 days late: away from the first day to the day before the return', [leave('a', '2026-11-10', '2026-11-15', 'returned', '2026-11-18')], 1],
    ['not back, past the end: away to today', [leave('a', '2026-11-10', '2026-11-15', 'approved')], 1],
    ['not back, within the leave: nothing yet', [leave('a', '2026-11-20', '2026-11-25', 'approved')], 0],
    ['a rejected leave holds nothing', [leave('a', '2026-11-10', '2026-11-15', 'rejected')], 0],
  ])('%s', (_label, leaves, periods) => {
    expect(awayPeriods(leaves, [], term, TODAY)).toHaveLength(periods);
  });

  it('a recorded absence over the overstay is not counted twice', () => {
    const leaves = [leave('a', '2026-11-10', '2026-11-15', 'approved')];
    const away = awayPeriods(leaves, [{ id: 'x', kind: 'away', fromDate: '2026-11-16', toDate: null }], term, TODAY);
    expect(away.map((a) => a.fact)).toEqual(['absence:x']);
  });

  it('absences are cut to the term of the measure', () => {
    const away = awayPeriods([], [{ id: 'x', kind: 'away', fromDate: '2026-10-20', toDate: '2026-11-05' }], { from: '2026-11-01', to: TODAY }, TODAY);
    expect(away).toEqual([{ from: '2026-11-01', to: '2026-11-05', fact: 'absence:x' }]);
  });
});

describe('C11: contacts', () => {
  it.each<[string, RecordInput[], string | null, string | null]>([
    ['an evaded test is no contact', [rec('t', 'drug_test', '2026-11-10', { result: 'evaded' })], null, null],
    ['a refused test: the person came', [rec('t', 'drug_test', '2026-11-10', { result: 'refused' })], '2026-11-10', '2026-11-10'],
    ['a phone follow-up: reachable, not met', [rec('f', 'follow_up', '2026-11-12', { contactMode: 'phone' })], null, '2026-11-12'],
    ['a grid visit: met', [rec('g', 'grid_visit', '2026-11-13')], '2026-11-13', '2026-11-13'],
  ])('%s', (_label, records, inPerson, reachable) => {
    expect(lastContacts(records, [])).toEqual({ inPerson, reachable });
  });
  it('reporting back from leave is a contact in person', () => {
    expect(lastContacts([], [leave('a', '2026-11-01', '2026-11-05', 'returned', '2026-11-06')]).inPerson).toBe('2026-11-06');
  });
});

describe('which notices and education a run raises', () => {
  const refused = (id: string, date: string) => rec(id, 'drug_test', date, { result: 'refused', random: true });

  it('C5: 3 recorded refusals raise the serious-breach notice at once, dated on the third', () => {
    const out = assess({ records: [refused('a', '2026-11-05'), refused('b', '2026-11-07'), refused('c', '2026-11-06')], timeDriven: false });
    expect(out.notices).toEqual([expect.objectContaining({ reason: 'serious_breach', factKey: 'm:refusals_and_evasions', factDate: '2026-11-07' })]);
    expect(out.education).toEqual([]);
  });

  it('T7: a test past its window counts in the assessment, but raises nothing outside the daily run', () => {
    const measures = [measureRow('m', '2026-09-01')]; // tests 1 and 2 past their windows by today
    const write = assess({ measures, records: [refused('a', '2026-09-05')], timeDriven: false });
    expect(write.status!.assessment.counts).toMatchObject({ refusals: 1, evasions: 2 });
    expect(write.status!.assessment.level).toBe('serious_breach');
    expect(write.notices.filter((n) => n.reason === 'serious_breach')).toEqual([]);
    expect(write.education.map((e) => e.factKey)).toEqual(['test:a']);
    const daily = assess({ measures, records: [refused('a', '2026-09-05')], timeDriven: true });
    expect(daily.notices.filter((n) => n.reason === 'serious_breach')).toEqual([expect.objectContaining({ factDate: '2026-11-09' })]);
  });

  it('C11 is checked neither while suspended (C9) nor on approved leave today', () => {
    const start = '2026-09-01';
    expect(assess({ measures: [measureRow('m', start)] }).status!.lostContact.lost).toBe(true);
    expect(assess({ measures: [measureRow('m', start, { status: 'suspended', suspensions: [{ start: '2026-11-01', end: null }] })] }).status!.lostContact).toMatchObject({
      lost: false,
      checked: false,
    });
    expect(assess({ measures: [measureRow('m', start)], leaves: [leave('l', '2026-11-20', '2026-11-25', 'approved')] }).status!.lostContact).toMatchObject({
      lost: false,
      checked: false,
    });
  });

  it('the current measure is the one in force, else the latest started', () => {
    const old = {
      ...createMeasure({ id: 'old', kind: 'community_detox', decisionDate: '2023-01-01' }),
      status: 'terminated' as const,
      startDate: '2023-01-10',
      endedOn: '2024-01-01',
    };
    const now = { ...createMeasure({ id: 'new', kind: 'community_rehab', decisionDate: '2026-10-01' }), status: 'awaiting_report' as const };
    expect(currentMeasure([old, now])!.id).toBe('new');
    expect(currentMeasure([old])!.id).toBe('old');
  });
});

describe('the review date: when the calendar alone changes something', () => {
  it('T7: the next window to open or close', () => {
    // Term from 2026-11-01: the 4th weekly grid visit's period opens tomorrow.
    expect(assess({}).reviewOn).toBe('2026-11-23');
  });
  it('C1: the day after the report deadline of a measure awaiting the report', () => {
    const waiting = createMeasure({ id: 'w', kind: 'community_detox', decisionDate: '2026-11-20', decisionReceivedDate: '2026-11-20' });
    expect(assess({ measures: [waiting] }).reviewOn).toBe('2026-12-06');
  });
  it('C9: nothing changes with time while held, once the windows before the suspension have closed', () => {
    const held = measureRow('m', '2026-08-01', { status: 'suspended', suspensions: [{ start: '2026-10-01', end: null }] });
    expect(assess({ measures: [held] }).reviewOn).toBeNull();
  });
  it('at the latest a month on, while the schedule is computed only that far past the horizon', () => {
    const late = measureRow('m', '2025-01-01');
    expect(assess({ measures: [late], records: [] }).reviewOn! <= '2026-12-23').toBe(true);
  });
  it('C4/C5: an open absence grows every day', () => {
    const held = measureRow('m', '2026-08-01', { status: 'suspended', suspensions: [{ start: '2026-10-01', end: null }] });
    expect(assess({ measures: [held], absences: [{ id: 'a', kind: 'away', fromDate: '2026-11-20', toDate: null }] }).reviewOn).toBe('2026-11-23');
  });
  it('is never today or before', () => {
    for (const start of ['2026-01-01', '2026-06-15', '2026-11-22']) {
      const r = assess({ measures: [measureRow('m', start)] }).reviewOn;
      expect(r! > TODAY).toBe(true);
    }
  });
});

describe('the schedule cut at the horizon is the schedule', () => {
  it.each<[string, 'community_detox' | 'community_rehab']>([
    ['2026-11-22', 'community_detox'],
    ['2026-10-01', 'community_detox'],
    ['2026-03-15', 'community_detox'],
    ['2025-12-31', 'community_detox'],
    ['2024-02-29', 'community_detox'],
    ['2024-12-01', 'community_rehab'],
    ['2025-06-30', 'community_rehab'],
    ['2026-08-01', 'community_rehab'],
  ])('term from %s (%s): the stored tasks equal those of the whole term', (start, kind) => {
    const state: Measure = { ...measureRow('m', start, { suspensions: start < '2026-06-01' ? [{ start: '2026-06-01', end: '2026-06-15' }] : [] }), kind, decisionTermMonths: 36 };
    const m = state;
    const records = computeTasks({ measure: state, suspensions: state.suspensions, leaves: [], records: [], policy: defaultPolicy, today: TODAY })
      .filter((t, i) => t.dueDate <= TODAY && i % 5 !== 0)
      .map((t, i): RecordInput =>
        rec(`r${i}`, t.kind === 'follow_up' && i % 2 ? 'visit' : t.kind, addDays(t.dueDate, (i % 3) - 1), {
          result: t.kind === 'drug_test' ? (i % 7 ? 'negative' : 'refused') : null,
        }),
      );
    const cut = assess({ measures: [m], records }).tasks;
    const whole = computeTasks({ measure: state, suspensions: state.suspensions, leaves: [], records: scheduleRecords(records), policy: defaultPolicy, today: TODAY }).filter(
      (t) => t.state !== 'upcoming' || t.windowStart <= addDays(TODAY, TASK_HORIZON_DAYS),
    );
    expect(cut.map(({ measureId: _m, open: _o, ...t }) => t)).toEqual(whole);
  });
});

describe('C5: the days-away notice is dated when the limit was crossed (issue 9.15)', () => {
  it('C5: 31 days away, entered weeks later, are a serious breach dated the 31st day, not today', () => {
    const m = measureRow('m', '2026-06-01');
    const out = assess({ measures: [m], absences: [{ id: 'a', kind: 'away', fromDate: '2026-08-01', toDate: '2026-09-15' }] });
    expect(out.status!.assessment.reasons).toContain('absence_days');
    expect(out.notices.filter((n) => n.factKey === 'm:absence_days')).toEqual([expect.objectContaining({ reason: 'serious_breach', factDate: '2026-08-31' })]);
  });
});
