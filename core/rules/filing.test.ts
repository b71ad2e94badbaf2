import { describe, expect, it } from 'vitest';
import { orgLevels } from '../contracts/org';
import { isFileLevel } from './filing';

describe('C3: where a person file belongs', () => {
  it.each<[string, boolean]>([
    ['city', false],
    ['district', false],
    ['street', true],
    ['community', true],
    ['grid', true],
  ])('a file may belong to a %s: %s', (level, ok) => {
    expect(isFileLevel(level)).toBe(ok);
  });
  it('every org level is decided', () => {
    expect(orgLevels.filter(isFileLevel)).toEqual(['street', 'community', 'grid']);
  });
});
