// Generated ledgers for the tests and the import benchmark. Not used by the server.
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { ledgerHeaders, type LedgerHeader } from '../../core/contracts/ledger';
import { idNumberCheckChar } from '../../core/rules/id-number';
import { DATA_SHEET } from '../modules/ledger/parse';

export type LedgerRow = Partial<Record<LedgerHeader, string | number | Date | null>>;

/** A valid resident ID number: region, birth date YYYYMMDD, sequence. */
export function residentId(region: string, birth: string, seq: number): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞'];
const DRUGS = ['海洛因', '冰毒', '氯胺酮（K粉）', '大麻', '摇头丸（MDMA）'];
const METHODS = ['烫吸', '鼻吸', '注射', '口服'];

/**
 * The i-th generated person: a distinct valid ID number (birth date and sequence from i), Chinese
 * names for the dictionary cells, dates in the accepted spellings. Deterministic.
 */
export function ledgerRow(i: number): LedgerRow {
  const year = 1960 + (i % 40);
  const month = 1 + (Math.floor(i / 40) % 12);
  const day = 1 + (Math.floor(i / 480) % 28);
  const seq = Math.floor(i / 13_440) * 2 + 1 + (i % 2);
  const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  const id = residentId('110101', birth, seq % 1000);
  return {
    姓名: `${SURNAMES[i % 16]}${GIVEN[Math.floor(i / 16) % 16]}${GIVEN[(i * 7) % 16]}`,
    曾用名: i % 10 === 0 ? `${SURNAMES[(i + 3) % 16]}小${GIVEN[i % 16]}` : null,
    证件类型: '居民身份证',
    证件号码: id,
    性别: i % 3 === 0 ? (seq % 2 === 1 ? '男' : '女') : null,
    出生日期: i % 3 === 1 ? `${year}/${month}/${day}` : null,
    民族: i % 5 === 0 ? '回族' : '汉族',
    国籍: '中国',
    联系电话: `139${String(10_000_000 + i).slice(-8)}`,
    户籍地址: `北京市东城区多福巷 ${i + 1} 号`,
    现居住地址: i % 4 === 0 ? `北京市朝阳区建外街道 ${i + 1} 号` : `北京市东城区多福巷 ${i + 1} 号`,
    文化程度: i % 2 ? '初中' : '普通高中',
    婚姻状况: i % 3 ? '未婚' : '已婚',
    就业状况: i % 4 ? '无业' : '灵活就业',
    工作单位: i % 4 ? null : '某物流公司',
    职业: i % 4 ? null : '社会生产服务和生活服务人员',
    滥用毒品种类: i % 7 === 0 ? `${DRUGS[i % 5]}、${DRUGS[(i + 1) % 5]}` : DRUGS[i % 5]!,
    吸毒方式: METHODS[i % 4]!,
    初次吸毒日期: i % 2 ? `${year + 20}年${month}月${day}日` : new Date(Date.UTC(year + 20, month - 1, day)),
    风险等级: ['高', '中', '低'][i % 3]!,
    所属社区: null,
  };
}

export async function ledgerXlsx(rows: LedgerRow[], headers: readonly string[] = ledgerHeaders): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(DATA_SHEET);
  ws.addRow([...headers]);
  for (const r of rows) ws.addRow(headers.map((h) => r[h as LedgerHeader] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvCell = (v: LedgerRow[LedgerHeader]) => {
  if (v === null || v === undefined) return '';
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
export const ledgerCsv = (rows: LedgerRow[], headers: readonly string[] = ledgerHeaders) =>
  [headers.join(','), ...rows.map((r) => headers.map((h) => csvCell(r[h as LedgerHeader])).join(','))].join('\r\n') + '\r\n';

let gbkTable: Map<string, number[]> | null = null;
/** GBK bytes of a text (tests only: Node decodes GBK but does not encode it). */
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(Uint8Array.from([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbkTable.get(ch);
      if (!bytes) throw new Error(`not in GBK: ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

/** A multipart/form-data body with text fields and at most one file. */
export function multipartBody(fields: Record<string, string>, file?: { field?: string; name: string; data: Buffer; type?: string }) {
  const boundary = `----sunflower${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
