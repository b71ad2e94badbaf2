// One ledger row → a PersonInput, with every problem of the row named by column and explained
// in both UI languages. Pure apart from the lookups it is given.
import { personInput, type PersonInput } from '../../../core/contracts/persons';
import { ledgerHeaders, type ImportReason, type LedgerHeader } from '../../../core/contracts/ledger';
import { messageFor, registerMessages } from '../../messages';
import { validateIdNumber, maskIdNumber } from '../../../core/rules/id-number';
import { compareDates } from '../../../core/rules/dates';
import { cellText, parseDateCell, type Cell, type RawRow } from './parse';

registerMessages({
  'ledger.required': ['「{column}」为必填项', '“{column}” is required'],
  'ledger.date_invalid': ['「{value}」不是有效日期，请写成 2020-01-31、2020/1/31 或 2020年1月31日', '“{value}” is not a valid date: write 2020-01-31, 2020/1/31 or 2020年1月31日'],
  'ledger.sex_invalid': ['性别只能填「男」或「女」，不能是「{value}」', 'Sex must be 男 or 女, not “{value}”'],
  'ledger.risk_invalid': ['风险等级只能填「高」「中」或「低」，不能是「{value}」', 'Risk level must be 高, 中 or 低, not “{value}”'],
  'ledger.id_number_numeric': ['证件号码被 Excel 存成了数字，末几位已丢失；请把该列设为“文本”后重新填写', 'Excel stored the ID number as a number and lost its last digits: format the column as text and type it again'],
  'ledger.unit_not_found': ['「{value}」不是您管辖范围内的街道、社区或网格', '“{value}” is not a street, community or grid in your area'],
  'ledger.unit_ambiguous': ['有多个名为「{value}」的单位，请写成「上级单位/{value}」', 'Several units are named “{value}”: write “parent unit/{value}”'],
  'ledger.duplicate_in_file': ['与第 {row} 行的证件号码重复，本行未导入', 'Same ID number as row {row}; this row was not imported'],
  'ledger.write_failed': ['该行写入失败，已整行撤销，其他行不受影响；可重新导入本文件', 'Writing this row failed and it was rolled back whole; other rows are not affected. Import the file again'],
});

/** The PersonInput field each column fills. */
export const fieldOfColumn: Record<LedgerHeader, keyof PersonInput> = {
  姓名: 'name', 曾用名: 'formerNames', 证件类型: 'idType', 证件号码: 'idNumber', 性别: 'sex', 出生日期: 'birthDate',
  民族: 'ethnicity', 国籍: 'nationality', 联系电话: 'phone', 户籍地址: 'registeredAddress', 现居住地址: 'residenceAddress',
  文化程度: 'education', 婚姻状况: 'maritalStatus', 就业状况: 'employmentStatus', 工作单位: 'employer', 职业: 'occupation',
  滥用毒品种类: 'drugTypes', 吸毒方式: 'useMethods', 初次吸毒日期: 'firstUseDate', 风险等级: 'riskLevel', 所属社区: 'orgUnitId',
};
const columnOfField = Object.fromEntries(Object.entries(fieldOfColumn).map(([c, f]) => [f, c])) as Record<string, LedgerHeader>;
export const columnOf = (path: string): LedgerHeader | null => columnOfField[path.split('.')[0] ?? ''] ?? null;

/** Dictionary columns and their dictionary kind; `multi` columns take several values. */
export const dictionaryColumns: { column: LedgerHeader; kind: string; multi?: boolean }[] = [
  { column: '证件类型', kind: 'id_type' },
  { column: '民族', kind: 'ethnicity' },
  { column: '国籍', kind: 'nationality' },
  { column: '文化程度', kind: 'education' },
  { column: '婚姻状况', kind: 'marital_status' },
  { column: '就业状况', kind: 'employment_status' },
  { column: '职业', kind: 'occupation' },
  { column: '滥用毒品种类', kind: 'drug_type', multi: true },
  { column: '吸毒方式', kind: 'use_method', multi: true },
];

const INDEX = Object.fromEntries(ledgerHeaders.map((h, i) => [h, i])) as Record<LedgerHeader, number>;
const SEPARATORS = /[、,，;；\n]+/;

const SEX: Record<string, 'male' | 'female'> = { 男: 'male', 女: 'female', 男性: 'male', 女性: 'female', male: 'male', female: 'female', m: 'male', f: 'female', '1': 'male', '2': 'female' };
const RISK: Record<string, 'high' | 'medium' | 'low'> = { 高: 'high', 中: 'medium', 低: 'low', 高风险: 'high', 中风险: 'medium', 低风险: 'low', high: 'high', medium: 'medium', low: 'low' };

export const reason = (column: string | null, code: string, params: Record<string, string | number> = {}): ImportReason => ({
  column, code, message: messageFor(code, params),
});

