// The spreadsheets the ledger hands out: the template, the row report and the export.
// Every sheet that carries person data carries the watermark (who exported it, when, and that
// it is for work use only) as its top row, in its printed header and footer, and in the
// workbook's properties.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { ledgerHeaders, ledgerMaxRows, type ImportReportRow, type LedgerHeader } from '../../../core/contracts/ledger';
import { DATA_SHEET } from './parse';
import { dictionaryColumns } from './rows';

export interface Watermark {
  username: string;
  displayName: string;
  /** 'YYYY-MM-DD HH:mm' in the deployment's time zone. */
  at: string;
  created: Date;
}

export const watermarkLine = (w: Watermark) => `导出人：${w.username}　导出时间：${w.at}　仅限工作使用，不得外传`;

/** 'YYYY-MM-DD HH:mm' of an instant in a time zone. */
export function formatLocalMinute(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

// Header and footer codes need '&' doubled; keep them short so Excel shows them whole.
const hfText = (s: string) => s.replace(/&/g, '&&');
function watermarkSheet(ws: ExcelJS.Worksheet, w: Watermark, columns: number) {
  ws.headerFooter = {
    oddHeader: `&L${hfText(`导出人：${w.username}`)}&C仅限工作使用，不得外传&R${hfText(`导出时间：${w.at}`)}`,
    oddFooter: `&L${hfText(watermarkLine(w))}&R第 &P 页，共 &N 页`,
  };
  const top = ws.getRow(1);
  top.getCell(1).value = watermarkLine(w);
  top.getCell(1).font = { bold: true, color: { argb: 'FFC00000' } };
  top.getCell(1).alignment = { vertical: 'middle' };
  top.height = 22;
  if (columns > 1) ws.mergeCells(1, 1, 1, columns);
}

function setProperties(
  wb: { creator: string; lastModifiedBy: string; created: Date; modified: Date; title?: string; description?: string; company?: string },
  w: Watermark,
  title: string,
) {
  wb.creator = w.username;
  wb.lastModifiedBy = w.username;
  wb.created = w.created;
  wb.modified = w.created;
  wb.title = title;
  wb.description = watermarkLine(w);
  wb.company = '向日葵社区戒毒社区康复工作平台';
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const widthOf: Partial<Record<LedgerHeader, number>> = {
  证件类型: 14,
  证件号码: 22,
  联系电话: 15,
  户籍地址: 30,
  现居住地址: 30,
  工作单位: 20,
  职业: 24,
  滥用毒品种类: 22,
  吸毒方式: 14,
  出生日期: 12,
  初次吸毒日期: 13,
  所属社区: 18,
};
const TEXT_COLUMNS: LedgerHeader[] = ['证件号码', '联系电话'];
const DATE_COLUMNS: LedgerHeader[] = ['出生日期', '初次吸毒日期'];

const colLetter = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

export interface TemplateLists {
  /** Dictionary kind → the Chinese names offered in the drop-downs. */
  dictionaries: Record<string, string[]>;
  /** Units the importer may file persons into (for 所属社区). */
  units: string[];
}

/** The import template: the data sheet with drop-downs fed from a hidden sheet, and the instructions. */
export async function templateWorkbook(lists: TemplateLists, w: Watermark): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  setProperties(wb, w, '人员台账导入模板');
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const guide = wb.addWorksheet('填写说明');
  const listSheet = wb.addWorksheet('字典', { state: 'veryHidden' });

  ws.columns = ledgerHeaders.map((h) => ({
    header: h,
    key: h,
    width: widthOf[h] ?? 12,
    style: TEXT_COLUMNS.includes(h) ? { numFmt: '@' } : DATE_COLUMNS.includes(h) ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.alignment = { vertical: 'middle', horizontal: 'center' };
  });

  // The hidden sheet: one column per list, title in row 1.
  const lastRow = ledgerMaxRows + 1;
  const listColumns: { column: LedgerHeader; values: string[]; multi?: boolean }[] = [
    ...dictionaryColumns.map((d) => ({ column: d.column, values: lists.dictionaries[d.kind] ?? [], multi: d.multi })),
    { column: '性别', values: ['男', '女'] },
    { column: '风险等级', values: ['高', '中', '低'] },
    { column: '所属社区', values: lists.units },
  ];
  const dv = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  listColumns.forEach((l, i) => {
    const letter = colLetter(i + 1);
    listSheet.getCell(`${letter}1`).value = l.column;
    l.values.forEach((v, j) => (listSheet.getCell(`${letter}${j + 2}`).value = v));
    if (!l.values.length) return;
    const target = colLetter(ledgerHeaders.indexOf(l.column) + 1);
    dv.add(`${target}2:${target}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'字典'!$${letter}$2:$${letter}$${l.values.length + 1}`],
      // Several values (separated by 、) cannot be picked from a list: offer it, do not enforce it.
      showErrorMessage: !l.multi,
      errorStyle: 'stop',
      errorTitle: '取值不在列表中',
      error: `请从下拉列表中选择「${l.column}」`,
      showInputMessage: !!l.multi,
      promptTitle: l.multi ? l.column : undefined,
      prompt: l.multi ? '可填多项，用顿号（、）分隔' : undefined,
    });
  });

  guide.columns = [
    { header: '列名', key: 'c', width: 16 },
    { header: '是否必填', key: 'r', width: 10 },
    { header: '填写要求', key: 'd', width: 80 },
  ];
  guide.getRow(1).font = { bold: true };
  const notes: Record<LedgerHeader, [string, string]> = {
    姓名: ['必填', '与证件一致，最多 40 字'],
    曾用名: ['', '可填多个，用顿号（、）分隔'],
    证件类型: ['', '从下拉列表选择；不填视为居民身份证'],
    证件号码: [
      '必填',
      '18 位居民身份证号码（末位可为 X），系统校验校验位；同一证件号码全系统只建一个档案，再次导入时按证件号码更新。请保持本列为“文本”格式，否则 Excel 会丢失末几位',
    ],
    性别: ['居民身份证可不填', '男 / 女；居民身份证的性别以号码为准，填写时须与号码一致'],
    出生日期: ['居民身份证可不填', '如 1990-03-07、1990/3/7 或 1990年3月7日；须与身份证号码一致，不能晚于今天'],
    民族: ['', '从下拉列表选择（如 汉族），也可填国家标准代码（如 01）'],
    国籍: ['', '从下拉列表选择；不填视为中国'],
    联系电话: ['', '手机或固定电话，5–20 位数字'],
    户籍地址: ['', '最多 200 字'],
    现居住地址: ['', '最多 200 字；与户籍地址不同时系统标记为人户分离'],
    文化程度: ['', '从下拉列表选择'],
    婚姻状况: ['', '从下拉列表选择'],
    就业状况: ['', '从下拉列表选择'],
    工作单位: ['', '最多 100 字'],
    职业: ['', '从下拉列表选择（国家职业分类大类）'],
    滥用毒品种类: ['', '可填多种，用顿号（、）、逗号或分号分隔，如「海洛因、冰毒」；可填名称、括号中的俗称或代码'],
    吸毒方式: ['', '可填多种，用顿号（、）分隔'],
    初次吸毒日期: ['', '日期格式同出生日期；须在出生之后、今天之前'],
    风险等级: ['', '高 / 中 / 低'],
    所属社区: ['', '您管辖范围内的街道、社区或网格名称；不填则归入导入时选择的单位。同名单位请写成「上级单位/单位名称」。只对新建档案生效，已有档案的归属请通过“分配”调整'],
  };
  for (const h of ledgerHeaders) guide.addRow({ c: h, r: notes[h][0], d: notes[h][1] });
  guide.addRow({});
  for (const line of [
    '1. 请勿修改、增加或删除表头（第 1 行），列的顺序须与模板一致。',
    `2. 每个文件最多 ${ledgerMaxRows.toLocaleString('en-US')} 行数据，文件不超过 20 MB；也可另存为 CSV（UTF-8 或 GBK 编码）后上传。`,
    '3. 每一行单独校验：有问题的行不导入，并在导入报告中列明行号、列名和原因；其余行正常导入。',
    '4. 同一文件重复导入不会产生重复档案：证件号码已存在且内容相同的行记为“无变化”，内容有变化的行记为“更新”。',
    '5. 人员信息属于敏感个人信息，仅限工作使用，不得外传。',
  ])
    guide.addRow({ c: line }).getCell(1).alignment = { wrapText: false };
  guide.getColumn('d').alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await wb.xlsx.writeBuffer());
}

