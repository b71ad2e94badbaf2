// Indicators K1–K18 (RULES §6; issue 15 item 1). Each definition is data (code, names, formula,
// target direction, unit, the capability that provides its data) and each computation a pure
// function over the facts of the persons of a unit's subtree: it returns the persons of the
// numerator and of the denominator, so the figures and their drill-down come from one decision.
// No clock here: `today` is passed in (style.md).

import { compareDates, type IsoDate } from './dates';

export const indicatorCodes = ['K1', 'K2', 'K3', 'K4', 'K5', 'K6', 'K7', 'K8', 'K9', 'K10', 'K11', 'K12', 'K13', 'K14', 'K15', 'K16', 'K17', 'K18'] as const;
export type IndicatorCode = (typeof indicatorCodes)[number];
export const isIndicatorCode = (c: string): c is IndicatorCode => (indicatorCodes as readonly string[]).includes(c);

/** Where an indicator's facts come from (the module whose service provides them); `none` = no capability records them yet (never shown as 0). */
export type IndicatorSource = 'supervision' | 'assistance' | 'prevention' | 'warnings' | 'police' | 'none';
/** `rate`: numerator / denominator in %; `count`: a number per period (the target pro rata). */
export type IndicatorUnit = 'rate' | 'count';
/** `higher`: the value should reach the target from below; `lower`: stay under it (K6 relapse). */
export type TargetDirection = 'higher' | 'lower';
/** Why an indicator shows no figure: its source holds nothing for the unit and period (no survey answered, no alert raised, no approved police figure). */
export type NoDataReason = 'no_survey_data' | 'no_alert_data' | 'no_police_figures';

export interface IndicatorDefinition {
  code: IndicatorCode;
  name: { 'zh-CN': string; 'en-US': string };
  formula: { 'zh-CN': string; 'en-US': string };
  unit: IndicatorUnit;
  direction: TargetDirection;
  source: IndicatorSource;
  /** What the drill-down lists: the persons, or the records (activities, trainings). */
  drill: 'persons' | 'records' | 'none';
  /** Set when no capability records the indicator's data at all: it always shows this reason. */
  noData?: NoDataReason;
  /** The reason shown when the source exists but holds nothing for the unit and period (never a 0). */
  emptyReason?: NoDataReason;
  /** The seed work plan's target and baseline (seed 001 §3.2, §3.4), in % for rates. */
  seedTarget: number | null;
  seedBaseline: number | null;
}

const d = (
  code: IndicatorCode,
  zh: string,
  en: string,
  fzh: string,
  fen: string,
  rest: Omit<IndicatorDefinition, 'code' | 'name' | 'formula' | 'drill' | 'unit'> & Partial<Pick<IndicatorDefinition, 'drill' | 'unit'>>,
): IndicatorDefinition => ({ code, name: { 'zh-CN': zh, 'en-US': en }, formula: { 'zh-CN': fzh, 'en-US': fen }, unit: 'rate', drill: 'persons', ...rest });