export interface RowLookups {
  /** The code of a dictionary value given as code or name, or undefined. */
  dictionary(kind: string, value: string): Promise<string | undefined>;
  /** A unit named in 所属社区, within the importer's scope. */
  unit(value: string): { id: string } | { code: 'ledger.unit_not_found' | 'ledger.unit_ambiguous' };
}

export interface MappedRow {
  row: number;
  name: string;
  idNumberMasked: string;
  /** idType:IDNUMBER, to find the same person twice in one file. */
  identityKey: string | null;
  input: PersonInput | null;
  reasons: ImportReason[];
}

/** Maps and checks one row. `input` is set only when the row has no problem this side of the database. */
export async function mapRow(raw: RawRow, opts: { lookups: RowLookups; defaultOrgUnitId: string; today: string }): Promise<MappedRow> {
  const reasons: ImportReason[] = [];
  const cell = (c: LedgerHeader): Cell => raw.cells[INDEX[c]] ?? null;
  const text = (c: LedgerHeader) => cellText(cell(c));

  const name = text('姓名');
  if (!name) reasons.push(reason('姓名', 'ledger.required', { column: '姓名' }));

  const idCell = cell('证件号码');
  let idNumber = text('证件号码').replace(/[\s\u3000]+/g, '').toUpperCase();
  if (typeof idCell === 'number' && Math.abs(idCell) >= 1e15) {
    reasons.push(reason('证件号码', 'ledger.id_number_numeric'));
    idNumber = '';
  } else if (!idNumber) reasons.push(reason('证件号码', 'ledger.required', { column: '证件号码' }));

  const out: Record<string, unknown> = { name, idNumber };
  out.formerNames = text('曾用名').split(SEPARATORS).map((s) => s.trim()).filter(Boolean);

  for (const d of dictionaryColumns) {
    const raw = text(d.column);
    const values = d.multi ? raw.split(SEPARATORS).map((s) => s.trim()).filter(Boolean) : raw ? [raw] : [];
    const codes: string[] = [];
    for (const v of values) {
      const code = await opts.lookups.dictionary(d.kind, v);
      if (code) codes.push(code);
      else reasons.push(reason(d.column, 'dictionary.unknown_value', { value: v }));
    }
    const field = fieldOfColumn[d.column];
    if (d.multi) out[field] = [...new Set(codes)];
    else if (codes[0]) out[field] = codes[0];
  }
  if (!out.idType) out.idType = 'resident_id';
  if (!out.nationality) out.nationality = 'CHN';

  const sexText = text('性别');
  if (sexText) {
    const sex = SEX[sexText.toLowerCase()];
    if (sex) out.sex = sex;
    else reasons.push(reason('性别', 'ledger.sex_invalid', { value: sexText }));
  }
  const riskText = text('风险等级');
  if (riskText) {
    const risk = RISK[riskText.toLowerCase()];
    if (risk) out.riskLevel = risk;
    else reasons.push(reason('风险等级', 'ledger.risk_invalid', { value: riskText }));
  }

  for (const c of ['出生日期', '初次吸毒日期'] as const) {
    const v = cell(c);
    if (!cellText(v)) continue;
    const iso = parseDateCell(v);
    if (!iso) reasons.push(reason(c, 'ledger.date_invalid', { value: cellText(v) }));
    else out[fieldOfColumn[c]] = iso;
  }
  if (typeof out.birthDate === 'string' && compareDates(out.birthDate, opts.today) > 0) reasons.push(reason('出生日期', 'person.birth_date_future'));

  for (const c of ['联系电话', '户籍地址', '现居住地址', '工作单位'] as const) {
    const v = text(c);
    if (v) out[fieldOfColumn[c]] = v;
  }

  const unitText = text('所属社区');
  out.orgUnitId = opts.defaultOrgUnitId;
  if (unitText) {
    const u = opts.lookups.unit(unitText);
    if ('id' in u) out.orgUnitId = u.id;
    else reasons.push(reason('所属社区', u.code, { value: unitText }));
  }

  // The ID number's own checks, so they are reported together with the row's other problems.
  if (idNumber && out.idType === 'resident_id') {
    const r = validateIdNumber(idNumber, opts.today);
    if (!r.ok) reasons.push(reason('证件号码', r.code));
    else idNumber = out.idNumber = r.normalized;
  }

  // Lengths and formats, as the person form checks them.
  const parsed = personInput.safeParse(out);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = columnOf(issue.path.map(String).join('.'));
      if (column && reasons.some((r) => r.column === column)) continue;
      const i = issue as unknown as { code: string; maximum?: number; minimum?: number };
      reasons.push(reason(column, `validation.${i.code}`, { maximum: String(i.maximum ?? ''), minimum: String(i.minimum ?? ''), expected: '' }));
    }
  }

  return {
    row: raw.row,
    name,
    idNumberMasked: idNumber ? maskIdNumber(idNumber) : '',
    identityKey: idNumber ? `${String(out.idType)}:${idNumber}` : null,
    input: reasons.length === 0 && parsed.success ? parsed.data : null,
    reasons,
  };
}