const OUTCOME_ZH: Record<ImportReportRow['outcome'], string> = { imported: '新建', updated: '更新', unchanged: '无变化', rejected: '未导入' };

/** The row report of an import, watermarked. */
export async function reportWorkbook(job: { fileName: string; rows: ImportReportRow[]; counts: Record<string, number>; error: string | null }, w: Watermark): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  setProperties(wb, w, `导入报告：${job.fileName}`);
  const ws = wb.addWorksheet('导入报告', { views: [{ state: 'frozen', ySplit: 3 }] });
  const columns = ['行号', '姓名', '证件号码', '结果', '原因', '说明'];
  ws.columns = [{ width: 8 }, { width: 12 }, { width: 22 }, { width: 10 }, { width: 80 }, { width: 60 }];
  watermarkSheet(ws, w, columns.length);
  const c = job.counts;
  ws.getRow(2).getCell(1).value =
    `文件：${job.fileName}　共 ${c.total ?? 0} 行：新建 ${c.imported ?? 0}，更新 ${c.updated ?? 0}，无变化 ${c.unchanged ?? 0}，未导入 ${c.rejected ?? 0}` +
    (job.error ? `　导入中止：${job.error}` : '');
  ws.mergeCells(2, 1, 2, columns.length);
  const head = ws.getRow(3);
  head.values = columns;
  head.font = { bold: true };
  head.eachCell((cell) => (cell.fill = HEADER_FILL));
  for (const r of job.rows) {
    const text = (xs: ImportReportRow['reasons']) => xs.map((x) => (x.column ? `${x.column}：${x.message['zh-CN']}` : x.message['zh-CN'])).join('；');
    // 说明: cells read through an alias or another spelling (9.19), so the user can check them.
    const row = ws.addRow([r.row, r.name, r.idNumberMasked, OUTCOME_ZH[r.outcome], text(r.reasons), text(r.notes ?? [])]);
    if (r.outcome === 'rejected') row.getCell(4).font = { color: { argb: 'FFC00000' } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A streaming export: rows are added as they are read, so a large list never sits in memory as
 * cells. `finish()` resolves with the file.
 */
export function exportWriter(columns: { header: string; width?: number }[], w: Watermark) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  setProperties(wb as unknown as Parameters<typeof setProperties>[0], w, '人员台账导出');
  const ws = wb.addWorksheet('人员台账', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = columns.map((c) => ({ width: c.width ?? 12 }));
  watermarkSheet(ws, w, columns.length);
  ws.getRow(1).commit();
  const head = ws.getRow(2);
  head.values = columns.map((c) => c.header);
  head.font = { bold: true };
  head.eachCell((cell) => (cell.fill = HEADER_FILL));
  head.commit();
  let count = 0;
  return {
    add(values: (string | number | null)[]) {
      ws.addRow(values).commit();
      count++;
    },
    get count() {
      return count;
    },
    async finish(): Promise<Buffer> {
      ws.commit();
      await wb.commit();
      await done;
      return Buffer.concat(chunks);
    },
  };
}