/** RULES §6, one row per indicator; the seed targets and baselines from seed 001 §3.2 and §3.4. */
export const indicatorDefinitions: readonly IndicatorDefinition[] = [
  d(
    'K1',
    '执行率',
    'Execution',
    '期内收到决定书且在C1期限内报到的人数 / 期内收到社区戒毒（康复）决定书的人数',
    'ordered to a community measure in the period and reported within C1 / ordered in the period',
    {
      direction: 'higher',
      source: 'supervision',
      seedTarget: null,
      seedBaseline: null,
    },
  ),
  d('K2', '管控率', 'Control', '期内在册且见面、未脱管的人数 / 期内在册人数', 'under measure, met in person in the period and not lost (C11) / under measure', {
    direction: 'higher',
    source: 'supervision',
    seedTarget: 95,
    seedBaseline: 68.2,
  }),
  d('K3', '见面率', 'Contact', '期内见面的人数 / 登记在档人数', 'met in person in the period / registered', {
    direction: 'higher',
    source: 'supervision',
    seedTarget: null,
    seedBaseline: null,
  }),
  d('K4', '报到及时率', 'On-time check-in', '按期完成的报到次数 / 期内应报到次数', 'check-ins done by the due date / check-ins due in the period', {
    direction: 'higher',
    source: 'supervision',
    seedTarget: 98,
    seedBaseline: null,
  }),
  d('K5', '尿检配合率', 'Test cooperation', '完成的检测次数（非拒检、逃检）/ 期内应检测次数', 'tests done (not refused or evaded) / tests due in the period', {
    direction: 'higher',
    source: 'supervision',
    seedTarget: 90,
    seedBaseline: null,
  }),
  d('K6', '复吸率', 'Relapse', '期内检测阳性或认定复吸的人数 / 期内在册人数', 'persons with a positive test or a relapse finding / under measure', {
    direction: 'lower',
    source: 'supervision',
    seedTarget: 20,
    seedBaseline: 44,
  }),
  d('K7', '脱管率', 'Lost to supervision', '期内脱管的人数 / 期内在册人数', 'lost to supervision (C11) in the period / under measure', {
    direction: 'lower',
    source: 'supervision',
    seedTarget: null,
    seedBaseline: null,
  }),
  d('K8', '就业安置率', 'Employment', '期末在岗人数 / 在册人数', 'employed at period end / under measure', {
    direction: 'higher',
    source: 'assistance',
    seedTarget: 60,
    seedBaseline: 20,
  }),
  d('K9', '心理疏导覆盖率', 'Counselling', '期内接受过心理疏导的人数 / 在册人数', 'at least one counselling session in the period / under measure', {
    direction: 'higher',
    source: 'assistance',
    seedTarget: 100,
    seedBaseline: 15,
  }),
  d('K10', '家庭关系修复率', 'Family repair', '家庭关系修复结案人数 / 有家庭修复需求的人数', 'family cases closed as repaired / persons with a family-repair need', {
    direction: 'higher',
    source: 'assistance',
    seedTarget: 70,
    seedBaseline: null,
  }),
  d('K11', '走访覆盖率', 'Visit coverage', '期内至少走访一次的人数（F3）/ 期内在册人数', 'visited at least once in the period (F3) / under measure', {
    direction: 'higher',
    source: 'supervision',
    seedTarget: 100,
    seedBaseline: null,
  }),
  d('K12', '社工配比', 'Staffing', '专职禁毒社工人数 / 在册人数（每30人至少1名）', 'full-time social workers / persons under measure (at least 1 per 30)', {
    direction: 'higher',
    source: 'supervision',
    seedTarget: 3.3,
    seedBaseline: null,
  }),
  d('K13', '禁毒宣传', 'Publicity', '期内宣传活动场次（每年不少于12场，覆盖5000人次）', 'publicity activities in the period (≥ 12 a year, reaching ≥ 5,000)', {
    unit: 'count',
    drill: 'records',
    direction: 'higher',
    source: 'prevention',
    seedTarget: 12,
    seedBaseline: null,
  }),
  d('K14', '新型毒品识别率', 'New-drug recognition', '居民问卷中答对的比例', 'correct answers in resident surveys', {
    drill: 'none', // K14: surveys are anonymous, there are no persons behind the figure
    direction: 'higher',
    source: 'prevention',
    emptyReason: 'no_survey_data',
    seedTarget: 85,
    seedBaseline: 30,
  }),
  d('K15', '满意度', 'Satisfaction', '居民问卷中满意的比例', 'satisfied answers in resident surveys', {
    drill: 'none', // K15: anonymous ratings, no persons
    direction: 'higher',
    source: 'prevention',
    emptyReason: 'no_survey_data',
    seedTarget: 90,
    seedBaseline: null,
  }),
  d(
    'K16',
    '培训合格率',
    'Training pass rate',
    '期内培训考核合格人次 / 参加考核人次（每年不少于4次培训）',
    'passed / examined in the period’s staff trainings (≥ 4 trainings a year)',
    {
      drill: 'records',
      direction: 'higher',
      source: 'prevention',
      seedTarget: 100,
      seedBaseline: null,
    },
  ),
  d('K17', '预警处置及时率', 'Alert handling', '按期处置的预警 / 产生的预警', 'alerts handled within the deadline / alerts raised', {
    direction: 'higher',
    source: 'warnings',
    emptyReason: 'no_alert_data',
    seedTarget: null,
    seedBaseline: null,
  }),
  d('K18', '涉毒案件发生率', 'Drug cases', '辖区涉毒案件数（公安填报）较基准年', 'drug cases in the area (entered by police) against the base year', {
    unit: 'count',
    drill: 'none', // K18: aggregate figures entered by police, no persons or records behind them
    direction: 'lower',
    source: 'police',
    emptyReason: 'no_police_figures',
    seedTarget: null,
    seedBaseline: null,
  }),
];

export const definitionOf = (code: IndicatorCode): IndicatorDefinition => indicatorDefinitions.find((x) => x.code === code)!;

/** The indicators computed from supervision facts, per person, and kept in the rollups. */
export const supervisionIndicators = ['K1', 'K2', 'K3', 'K4', 'K5', 'K6', 'K7', 'K11', 'K12'] as const satisfies readonly IndicatorCode[];
export type SupervisionIndicator = (typeof supervisionIndicators)[number];

// ——— facts

export interface MeasureFact {
  kind: string;
  status: string;
  decisionReceivedDate: IsoDate | null;
  reportDate: IsoDate | null;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
}

