import type { CodeList } from './types';
import type { ProgressStateCode } from '../contracts/governance';
import type { PhaseCode, PeriodKind } from '../rules/targets';

// Issue 15: the code lists of the indicators' dashboards.
export const governanceLabels = {
  rag: {
    green: ['达标', 'On target'],
    amber: ['接近目标', 'Near target'],
    red: ['未达标', 'Below target'],
    none: ['无目标或无数据', 'No target or no data'],
  } satisfies CodeList<'green' | 'amber' | 'red' | 'none'>,

  progressState: {
    on_track: ['进度正常', 'On track'],
    at_risk: ['存在风险', 'At risk'],
    missed: ['未完成', 'Missed'],
    met: ['已完成', 'Met'],
    no_data: ['暂无数据', 'No data yet'],
  } satisfies CodeList<ProgressStateCode>,

  noDataReason: {
    no_survey_data: ['暂无数据：尚未登记居民问卷', 'No data yet: no resident surveys are recorded'],
    no_alert_data: ['暂无数据：尚无预警记录', 'No data yet: no alerts are recorded'],
    no_police_figures: ['暂无数据：公安尚未填报案件数', 'No data yet: the police have entered no case figures'],
    nothing_due: ['本期无统计对象', 'Nothing to count in this period'],
  } satisfies CodeList<'no_survey_data' | 'no_alert_data' | 'no_police_figures' | 'nothing_due'>,

  planPhase: {
    foundation: ['基础建设阶段', 'Foundation'],
    deepening: ['深化推进阶段', 'Deepening'],
    consolidation: ['巩固提升阶段', 'Consolidation'],
  } satisfies CodeList<PhaseCode>,

  periodKind: {
    week: ['周', 'Week'],
    month: ['月', 'Month'],
    quarter: ['季度', 'Quarter'],
    year: ['年', 'Year'],
    custom: ['自定义', 'Custom'],
  } satisfies CodeList<PeriodKind>,

  targetOrigin: {
    unit: ['本单位设定', 'Set for this unit'],
    inherited: ['沿用上级', 'From a parent unit'],
    seed: ['工作方案默认', 'Work-plan default'],
  } satisfies CodeList<'unit' | 'inherited' | 'seed'>,
} as const;
