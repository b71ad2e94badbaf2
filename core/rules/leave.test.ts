import { describe, expect, it } from 'vitest';
import { defaultPolicy } from './policy';
import { excusals, heldRange, isLeaveOverdue, leaveRequired, overlapsAbsence, overlapsLeave, overstayDays, type AbsenceInput, type LeaveInput } from './leave';

const leave = (fromDate: string, toDate: string, status: LeaveInput['status'], extra: Partial<LeaveInput> = {}): LeaveInput => ({
  id: 'l',
  fromDate,
  toDate,
  status,
  returnedOn: null,
  ...extra,
});
const absence = (kind: AbsenceInput['kind'], fromDate: string, toDate: string | null): AbsenceInput => ({ id: 'a', kind, fromDate, toDate });

describe('C4: the days a standing leave holds', () => {
  it.each<[string, LeaveInput, { from: string; to: string } | null]>([
    ['pending: the asked-for range', leave('2026-11-10', '2026-11-15', 'pending'), { from: '2026-11-10', to: '2026-11-15' }],
    ['approved: the approved range', leave('2026-11-10', '2026-11-15', 'approved'), { from: '2026-11-10', to: '2026-11-15' }],
    ['an extension waiting: up to the later end', leave('2026-11-10', '2026-11-15', 'approved', { pendingToDate: '2026-11-20' }), { from: '2026-11-10', to: '2026-11-20' }],
    ['rejected: nothing', leave('2026-11-10', '2026-11-15', 'rejected'), null],
    ['reported back: the days away only', leave('2026-11-10', '2026-11-15', 'returned', { returnedOn: '2026-11-12' }), { from: '2026-11-10', to: '2026-11-11' }],
    ['back on its first day: nothing', leave('2026-11-10', '2026-11-15', 'returned', { returnedOn: '2026-11-10' }), null],
  ])('%s', (_label, l, range) => {
    expect(heldRange(l)).toEqual(range);
  });

  it.each<[string, { from: string; to: string }, boolean]>([
    ['the day before', { from: '2026-11-01', to: '2026-11-09' }, false],
    ['sharing the first day', { from: '2026-11-01', to: '2026-11-10' }, true],
    ['inside', { from: '2026-11-12', to: '2026-11-13' }, true],
    ['sharing the last day', { from: '2026-11-15', to: '2026-11-20' }, true],
    ['the day after', { from: '2026-11-16', to: '2026-11-20' }, false],
  ])('C4: a new leave %s another one overlaps: %s', (_label, range, overlaps) => {
    expect(overlapsLeave([leave('2026-11-10', '2026-11-15', 'approved')], range)).toBe(overlaps);
  });

  it('C4: a rejected leave and the days after a report back leave room for another', () => {
    expect(overlapsLeave([leave('2026-11-10', '2026-11-15', 'rejected')], { from: '2026-11-12', to: '2026-11-13' })).toBe(false);
    expect(overlapsLeave([leave('2026-11-10', '2026-11-15', 'returned', { returnedOn: '2026-11-12' })], { from: '2026-11-12', to: '2026-11-13' })).toBe(false);
  });
});

describe('C4/C5/T7: absences', () => {
  it.each<[string, AbsenceInput[], AbsenceInput['kind'], string, string | null, boolean]>([
    ['an open absence overlaps every later one', [absence('away', '2026-11-01', null)], 'away', '2026-11-20', '2026-11-21', true],
    ['a closed one ends', [absence('away', '2026-11-01', '2026-11-05')], 'away', '2026-11-06', null, false],
    ['a new open one overlaps a later closed one', [absence('away', '2026-11-10', '2026-11-12')], 'away', '2026-11-01', null, true],
    ['other kinds do not count (away beside a hospital stay)', [absence('hospital_stay', '2026-11-01', null)], 'away', '2026-11-02', null, false],
  ])('%s', (_label, others, kind, from, to, overlaps) => {
    expect(overlapsAbsence(others, kind, from, to)).toBe(overlaps);
  });

  it.each<[string, LeaveInput[], AbsenceInput[], { from: string; to: string; reason: string }[]]>([
    ['T7: an approved leave excuses its days', [leave('2026-11-10', '2026-11-15', 'approved')], [], [{ from: '2026-11-10', to: '2026-11-15', reason: 'leave_request' }]],
    [
      'T7: up to the day before the report back',
      [leave('2026-11-10', '2026-11-15', 'returned', { returnedOn: '2026-11-13' })],
      [],
      [{ from: '2026-11-10', to: '2026-11-12', reason: 'leave_request' }],
    ],
    ['T7: a pending leave excuses nothing', [leave('2026-11-10', '2026-11-15', 'pending')], [], []],
    ['T7: a hospital stay still open excuses up to today', [], [absence('hospital_stay', '2026-11-20', null)], [{ from: '2026-11-20', to: '2026-11-22', reason: 'hospital_stay' }]],
    ['C4: a stay away excuses nothing', [], [absence('away', '2026-11-20', null)], []],
  ])('%s', (_label, leaves, absences, out) => {
    expect(excusals(leaves, absences, '2026-11-22')).toEqual(out);
  });
});

describe('C4: leave requests', () => {
  it.each<[string, string, boolean]>([
    ['2026-11-10', '2026-11-11', false], // 2 days
    ['2026-11-10', '2026-11-12', true], // 3 days: "N days or more"
    ['2026-11-10', '2026-11-30', true],
  ])('from %s to %s needs the written request: %s', (from, to, required) => {
    expect(leaveRequired(from, to, defaultPolicy)).toBe(required);
  });

  it.each<[string, LeaveInput, boolean]>([
    ['approved, ended yesterday, not back', leave('2026-11-10', '2026-11-21', 'approved'), true],
    ['approved, ends today', leave('2026-11-10', '2026-11-22', 'approved'), false],
    ['reported back', leave('2026-11-10', '2026-11-21', 'returned', { returnedOn: '2026-11-22' }), false],
    ['pending', leave('2026-11-10', '2026-11-21', 'pending'), false],
  ])('overdue when %s: %s', (_label, l, overdue) => {
    expect(isLeaveOverdue(l, '2026-11-22')).toBe(overdue);
  });

  it.each<[string, number]>([
    ['2026-11-16', 0],
    ['2026-11-17', 1],
    ['2026-11-20', 4],
    ['2026-11-14', 0],
  ])('C4: back on %s after a leave to the 15th: %i days over', (back, days) => {
    expect(overstayDays('2026-11-15', back)).toBe(days);
  });
});
