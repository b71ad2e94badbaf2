// The quarterly scorecard as a workbook (.xlsx) and a Word document (.docx). Presenters too: they
// shape a view already checked and audited. Chinese first: the forms go to Chinese offices.
import { AlignmentType, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { definitionOf, type IndicatorCode } from '../../../core/rules/indicators';
import { label } from '../../../core/labels';
import type { QuarterlyView } from '../../../core/contracts/assessment';

/** The indicators that carry a weight (the others score nothing and only widen the table). */
const weighted = (v: QuarterlyView): IndicatorCode[] =>
  (Object.entries(v.rules.weights) as [IndicatorCode, number][])
    .filter(([, w]) => w > 0)
    .map(([c]) => c)
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));

const pts = (p: number | null) => (p === null ? '—' : String(p));
const rankText = (r: number | null) => (r === null ? '—' : String(r));
const title = (v: QuarterlyView) => `${v.orgUnit.name} ${v.quarter.replace('-Q', '年第')}季度考核评分表`;

export async function scorecardXlsx(v: QuarterlyView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const codes = weighted(v);
  const ws = wb.addWorksheet('考核排名');
  ws.columns = [
    { header: '排名', key: 'rank', width: 8 },
    { header: '单位', key: 'name', width: 24 },
    { header: '总分', key: 'total', width: 10 },
    ...codes.map((c) => ({ header: `${c} ${definitionOf(c).name['zh-CN']}`, key: c, width: 14 })),
  ];
  ws.getRow(1).font = { bold: true };
  for (const u of v.units) {
    const row: Record<string, string | number | null> = { rank: u.rank, name: u.orgUnit.name, total: u.total };
    for (const c of codes) row[c] = u.indicators.find((x) => x.code === c)?.points ?? null;
    ws.addRow(row);
  }
  ws.addRow({});
  ws.addRow({ name: `考核期：${v.from}～${v.to}；满分100分，无数据的指标不计分，权重按有数据的指标折算。` });
  const rules = wb.addWorksheet('评分规则');
  rules.columns = [
    { header: '指标', key: 'code', width: 24 },
    { header: '权重', key: 'weight', width: 10 },
  ];
  rules.getRow(1).font = { bold: true };
  for (const c of codes) rules.addRow({ code: `${c} ${definitionOf(c).name['zh-CN']}`, weight: v.rules.weights[c] });
  rules.addRow({ code: '里程碑占比（%）', weight: v.rules.milestoneShare });
  for (const s of ['on_track', 'at_risk', 'missed'] as const) rules.addRow({ code: `里程碑：${label('progressState', s, 'zh-CN')}（%）`, weight: v.rules.milestonePoints[s] });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// East Asian text needs its own font slot: without `eastAsia` Word and LibreOffice pick a Latin
// font and Chinese falls back to whatever the machine has (as governance-ops/files.ts does).
const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun', cs: 'SimSun' };
const run = (text: string, bold = false, size = 21) => new TextRun({ text, bold, font: FONT, size });
const para = (text: string, bold = false) => new Paragraph({ children: [run(text, bold)] });
const cell = (text: string, bold = false) => new TableCell({ children: [para(text, bold)] });

export async function scorecardDocx(v: QuarterlyView): Promise<Buffer> {
  const codes = weighted(v);
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: ['排名', '单位', '总分', ...codes.map((c) => `${c} ${definitionOf(c).name['zh-CN']}`)].map((h) => cell(h, true)) }),
      ...v.units.map(
        (u) =>
          new TableRow({
            children: [
              cell(rankText(u.rank)),
              cell(u.orgUnit.name),
              cell(pts(u.total), true),
              ...codes.map((c) => cell(pts(u.indicators.find((x) => x.code === c)?.points ?? null))),
            ],
          }),
      ),
    ],
  });
  const doc = new Document({
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [run(title(v), true, 32)] }),
          para(`考核期：${v.from}～${v.to}`),
          para('评分办法：各指标达到目标得满分，未达目标按差距线性递减（差距达目标的50%得0分，方向随指标）；无数据的指标不奖不罚，权重按有数据的指标折算，满分100分。'),
          para(
            `里程碑占各指标分值的${v.rules.milestoneShare}%：正常 ${v.rules.milestonePoints.on_track}%，有风险 ${v.rules.milestonePoints.at_risk}%，未达成 ${v.rules.milestonePoints.missed}%。`,
          ),
          table,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