export interface TaskFact {
  kind: 'drug_test' | 'check_in' | 'follow_up' | 'grid_visit';
  dueDate: IsoDate;
  state: 'done' | 'due' | 'overdue' | 'excused' | 'upcoming';
  /** The date of the record that resolved it, when done. */
  doneOn: IsoDate | null;
}

/** What the rules read about one (unsealed) person: his measures, tasks and records of the window. */
export interface PersonFacts {
  personId: string;
  orgUnitId: string;
  measures: MeasureFact[];
  tasks: TaskFact[];
  /** Dates he was met in person: check-ins, drug tests, visits, follow-ups, talks in person (C11). */
  metOn: IsoDate[];
  /** Dates of visits, follow-ups and grid visits (F3). */
  visitedOn: IsoDate[];
  /** Dates of positive tests and relapse findings (T3, C6). */
  relapseOn: IsoDate[];
  /** Dates the lost-contact check (C11) raised a standing notice. */
  lostOn: IsoDate[];
  /** C11 holds today (supervision_status), which counts for a period that includes today. */
  lostNow: boolean;
}

export interface IndicatorPeriod {
  from: IsoDate;
  to: IsoDate;
}

export interface ComputeContext {
  today: IsoDate;
  /** C1: days within which the person must report after receiving the decision. */
  reportWithinDays: number;
}

const inRange = (x: IsoDate | null, p: IndicatorPeriod) => x !== null && compareDates(x, p.from) >= 0 && compareDates(x, p.to) <= 0;
const community = (m: MeasureFact) => m.kind === 'community_detox' || m.kind === 'community_rehab';
const anyIn = (dates: readonly IsoDate[], p: IndicatorPeriod) => dates.some((x) => inRange(x, p));
/** The period's end as far as the facts reach: nothing after today has happened yet. */
export const effectiveEnd = (p: IndicatorPeriod, today: IsoDate): IsoDate => (compareDates(p.to, today) > 0 ? today : p.to);

/** Under a community measure at some day of the period: started (reported, M2) by its end, not ended before its start. */
export function underMeasureIn(f: PersonFacts, p: IndicatorPeriod): boolean {
  return f.measures.some((m) => {
    if (!community(m)) return false;
    const start = m.startDate ?? m.reportDate;
    if (start === null || compareDates(start, p.to) > 0) return false;
    return m.endDate === null || compareDates(m.endDate, p.from) >= 0;
  });
}

/** Numerator and denominator contributions of one person: counts, since K4 and K5 count tasks. */
export interface Contribution {
  numerator: number;
  denominator: number;
}

const none: Contribution = { numerator: 0, denominator: 0 };
const flag = (inNumerator: boolean, inDenominator: boolean): Contribution => (inDenominator ? { numerator: inNumerator ? 1 : 0, denominator: 1 } : none);

/** K1: ordered in the period (decision received), reported within C1 days of receiving it. */
export function k1(f: PersonFacts, p: IndicatorPeriod, c: ComputeContext): Contribution {
  const ordered = f.measures.filter((m) => community(m) && inRange(m.decisionReceivedDate, p));
  if (!ordered.length) return none;
  const onTime = ordered.filter((m) => m.reportDate !== null && daysFrom(m.decisionReceivedDate!, m.reportDate) <= c.reportWithinDays);
  return { numerator: onTime.length, denominator: ordered.length };
}

const daysFrom = (a: IsoDate, b: IsoDate) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** K2: under measure, met in person in the period and not lost (C11) in it. */
export function k2(f: PersonFacts, p: IndicatorPeriod, c: ComputeContext): Contribution {
  return flag(anyIn(f.metOn, p) && !lostIn(f, p, c), underMeasureIn(f, p));
}

/** K3: met in person in the period, over every registered (unsealed) person of the unit. */
export function k3(f: PersonFacts, p: IndicatorPeriod): Contribution {
  return flag(anyIn(f.metOn, p), true);
}

/** Tasks of a kind due in the period up to today, not excused (T7): what was owed. */
function owed(f: PersonFacts, kind: TaskFact['kind'], p: IndicatorPeriod, c: ComputeContext): TaskFact[] {
  const q = { from: p.from, to: effectiveEnd(p, c.today) };
  return f.tasks.filter((t) => t.kind === kind && inRange(t.dueDate, q) && t.state !== 'excused' && t.state !== 'upcoming');
}

/** K4 (F4): check-ins due in the period, done on or before their due date. */
export function k4(f: PersonFacts, p: IndicatorPeriod, c: ComputeContext): Contribution {
  const due = owed(f, 'check_in', p, c);
  return { numerator: due.filter((t) => t.state === 'done' && t.doneOn !== null && compareDates(t.doneOn, t.dueDate) <= 0).length, denominator: due.length };
}

