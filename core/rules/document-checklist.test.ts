import { describe, it, expect } from 'vitest';
import { documentChecklist, requiredDocumentKinds, type ChecklistMeasure } from './document-checklist';

describe('requiredDocumentKinds', () => {
  it.each<[string, ChecklistMeasure, string[]]>([
    ['M1: community detox awaiting the report needs the decision only', { kind: 'community_detox', status: 'awaiting_report' }, ['decision']],
    ['C2: an active community detox needs the agreement (signed after reporting)', { kind: 'community_detox', status: 'active' }, ['decision', 'agreement']],
    ['C2/C9: a suspended one was active, so the agreement stays required', { kind: 'community_detox', status: 'suspended' }, ['decision', 'agreement']],
    ['C8: a completed community detox needs the release notice', { kind: 'community_detox', status: 'completed' }, ['decision', 'agreement', 'release_notice']],
    ['C1/M5: terminated for refusing to report: no agreement was ever signed', { kind: 'community_detox', status: 'terminated', reported: false }, ['decision']],
    [
      'C2/C9: terminated after reporting (prison sentence): the agreement stays required',
      { kind: 'community_detox', status: 'terminated', reported: true },
      ['decision', 'agreement'],
    ],
    ['M9: community rehab awaiting the report', { kind: 'community_rehab', status: 'awaiting_report' }, ['decision']],
    ['M9/C2: community rehab active', { kind: 'community_rehab', status: 'active' }, ['decision', 'agreement']],
    ['M9/C8: community rehab completed', { kind: 'community_rehab', status: 'completed' }, ['decision', 'agreement', 'release_notice']],
    ['M7: compulsory isolation active needs the decision', { kind: 'compulsory_isolation', status: 'active' }, ['decision']],
    ['C10: released from isolation: the handover receipt', { kind: 'compulsory_isolation', status: 'completed' }, ['decision', 'handover_receipt']],
    ['M8: converted to community detox: the handover receipt', { kind: 'compulsory_isolation', status: 'converted' }, ['decision', 'handover_receipt']],
    ['M7: isolation terminated: the decision only', { kind: 'compulsory_isolation', status: 'terminated' }, ['decision']],
    ['M4: voluntary treatment requires nothing', { kind: 'voluntary_treatment', status: 'active' }, []],
    ['M10: maintenance treatment requires nothing', { kind: 'maintenance_treatment', status: 'completed' }, []],
    ['an unknown kind requires nothing', { kind: 'something_else', status: 'active' }, []],
  ])('%s', (_label, measure, kinds) => {
    expect(requiredDocumentKinds(measure)).toEqual(kinds);
  });
});

describe('documentChecklist', () => {
  it('M1/C2: nothing on file: every required kind is missing', () => {
    expect(documentChecklist({ kind: 'community_detox', status: 'active' }, [])).toEqual({
      complete: false,
      items: [
        { kind: 'decision', required: true, present: false, documentIds: [] },
        { kind: 'agreement', required: true, present: false, documentIds: [] },
      ],
    });
  });

  it('C2: decision and agreement on file make it complete; extra kinds are listed as not required', () => {
    const r = documentChecklist({ kind: 'community_detox', status: 'active' }, [
      { id: 'w1', kind: 'warning_letter' },
      { id: 'a1', kind: 'agreement' },
      { id: 'd1', kind: 'decision' },
      { id: 'a2', kind: 'agreement' },
    ]);
    expect(r.complete).toBe(true);
    expect(r.items).toEqual([
      { kind: 'decision', required: true, present: true, documentIds: ['d1'] },
      { kind: 'agreement', required: true, present: true, documentIds: ['a1', 'a2'] },
      { kind: 'warning_letter', required: false, present: true, documentIds: ['w1'] },
    ]);
  });

  it('C8: a completed measure without the release notice is incomplete', () => {
    const r = documentChecklist({ kind: 'community_rehab', status: 'completed' }, [
      { id: 'd1', kind: 'decision' },
      { id: 'a1', kind: 'agreement' },
    ]);
    expect(r.complete).toBe(false);
    expect(r.items.find((i) => i.kind === 'release_notice')).toEqual({ kind: 'release_notice', required: true, present: false, documentIds: [] });
  });

  it('M4: a measure requiring nothing is complete, and lists what is on file', () => {
    expect(documentChecklist({ kind: 'voluntary_treatment', status: 'active' }, [{ id: 'o1', kind: 'other' }])).toEqual({
      complete: true,
      items: [{ kind: 'other', required: false, present: true, documentIds: ['o1'] }],
    });
  });
});
