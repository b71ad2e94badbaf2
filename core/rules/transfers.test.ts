import { describe, it, expect } from 'vitest';
import { defaultPolicy, mergePolicy } from './policy';
import {
  acceptanceDeadlines,
  addWorkingDays,
  checkDecision,
  checkTransferRequest,
  decideBy,
  decisionLate,
  handoverDeadlines,
  handoverState,
  releaseNoticeLate,
  transferReportState,
} from './transfers';

const shanghai = mergePolicy(defaultPolicy, { version: 'sh', lifecycle: { releaseNoticeAhead: 7, releaseNoticeInWorkingDays: true, releasePapersWithinWorkingDays: 3 } });

describe('addWorkingDays', () => {
  // 2026-12-04 is a Friday.
  it.each([
    ['2026-12-04', 1, '2026-12-07'],
    ['2026-12-04', 3, '2026-12-09'],
    ['2026-12-05', 1, '2026-12-07'],
    ['2026-12-07', -1, '2026-12-04'],
    ['2026-12-14', -7, '2026-12-03'],
    ['2026-12-04', 0, '2026-12-04'],
  ])('%s + %i working days = %s', (from, n, expected) => {
    expect(addWorkingDays(from, n)).toBe(expected);
  });
});

describe('C7: transfer deadlines', () => {
  it.each([
    // accepted on, report by (15 days), file forwarded by (3 working days)
    ['2026-12-01', '2026-12-16', '2026-12-04'],
    ['2026-12-04', '2026-12-19', '2026-12-09'],
    ['2026-12-05', '2026-12-20', '2026-12-09'],
  ])('C7: accepted %s → report by %s, file forwarded by %s', (acceptedOn, reportBy, fileForwardBy) => {
    expect(acceptanceDeadlines(acceptedOn, defaultPolicy)).toEqual({ reportBy, fileForwardBy });
  });

  it('C7: the street asked answers within the policy working days', () => {
    expect(decideBy('2026-12-04', defaultPolicy)).toBe('2026-12-11');
    expect(decideBy('2026-12-04', mergePolicy(defaultPolicy, { version: 'x', transfer: { decideWithinWorkingDays: 2 } }))).toBe('2026-12-08');
    expect(decisionLate({ status: 'pending', decideBy: '2026-12-11' }, '2026-12-12')).toBe(true);
    expect(decisionLate({ status: 'pending', decideBy: '2026-12-11' }, '2026-12-11')).toBe(false);
    expect(decisionLate({ status: 'accepted', decideBy: '2026-12-11' }, '2026-12-30')).toBe(false);
  });

  it.each([
    ['pending', null, null, '2026-12-30', 'not_due'],
    ['accepted', '2026-12-01', null, '2026-12-16', 'due'],
    ['accepted', '2026-12-01', null, '2026-12-17', 'overdue'],
    ['accepted', '2026-12-01', '2026-12-16', '2026-12-30', 'reported'],
    ['accepted', '2026-12-01', '2026-12-20', '2026-12-30', 'reported_late'],
    ['declined', null, null, '2026-12-30', 'not_due'],
  ] as const)('C7/C11: %s accepted %s reported %s on %s → %s', (status, acceptedOn, reportedOn, today, expected) => {
    expect(transferReportState({ status, acceptedOn, reportedOn }, today, defaultPolicy)).toBe(expected);
  });

  it.each([
    ['s1', 's1', 0, 'transfer.same_unit'],
    ['s1', 's2', 1, 'transfer.already_open'],
    ['s1', 's2', 0, null],
  ])('C7: from %s to %s with %i open → %s', (from, to, open, code) => {
    const r = checkTransferRequest(from, to, open);
    expect(r.ok ? null : r.code).toBe(code);
  });

  it.each([
    ['holder', 'pending', 's2', null],
    ['holder', 'pending', 's1', 'transfer.not_asked'],
    ['finder', 'pending', 's1', null],
    ['finder', 'pending', 's2', 'transfer.not_asked'],
    ['holder', 'accepted', 's2', 'transfer.already_decided'],
    ['holder', 'declined', 's2', 'transfer.already_decided'],
  ] as const)('C7: started by the %s, %s, answered by %s → %s', (initiatedBy, status, answerer, code) => {
    const r = checkDecision({ status, initiatedBy, fromOrgUnitId: 's1', toOrgUnitId: 's2' }, (u) => u === answerer);
    expect(r.ok ? null : r.code).toBe(code);
  });
});

describe('C10: handover deadlines', () => {
  it.each([
    // policy, release date, notice due by, papers due by, report by (C1: 15 days)
    ['default', defaultPolicy, '2026-12-10', '2026-12-07', null, '2026-12-25'],
    ['Shanghai', shanghai, '2026-12-10', '2026-12-01', '2026-12-15', '2026-12-25'],
    ['Shanghai', shanghai, '2026-12-14', '2026-12-03', '2026-12-17', '2026-12-29'],
  ])('C10 (%s): released %s → notice by %s, papers by %s, report by %s', (_name, policy, release, noticeDueBy, papersDueBy, reportBy) => {
    expect(handoverDeadlines(release, policy)).toEqual({ noticeDueBy, papersDueBy, reportBy });
  });

  it('C10: a notice after its due day is late', () => {
    const d = handoverDeadlines('2026-12-10', defaultPolicy);
    expect(releaseNoticeLate('2026-12-07', d)).toBe(false);
    expect(releaseNoticeLate('2026-12-08', d)).toBe(true);
  });

  it.each([
    [null, '2026-12-25', '2026-12-25', 'awaiting'],
    [null, '2026-12-25', '2026-12-26', 'missed'],
    ['2026-12-27', '2026-12-25', '2026-12-28', 'reported'],
  ])('C10/C11: reported %s, due %s, on %s → %s', (reportedOn, reportBy, today, expected) => {
    expect(handoverState({ reportedOn, reportBy }, today)).toBe(expected);
  });
});
