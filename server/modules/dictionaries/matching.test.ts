import { describe, it, expect } from 'vitest';
import { buildMatcher, foldForMatch } from './matching';
import { dictionarySeed } from './seed';

const entries = (kind: string) =>
  dictionarySeed()
    .filter((e) => e.kind === kind)
    .map((e) => ({ ...e, active: true }));

describe('dictionary values as people write them (9.19)', () => {
  it.each([
    ['摇头丸(MDMA)', '摇头丸(mdma)'],
    ['摇头丸（ＭＤＭＡ）', '摇头丸(mdma)'],
    ['摇头丸【MDMA】', '摇头丸(mdma)'],
    [' 氯胺酮 （K粉） ', '氯胺酮(k粉)'],
    ['ｈｅｒｏｉｎ', 'heroin'],
  ])('folds %j to %j (NFKC, brackets, spaces, case)', (input, folded) => {
    expect(foldForMatch(input)).toBe(folded);
  });

  it.each([
    ['education', '中专', '40', 'alias'],
    ['education', '高中', '60', 'alias'],
    ['education', '大专', '30', 'alias'],
    ['education', '普通高中', '60', 'name'],
    ['education', '60', '60', 'code'],
    ['drug_type', '摇头丸(MDMA)', 'mdma', 'name'],
    ['drug_type', '摇头丸', 'mdma', 'alias'],
    ['drug_type', '冰毒', 'methamphetamine', 'alias'],
    ['drug_type', 'K粉', 'ketamine', 'alias'],
    ['drug_type', 'HEROIN', 'heroin', 'code'], // codes match whatever the case
    ['ethnicity', '汉', '01', 'short'],
    ['ethnicity', '1', '01', 'short'],
  ])('%s: %j reads as %s (by %s)', (kind, value, code, via) => {
    expect(buildMatcher(kind, entries(kind))(value)).toMatchObject({ code, via });
  });

  it('an unknown value, an inactive entry and a key two entries claim match nothing', () => {
    const edu = entries('education');
    expect(buildMatcher('education', edu)('巧克力')).toBeUndefined();
    expect(
      buildMatcher(
        'education',
        edu.map((e) => (e.code === '40' ? { ...e, active: false } : e)),
      )('中专'),
    ).toBeUndefined();
    const clash = edu.map((e) => (e.code === '30' ? { ...e, aliases: [...(e.aliases ?? []), '中专'] } : e));
    expect(buildMatcher('education', clash)('中专')).toBeUndefined();
  });
});
