import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codesOf, label, labels, localized, type LabelList } from './index';
import { orgLevels } from '../contracts/org';
import { measureKind, measureStatus } from '../contracts/measures';
import { documentKindCodes } from '../contracts/documents';
import { allPermissions } from '../contracts/permissions';
import { absenceKind, contactMode, leaveStatus, noticeReason, recordKind, taskKind, taskState, testMethod, testResult, testSample } from '../contracts/supervision';
import { terminationReasons } from '../rules/measures';
import { assistanceNeeds, needLevels, partnerKinds, referralStatuses, serviceKinds } from '../rules/assistance';
import { measureEventTypes } from '../rules/measure-events';

const lists = Object.keys(labels) as LabelList[];

describe('the label catalogue', () => {
  it.each(lists)('%s: every code has a zh-CN and an en-US label', (list) => {
    for (const code of codesOf(list)) {
      const l = localized(list, code);
      expect(l['zh-CN'].trim(), `${list}.${code} zh-CN`).not.toBe('');
      expect(l['en-US'].trim(), `${list}.${code} en-US`).not.toBe('');
      expect(l['zh-CN'], `${list}.${code}: the zh-CN label is Chinese`).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  // The catalogue's lists are the contracts' code lists: a code the API can send has a label.
  it.each<[LabelList, readonly string[]]>([
    ['orgLevel', orgLevels],
    ['measureKind', measureKind.options],
    ['measureStatus', measureStatus.options],
    ['measureEvent', measureEventTypes],
    ['measureEventDone', ['create', 'transfer', ...measureEventTypes]], // #14: 'transfer' is written by a transfer (C7), not sent as an event
    ['terminationReason', terminationReasons],
    ['documentKind', documentKindCodes],
    ['permission', allPermissions],
    ['recordKind', recordKind.options],
    ['taskKind', taskKind.options],
    ['taskState', taskState.options],
    ['testSample', testSample.options],
    ['testMethod', testMethod.options],
    ['testResult', testResult.options],
    ['contactMode', contactMode.options],
    ['noticeReason', noticeReason.options],
    ['leaveStatus', leaveStatus.options],
    ['absenceKind', absenceKind.options],
    ['assistanceNeed', assistanceNeeds],
    ['needLevel', needLevels],
    ['partnerKind', partnerKinds],
    ['referralStatus', referralStatuses],
    ['serviceKind', serviceKinds],
  ])('%s labels exactly the codes of the contract', (list, codes) => {
    expect([...codesOf(list)].sort()).toEqual([...codes].sort());
  });

  it('an unknown code shows as it is, a missing one as a dash', () => {
    expect(label('recordKind', 'drug_test', 'zh-CN')).toBe('吸毒检测');
    expect(label('recordKind', 'drug_test', 'en-US')).toBe('Drug test');
    expect(label('recordKind', 'something_new', 'zh-CN')).toBe('something_new');
    expect(label('recordKind', null, 'en-US')).toBe('—');
  });
});

// No other file keeps a code → label table. A table is keys that end in a list's codes, under
// one prefix, each given that code's own label (`check_in: ['报到', …]`, `'sv.recordKind.check_in':
// '报到'`, `check_in: 'Check-in'`): found for at least half the codes of a list (and two), it is a
// second copy of the list. Fewer are prose that happens to share a word (a "Due" heading).
const ROOT = path.resolve(__dirname, '../..');
const SCANNED = ['server', 'web', 'core', 'bench', 'scripts'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function copiesIn(text: string): string[] {
  const found: string[] = [];
  for (const list of lists) {
    const codes = codesOf(list);
    const byPrefix = new Map<string, number>();
    for (const code of codes) {
      const l = localized(list, code);
      if (!text.includes(code)) continue;
      // Groups 1 and 2 are the key's quote and prefix; the value's quotes are groups 3 to 5.
      const value = `(?:\\[\\s*)?(['"])(?:${escape(l['zh-CN'])}|${escape(l['en-US'])})\\3|\\[\\s*(['"])[^'"]*\\4\\s*,\\s*(['"])${escape(l['en-US'])}\\5`;
      const re = new RegExp(`(?:^|[\\s{,])(['"]?)([\\w.]*?)${escape(code)}\\1\\s*:\\s*(?:${value})`, 'gm');
      const prefixes = new Set([...text.matchAll(re)].map((m) => m[2] ?? ''));
      for (const p of prefixes) byPrefix.set(p, (byPrefix.get(p) ?? 0) + 1);
    }
    const most = Math.max(0, ...byPrefix.values());
    if (most >= 2 && most * 2 >= codes.length) found.push(list);
  }
  return found;
}

describe('one catalogue', () => {
  it('no code list is labelled a second time outside core/labels', () => {
    const copies: string[] = [];
    for (const dir of SCANNED) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        const rel = path.relative(ROOT, file);
        if (rel.startsWith(`core${path.sep}labels${path.sep}`)) continue;
        for (const list of copiesIn(fs.readFileSync(file, 'utf8'))) copies.push(`${rel}: ${list}`);
      }
    }
    expect(copies).toEqual([]);
  });

  it('the check finds a copy', () => {
    const names = "const names = {\n  check_in: ['报到', 'Check-in'],\n  drug_test: ['吸毒检测', 'Drug test'],\n  visit: ['走访', 'Visit'],\n};";
    expect(copiesIn(names)).toContain('recordKind');
    expect(copiesIn("  'sv.testResult.negative': 'Negative',\n  'sv.testResult.positive': 'Positive',\n  'sv.testResult.refused': 'Refused',")).toContain('testResult');
    expect(copiesIn("const SEX = { male: '男', female: '女' };")).toContain('sex');
    expect(copiesIn("  'sv.today.due': 'Due',\n  'sv.today.overdue': 'Overdue',")).toEqual([]);
  });
});
