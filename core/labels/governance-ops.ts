import type { ActionItemStatus, BudgetCategory, Department, PoliceFigureStatus, RiskCategory, RiskLevel, StationItem } from '../contracts/governance-ops';
import type { CodeList } from './types';

export const governanceOpsLabels = {
  policeFigureStatus: {
    draft: ['草稿', 'Draft'],
    submitted: ['已提交', 'Submitted'],
    approved: ['已审核', 'Approved'],
    returned: ['已退回', 'Returned'],
  } satisfies CodeList<PoliceFigureStatus>,

  department: {
    police: ['公安', 'Police'],
    justice: ['司法', 'Justice'],
    civil_affairs: ['民政', 'Civil affairs'],
    health: ['卫健', 'Health'],
    human_resources: ['人社', 'Human resources'],
    education: ['教育', 'Education'],
    street: ['街道', 'Street'],
    drug_control_office: ['禁毒办', 'Drug-control office'],
    other: ['其他', 'Other'],
  } satisfies CodeList<Department>,

  actionItemStatus: {
    open: ['未开始', 'Open'],
    in_progress: ['进行中', 'In progress'],
    done: ['已完成', 'Done'],
    cancelled: ['已取消', 'Cancelled'],
  } satisfies CodeList<ActionItemStatus>,

  riskCategory: {
    awareness: ['思想认识', 'Awareness'],
    resources: ['资源投入', 'Resources'],
    rules: ['制度设计', 'Rules'],
    staff: ['专业人才', 'Staff'],
    technology: ['技术支撑', 'Technology'],
    coordination: ['部门协同', 'Coordination'],
    other: ['其他', 'Other'],
  } satisfies CodeList<RiskCategory>,

  riskMatrixLevel: {
    low: ['较低', 'Low'],
    medium: ['一般', 'Moderate'],
    high: ['较高', 'High'],
    critical: ['重大', 'Critical'],
  } satisfies CodeList<RiskLevel>,

  budgetCategory: {
    publicity: ['宣传经费', 'Publicity'],
    supervision: ['管控经费', 'Supervision'],
    assistance: ['帮扶经费', 'Assistance'],
    other: ['其他经费', 'Other'],
  } satisfies CodeList<BudgetCategory>,

  stationItem: {
    office: ['有办公场所', 'Office'],
    funds: ['有工作经费', 'Funds'],
    social_workers: ['有专职社工', 'Full-time social workers'],
    publicity_window: ['有宣传橱窗', 'Publicity window'],
    rules: ['有管理制度', 'Rules'],
    responsibility: ['有责任制度', 'Responsibility system'],
    results: ['有工作效果', 'Results'],
  } satisfies CodeList<StationItem>,

  stationCompletion: {
    not_started: ['未开展', 'Not started'],
    partial: ['部分达标', 'Partial'],
    complete: ['全部达标', 'Complete'],
  } satisfies CodeList<'not_started' | 'partial' | 'complete'>,
};
