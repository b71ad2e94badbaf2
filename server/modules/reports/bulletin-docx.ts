// The monthly bulletin (月通报) as a Word document: the unit's indicators K1–K18 and its child
// units' as tables, a bar chart of K5 by child unit, and the month's key events as counts (no
// person is named). Chinese text sits in the East Asian font slot (SimSun) of the document's
// default style and of every run, so Word and LibreOffice render it (issue 15 item 5).
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { label } from '../../../core/labels';
import { definitionOf, indicatorCodes } from '../../../core/rules/indicators';
import { bulletinFigure, bulletinRatio } from '../../../core/rules/bulletin';
import type { IndicatorValue, OverviewView } from '../../../core/contracts/governance';
import { barChartPng, colours } from './chart';

export const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun', cs: 'SimSun' };
const zh = 'zh-CN' as const;

export interface BulletinEvents {
  filed: number;
  ended: Record<string, number>;
  notices: Record<string, number>;
  alerts: { raised: number; owed: number; handledInTime: number };
}

export interface BulletinContent {
  unitName: string;
  month: string;
  from: string;
  to: string;
  generatedOn: string;
  main: OverviewView;
  children: OverviewView[];
  events: BulletinEvents;
}

const run = (text: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text, bold: opts.bold, font: FONT, size: opts.size ?? 21 });
const para = (text: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}) =>
  new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : undefined, children: [run(text, opts)] });
const cell = (text: string, bold = false) => new TableCell({ children: [para(text, { bold, size: 18 })] });

/** A value as the bulletin writes it: the figure, or the reason there is none (never 0). */
export function valueText(v: IndicatorValue): string {
  const shown = bulletinFigure(v.code, v.value);
  if (shown !== null) return shown;
  return label('noDataReason', v.noData ?? 'nothing_due', zh);
}

function targetText(v: IndicatorValue): string {
  if (v.target === null) return '—';
  const def = definitionOf(v.code);
  if (def.unit === 'count') return String(v.target);
  return `${def.direction === 'higher' ? '≥' : '<'} ${v.target}%`;
}

function indicatorTable(o: OverviewView): Table {
  const head = ['指标', '数值', '分子/分母', '目标', '状态'];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
      ...indicatorCodes.map((code) => {
        const v = o.items.find((x) => x.code === code)!;
        const def = definitionOf(code);
        const noData = v.value === null;
        return new TableRow({
          children: [
            cell(`${code} ${def.name[zh]}`),
            cell(valueText(v)),
            cell(noData ? '—' : bulletinRatio(code, v.numerator, v.denominator)),
            cell(targetText(v)),
            cell(label('rag', v.rag, zh)),
          ],
        });
      }),
    ],
  });
}

function countLine(list: 'measureStatus' | 'noticeReason', counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([code, n]) => `${label(list, code, zh)} ${n}`);
  return parts.length ? parts.join('，') : '无';
}

export function bulletinChart(o: { main: OverviewView; children: OverviewView[] }) {
  // K5 by child unit; a unit without child units shows its own bar.
  const rows = o.children.length ? o.children : [o.main];
  const k5 = (x: OverviewView) => x.items.find((i) => i.code === 'K5')!;
  const bars = rows.map((x) => ({ value: k5(x).value, colour: colours[k5(x).rag] }));
  return { ...barChartPng(bars, { target: k5(o.main).target }), names: rows.map((x) => x.orgUnit.name) };
}

export async function bulletinDocx(c: BulletinContent): Promise<Buffer> {
  const [y, m] = [c.month.slice(0, 4), Number(c.month.slice(5, 7))];
  const chart = bulletinChart(c);
  const e = c.events;
  const notices = Object.values(e.notices).reduce((a, b) => a + b, 0);
  const ended = Object.values(e.ended).reduce((a, b) => a + b, 0);
  const k5 = c.main.items.find((i) => i.code === 'K5')!;
  // A heading stays on the page of what follows it (the chart's heading with the chart).
  const section = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: [run(text, { bold: true, size: 28 })] });
  const doc = new Document({
    creator: 'Sunflower',
    title: `${c.unitName}${y}年${m}月禁毒社区戒毒（康复）工作通报`,
    styles: {
      default: { document: { run: { font: FONT, size: 21 } }, heading1: { run: { font: FONT } }, title: { run: { font: FONT } } },
    },
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [run(`${c.unitName}${y}年${m}月社区戒毒（康复）工作通报`, { bold: true, size: 36 })],
          }),
          para(`统计期：${c.from} 至 ${c.to}　　生成日期：${c.generatedOn}`, { center: true }),
          section('一、本月概况'),
          para(
            `本月${c.unitName}尿检配合率（K5）为 ${valueText(k5)}${k5.value !== null ? `（${bulletinRatio('K5', k5.numerator, k5.denominator)}）` : ''}，新建档案 ${e.filed} 份，措施结束 ${ended} 人次，通报公安 ${notices} 次，预警 ${e.alerts.raised} 条。`,
          ),
          section('二、主要指标'),
          para(`（一）${c.unitName}（含下辖单位）`, { bold: true }),
          indicatorTable(c.main),
          ...c.children.flatMap((child, i) => [para(`（${chineseOrdinal(i + 2)}）${child.orgUnit.name}`, { bold: true }), indicatorTable(child)]),
          section('三、尿检配合率（K5）分单位情况'),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new ImageRun({
                type: 'png',
                data: chart.png,
                transformation: { width: chart.width * 0.9, height: chart.height * 0.9 },
                altText: { name: 'K5', title: 'K5', description: 'K5 尿检配合率分单位柱状图' },
              }),
            ],
          }),
          para(chart.names.map((n, i) => `${i + 1}. ${n}`).join('　'), { size: 18 }),
          section('四、本月重点事项'),
          para(`1. 新建档案：${e.filed} 份。`),
          para(`2. 措施结束：${ended} 人次（${countLine('measureStatus', e.ended)}）。`),
          para(`3. 严重违规及通报公安：${notices} 次（${countLine('noticeReason', e.notices)}）。`),
          para(`4. 预警：本月产生 ${e.alerts.raised} 条，应处置 ${e.alerts.owed} 条，按时处置 ${e.alerts.handledInTime} 条。`),
          para('注：本通报只列数量，不含人员姓名或证件信息；“暂无数据”表示该项数据尚未录入，不计为零。', { size: 18 }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const ORD = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
function chineseOrdinal(n: number): string {
  if (n <= 10) return ORD[n]!;
  if (n < 20) return `十${ORD[n - 10]}`;
  return `${ORD[Math.floor(n / 10)]}十${n % 10 ? ORD[n % 10] : ''}`;
}
