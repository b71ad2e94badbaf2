// Governance operations for the demo city (issue 15 items 6–9): per district three monthly joint
// meetings with action items (one past its due date), the seed's risk register (§6), a budget per
// street with expenses, the street stations' 七有 and the police's drug-case figures with a base
// year. Plausible amounts, deterministic.
import type { Executor } from '../db/client';
import { addDays, addMonths } from '../../core/rules/dates';
import { splitBudget } from '../../core/rules/governance-ops';
import { budgetCategories, stationItems } from '../../core/contracts/governance-ops';
import {
  budgetExpenses,
  budgetLines,
  budgetPlans,
  jointMeetings,
  meetingActionItems,
  policeBaseYears,
  policeFigures,
  risks,
  stationChecklist,
} from '../modules/governance-ops/schema';
import type { Random } from './random';
import { uuidFrom } from './random';
import type { UnitSpec } from './city';

export interface GovOpsSummary {
  meetings: number;
  actionItems: number;
  risks: number;
  budgets: number;
  expenses: number;
  figures: number;
}

type Staff = { id: string; orgUnitId: string; role: string };

// Seed §6.1–6.2: the four risks the work plan names, with its likelihood and impact.
const seedRisks = [
  { title: '部分干部群众认为禁毒与己无关', category: 'awareness', likelihood: 4, impact: 4, responses: ['开展禁毒专题培训', '禁毒工作进家庭'] },
  { title: '禁毒专干不足、经费依赖街道拨款', category: 'resources', likelihood: 3, impact: 4, responses: ['争取专项经费', '购买社工服务'] },
  { title: '缺少责任清单与考核标准', category: 'rules', likelihood: 3, impact: 3, responses: ['制定实施细则', '纳入年度考核'] },
  { title: '工作人员专业能力不足', category: 'staff', likelihood: 4, impact: 3, responses: ['季度业务培训', '与高校共建人才基地'] },
] as const;
const topics = ['脱管失联人员排查', '出所人员衔接', '就业帮扶岗位', '6·26 宣传安排', '尿检不配合人员处置'];
const expenseTexts: Record<string, string[]> = {
  publicity: ['宣传展板制作', '禁毒课堂物料', '短视频拍摄'],
  supervision: ['走访交通补贴', '尿检试剂', '信息系统维护'],
  assistance: ['技能培训补贴', '临时救助', '心理疏导服务'],
  other: ['应急处置', '考核奖励'],
};

export async function seedGovOps(tx: Executor, r: Random, plan: { units: UnitSpec[] }, staff: Staff[], today: string): Promise<GovOpsSummary> {
  const sum: GovOpsSummary = { meetings: 0, actionItems: 0, risks: 0, budgets: 0, expenses: 0, figures: 0 };
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const byUnitRole = (unitId: string, role: string) => staff.find((s) => s.orgUnitId === unitId && s.role === role)?.id;
  for (const district of plan.units.filter((u) => u.level === 'district')) {
    const office = byUnitRole(district.id, 'drug_control_office');
    const streets = plan.units.filter((u) => u.parentId === district.id && u.level === 'street');
    const officers = streets.map((s) => byUnitRole(s.id, 'officer')).filter((x): x is string => !!x);
    if (!office || officers.length === 0) continue;
    for (let m = 3; m >= 1; m--) {
      const heldOn = addDays(addMonths(today, -m), 2);
      const meeting = { id: uuidFrom(r), orgUnitId: district.id, heldOn, title: `${heldOn.slice(0, 7)} 禁毒联席会议`, recordedBy: office };
      await tx.insert(jointMeetings).values({
        ...meeting,
        departments: ['police', 'justice', 'civil_affairs', 'health', 'drug_control_office'],
        topics: [topics[m % topics.length]!, topics[(m + 2) % topics.length]!],
        decisions: ['公安与街道每周互通脱管线索', '民政对困难人员落实临时救助'],
      });
      sum.meetings++;
      // The newest meeting's first item is past its due date: the office's overdue list is not empty.
      const items = [0, 1].map((i) => ({
        meetingId: meeting.id,
        title: i === 0 ? `排查${streets[i % streets.length]!.name}出租屋` : '落实出所人员当日衔接',
        ownerUserId: officers[i % officers.length]!,
        dueOn: m === 1 && i === 0 ? addDays(today, -3) : addDays(heldOn, 20),
        status: m === 1 ? 'open' : r.chance(0.8) ? 'done' : 'in_progress',
      }));
      await tx.insert(meetingActionItems).values(items);
      sum.actionItems += items.length;
    }
    for (const [i, k] of seedRisks.entries()) {
      await tx.insert(risks).values({
        orgUnitId: district.id,
        title: k.title,
        category: k.category,
        likelihood: k.likelihood,
        impact: k.impact,
        responses: [...k.responses],
        ownerUserId: i === 0 ? office : officers[i % officers.length]!,
        // One review is due today: it shows in its owner's 今日待办.
        reviewOn: i === 1 ? today : addMonths(today, 1 + i),
      });
      sum.risks++;
    }
    for (const street of streets) await seedStreet(tx, r, street, office, year, month, today, sum);
  }
  return sum;
}

async function seedStreet(tx: Executor, r: Random, street: UnitSpec, office: string, year: number, month: number, today: string, sum: GovOpsSummary) {
  const totalFen = r.int(10, 20) * 10_000_00;
  const planId = uuidFrom(r);
  await tx.insert(budgetPlans).values({ id: planId, orgUnitId: street.id, year, totalFen, createdBy: office });
  await tx.insert(budgetLines).values(splitBudget(totalFen).map((l) => ({ planId, ...l })));
  sum.budgets++;
  for (let i = 0; i < 8; i++) {
    const category = budgetCategories[i % budgetCategories.length]!;
    const texts = expenseTexts[category]!;
    const spentOn = addDays(`${year}-01-01`, r.int(0, Math.max(0, (month - 1) * 30)));
    await tx.insert(budgetExpenses).values({ planId, category, spentOn, amountFen: r.int(1, 4) * 1000_00, description: texts[i % texts.length]!, recordedBy: office });
    sum.expenses++;
  }
  const met = stationItems.filter(() => r.chance(0.7));
  if (met.length) await tx.insert(stationChecklist).values(met.map((item) => ({ orgUnitId: street.id, item, done: true, note: '', updatedBy: office })));
  // K18: the base year three years back as a whole-year figure, this year's months up to the last one.
  const baseYear = year - 3;
  const base = r.int(8, 20);
  await tx.insert(policeBaseYears).values({ orgUnitId: street.id, baseYear, setBy: office });
  const rows = [{ year: baseYear, month: 0, cases: base, status: 'approved' }];
  for (let m = 1; m < month; m++) rows.push({ year, month: m, cases: r.int(0, Math.ceil(base / 12) + 1), status: m === month - 1 ? 'submitted' : 'approved' });
  await tx.insert(policeFigures).values(
    rows.map((x) => ({
      orgUnitId: street.id,
      ...x,
      decidedBy: x.status === 'approved' ? office : null,
      decidedAt: x.status === 'approved' ? new Date(`${today}T00:00:00Z`) : null,
    })),
  );
  sum.figures += rows.length;
}
