import { describe, expect, it } from 'vitest';
import { visitForm } from '../contracts/supervision';
import { visitFormOfPreset, visitPresets } from './visit-presets';

describe('F2: the one-tap outcomes of a grid visit (issue 17 §4)', () => {
  for (const preset of visitPresets) {
    it(`${preset} is a whole, valid visit form`, () => {
      expect(visitForm.safeParse(visitFormOfPreset(preset)).success).toBe(true);
    });
  }
  it('claims nothing that a short visit does not ask: employment and family stay unknown', () => {
    for (const preset of visitPresets) expect(visitFormOfPreset(preset)).toMatchObject({ employment: 'unknown', family: 'unknown', needs: [] });
  });
  it('seen and stable continues as usual; the others hand on to the social worker or the officer', () => {
    expect(visitFormOfPreset('seen_stable')).toMatchObject({ livingSituation: 'stable_home', mood: 'stable', nextStep: 'continue' });
    expect(visitFormOfPreset('needs_help').nextStep).toBe('refer_assistance');
    expect(visitFormOfPreset('report_to_officer').nextStep).toBe('report_to_officer');
  });
  it('hands out a copy: a note added to one visit is not in the next', () => {
    const a = visitFormOfPreset('seen_stable');
    a.needs.push('employment');
    expect(visitFormOfPreset('seen_stable').needs).toEqual([]);
  });
});