/** K5 (T3, T7): drug tests due in the period that were done; refused or evaded tests leave the task unresolved. */
export function k5(f: PersonFacts, p: IndicatorPeriod, c: ComputeContext): Contribution {
  const due = owed(f, 'drug_test', p, c);
  return { numerator: due.filter((t) => t.state === 'done').length, denominator: due.length };
}

/** K6 (T3, C6): a positive test or a relapse finding in the period, of those under measure. */
export function k6(f: PersonFacts, p: IndicatorPeriod): Contribution {
  return flag(anyIn(f.relapseOn, p), underMeasureIn(f, p));
}

/** C11 in the period: a lost-contact notice dated in it, or lost today when the period reaches today. */
function lostIn(f: PersonFacts, p: IndicatorPeriod, c: ComputeContext): boolean {
  return anyIn(f.lostOn, p) || (f.lostNow && inRange(c.today, p));
}

/** K7 (C11): lost to supervision in the period, of those under measure. */
export function k7(f: PersonFacts, p: IndicatorPeriod, c: ComputeContext): Contribution {
  return flag(lostIn(f, p, c), underMeasureIn(f, p));
}

/** K11 (F3): visited at least once in the period, of those under measure. */
export function k11(f: PersonFacts, p: IndicatorPeriod): Contribution {
  return flag(anyIn(f.visitedOn, p), underMeasureIn(f, p));
}

/** K12's person part: the denominator is the persons under measure; the workers are counted by the unit. */
export function k12(f: PersonFacts, p: IndicatorPeriod): Contribution {
  return flag(false, underMeasureIn(f, p));
}

const perPerson: Record<SupervisionIndicator, (f: PersonFacts, p: IndicatorPeriod, c: ComputeContext) => Contribution> = {
  K1: k1,
  K2: k2,
  K3: k3,
  K4: k4,
  K5: k5,
  K6: k6,
  K7: k7,
  K11: k11,
  K12: k12,
};

export const contributionOf = (code: SupervisionIndicator, f: PersonFacts, p: IndicatorPeriod, c: ComputeContext): Contribution => perPerson[code](f, p, c);

/** Sums of numerator and denominator over persons; the ids of each side for the drill-down. */
export interface IndicatorTally {
  numerator: number;
  denominator: number;
  numeratorIds: string[];
  denominatorIds: string[];
}

export function tally(code: SupervisionIndicator, facts: readonly PersonFacts[], p: IndicatorPeriod, c: ComputeContext): IndicatorTally {
  const out: IndicatorTally = { numerator: 0, denominator: 0, numeratorIds: [], denominatorIds: [] };
  for (const f of facts) {
    const x = perPerson[code](f, p, c);
    if (x.denominator === 0) continue;
    out.numerator += x.numerator;
    out.denominator += x.denominator;
    out.denominatorIds.push(f.personId);
    if (x.numerator > 0) out.numeratorIds.push(f.personId);
  }
  return out;
}

/** The value of a rate in %, one decimal; null without a denominator (nothing to measure, not 0 %). */
export function rateOf(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}

// ——— K17: alerts (issue 13) handled within their deadline

/** One alert raised in the period (not withdrawn: its facts stopped holding, nothing was owed), times in ms. */
export interface AlertFact {
  alertId: string;
  personId: string;
  deadlineMs: number;
  /** First handled (acknowledged, acted) or closed; null while untouched. */
  handledMs: number | null;
}

export interface AlertTally {
  /** Alerts raised in the period: zero means there is no alert data for it (no_alert_data), not 0 %. */
  raised: number;
  numerator: number;
  denominator: number;
  numeratorAlertIds: string[];
  denominatorAlertIds: string[];
  numeratorPersonIds: string[];
  denominatorPersonIds: string[];
}

/**
 * K17: handled by the deadline / alerts owed. An alert is owed once handled or once its deadline
 * has passed; an untouched alert still within its deadline is not yet late, so it counts on
 * neither side (counting it would lower the rate for work not yet due).
 */
export function alertTally(alerts: readonly AlertFact[], nowMs: number): AlertTally {
  const owed = alerts.filter((a) => a.handledMs !== null || a.deadlineMs < nowMs);
  const onTime = owed.filter((a) => a.handledMs !== null && a.handledMs <= a.deadlineMs);
  const personsOf = (xs: AlertFact[]) => [...new Set(xs.map((a) => a.personId))];
  return {
    raised: alerts.length,
    numerator: onTime.length,
    denominator: owed.length,
    numeratorAlertIds: onTime.map((a) => a.alertId),
    denominatorAlertIds: owed.map((a) => a.alertId),
    numeratorPersonIds: personsOf(onTime),
    denominatorPersonIds: personsOf(owed),
  };
}
