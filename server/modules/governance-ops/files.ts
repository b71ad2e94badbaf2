// The downloadable forms of governance-ops records: a joint meeting's minutes (.docx) and the
// weekly dispatch (.xlsx). Presenters too: they shape views already checked and audited.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { label } from '../../../core/labels';
import type { DispatchView, MeetingView } from '../../../core/contracts/governance-ops';

// East Asian text needs its own font slot: without `eastAsia` Word and LibreOffice pick a Latin
// font and Chinese falls back to whatever the machine has (issue 15 item 5).
const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun', cs: 'SimSun' };
const run = (text: string, bold = false) => new TextRun({ text, bold, font: FONT, size: 24 });
const para = (text: string, bold = false) => new Paragraph({ children: [run(text, bold)] });
const cell = (text: string) => new TableCell({ children: [para(text)] });

export async function minutesDocx(m: MeetingView): Promise<Buffer> {
  const departments = m.departments.map((d) => label('department', d, 'zh-CN')).join('、');
  const items = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: ['事项', '责任人', '完成时限', '状态'].map((h) => new TableCell({ children: [para(h, true)] })) }),
      ...m.actionItems.map((a) => new TableRow({ children: [cell(a.title), cell(a.ownerName ?? ''), cell(a.dueOn), cell(label('actionItemStatus', a.status, 'zh-CN'))] })),
    ],
  });
  const doc = new Document({
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: `${m.title} 会议纪要`, font: FONT, size: 36, bold: true })],
          }),
          para(`时间：${m.heldOn}`),
          para(`单位：${m.orgUnitName}`),
          para(`参会部门：${departments}`),
          para('一、议题', true),
          ...m.topics.map((t, i) => para(`${i + 1}. ${t}`)),
          para('二、决定事项', true),
          ...(m.decisions.length ? m.decisions.map((d, i) => para(`${i + 1}. ${d}`)) : [para('无')]),
          para('三、任务分工', true),
          items,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function dispatchXlsx(d: DispatchView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const head = (ws: ExcelJS.Worksheet, cols: [string, string, number][]) => {
    ws.columns = cols.map(([header, key, width]) => ({ header, key, width }));
    ws.getRow(1).font = { bold: true };
  };
  const units = wb.addWorksheet('按单位');
  head(units, [
    ['单位', 'name', 24],
    ['应办', 'due', 10],
    ['已办', 'done', 10],
    ['逾期', 'overdue', 10],
    ['未办', 'open', 10],
  ]);
  units.addRow({ name: `${d.orgUnitName}（合计 ${d.from}～${d.to}）`, ...d.tasks.total });
  for (const u of d.tasks.byUnit) units.addRow({ name: u.orgUnitName, ...u });
  const workers = wb.addWorksheet('按社工');
  head(workers, [
    ['责任社工', 'name', 20],
    ['应办', 'due', 10],
    ['已办', 'done', 10],
    ['逾期', 'overdue', 10],
    ['未办', 'open', 10],
  ]);
  for (const w of d.tasks.byWorker) workers.addRow({ name: w.workerName ?? '（未指定）', ...w });
  const notices = wb.addWorksheet('未签收通报');
  head(notices, [
    ['事由', 'reason', 20],
    ['单位', 'unit', 24],
    ['发出时间', 'createdAt', 22],
    ['签收时限', 'deadline', 22],
    ['逾期', 'overdue', 8],
  ]);
  for (const n of d.openNotices)
    notices.addRow({ reason: label('noticeReason', n.reason, 'zh-CN'), unit: n.orgUnitName, createdAt: n.createdAt, deadline: n.deadline, overdue: n.overdue ? '是' : '' });
  const items = wb.addWorksheet('逾期会议事项');
  head(items, [
    ['事项', 'title', 36],
    ['会议', 'meeting', 24],
    ['责任人', 'owner', 14],
    ['完成时限', 'dueOn', 12],
    ['逾期天数', 'days', 10],
  ]);
  for (const a of d.overdueActionItems) items.addRow({ title: a.title, meeting: a.meetingTitle, owner: a.ownerName ?? '', dueOn: a.dueOn, days: a.daysOverdue });
  const risks = wb.addWorksheet('待复核风险');
  head(risks, [
    ['风险', 'title', 36],
    ['类别', 'category', 12],
    ['等级', 'level', 8],
    ['责任人', 'owner', 14],
    ['复核日期', 'reviewOn', 12],
  ]);
  for (const r of d.riskReviewsDue)
    risks.addRow({
      title: r.title,
      category: label('riskCategory', r.category, 'zh-CN'),
      level: label('riskMatrixLevel', r.level, 'zh-CN'),
      owner: r.ownerName ?? '',
      reviewOn: r.reviewOn,
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
