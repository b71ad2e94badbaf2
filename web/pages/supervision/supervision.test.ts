import { describe, expect, it } from 'vitest';
import type { NoticeView, RecordView, TodayTask } from '../../api/supervision';
import { zhCN } from '../../i18n/zh-CN';
import type { Translate } from '../../i18n/I18nProvider';
import { label as labelIn } from '../../../core/labels';
import type { LabelOf } from '../../components/useLabel';
import { recordKindsFor } from './codes';
import { groupByPerson } from './groupTasks';
import { noticeGrounds } from './noticeText';
import { recordSummary } from './recordText';
import { shortDate } from './shortDate';

const t: Translate = (key, params) => (params ? zhCN[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : zhCN[key]);

const label: LabelOf = (list, code) => labelIn(list, code, 'zh-CN');

describe('supervision helpers', () => {
  it('groups the day by person, in the order of each person’s first task', () => {
    const task = (personId: string, key: string) => ({ personId, key }) as TodayTask;
    const groups = groupByPerson([task('b', '1'), task('a', '2'), task('b', '3')]);
    expect(groups.map((g) => g.map((x) => x.key))).toEqual([['1', '3'], ['2']]);
  });

  it('drops the year of this year’s dates only', () => {
    expect(shortDate('2026-11-22', '2026')).toBe('11-22');
    expect(shortDate('2025-12-31', '2026')).toBe('2025-12-31');
  });

  it('a follow-up is resolved by a follow-up, a visit or a talk; other tasks by their own kind', () => {
    expect(recordKindsFor('follow_up')).toEqual(['follow_up', 'visit', 'talk']);
    expect(recordKindsFor('drug_test')).toEqual(['drug_test']);
  });

  it('sums a record up in a line', () => {
    const test = {
      kind: 'drug_test',
      drugTest: { result: 'refused', sample: 'urine', method: 'on_site', tester: '李娟', retestOf: null, random: true },
      form: null,
      note: null,
    } as unknown as RecordView;
    expect(recordSummary(test, t, label)).toBe('拒检 · 尿液 · 现场检测 · 李娟');
    const visit = {
      kind: 'visit',
      drugTest: null,
      contactMode: 'in_person',
      note: null,
      form: {
        livingSituation: 'with_family',
        employment: 'unemployed',
        family: 'supportive',
        health: 'good',
        mood: 'stable',
        warningSigns: [],
        needs: ['employment'],
        nextStep: 'refer_assistance',
      },
    } as unknown as RecordView;
    expect(recordSummary(visit, t, label)).toBe('当面 · 与家人同住 · 失业 · 家庭支持 · 稳定 · 下一步：转介帮扶');
  });

  it('names the rule and the C5 limit behind a notice', () => {
    expect(noticeGrounds({ details: { rule: 'C5', limit: 'refusals_and_evasions' } } as unknown as NoticeView, label)).toBe('C5 · 拒检、逃检达到上限');
    expect(noticeGrounds({ details: { rule: 'C6', recordId: 'x' } } as unknown as NoticeView, label)).toBe('C6');
  });
});
