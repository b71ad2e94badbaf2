import { describe, expect, it } from 'vitest';
import { createMeasure, type Measure } from './measures';
import { defaultPolicy } from './policy';
import { contactCheck } from './contacts';
import type { RecordInput } from './records';

const TODAY = '2026-11-22';
const active = (startDate: string, extra: Partial<Measure> = {}): Measure => ({
  ...createMeasure({ id: 'm', kind: 'community_detox', decisionDate: '2026-01-01' }),
  status: 'active',
  startDate,
  ...extra,
});
const visit = (date: string, contactMode: RecordInput['contactMode'] = 'in_person'): RecordInput => ({
  id: date,
  measureId: 'm',
  kind: 'follow_up',
  date,
  result: null,
  random: false,
  retestOfId: null,
  contactMode,
});

describe('C11: lost contact after more than 30 days neither met nor reached', () => {
  it.each<[string, Measure, RecordInput[], boolean, string | null]>([
    ['no contact since the start 30 days ago: not yet', active('2026-10-23'), [], false, '2026-11-23'],
    ['no contact since the start 31 days ago: lost', active('2026-10-22'), [], true, '2026-11-22'],
    ['a phone call 10 days ago keeps him reachable', active('2026-01-01'), [visit('2026-11-12', 'phone')], false, '2026-12-13'],
    ['a visit long ago: lost', active('2026-01-01'), [visit('2026-09-01')], true, '2026-10-02'],
    ['C9: not checked while suspended', active('2026-01-01', { status: 'suspended', suspensions: [{ start: '2026-10-01', end: null }] }), [], false, null],
  ])('%s', (_label, m, records, lost, lostOn) => {
    const c = contactCheck(m, records, [], [], defaultPolicy, TODAY);
    expect(c.status.lost).toBe(lost);
    expect(c.lostOn).toBe(lostOn);
  });

  it('C4: not checked on approved leave today', () => {
    const c = contactCheck(active('2026-01-01'), [], [], [{ from: '2026-11-20', to: '2026-11-25' }], defaultPolicy, TODAY);
    expect(c.status).toMatchObject({ lost: false, checked: false });
  });
});
