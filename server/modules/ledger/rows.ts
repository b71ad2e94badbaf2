// One ledger row → a PersonInput, with every problem of the row named by column and explained
// in both UI languages, and every value read through an alias said so (9.19). Pure apart from
// the lookups it is given, and synchronous: it runs in the import's worker threads.
import { personInput, type PersonInput } from '../../../core/contracts/persons';
import { withoutNulCharacters } from '../../../core/contracts/common';
import { ledgerHeaders, type ImportReason, type LedgerHeader } from '../../../core/contracts/ledger';
import { messageFor, registerMessages, type MessageParam } from '../../messages';
import { canonicalIdNumber, maskIdNumber } from '../../../core/rules/id-number';
import { compareDates } from '../../../core/rules/dates';
import { cellText, parseDateCell, type Cell, type RawRow } from './cells';

registerMessages({
  'ledger.required': ['「{column}」为必填项', '“{column}” is required'],
  'ledger.date_invalid': ['「{value}」不是有效日期，请写成 2020-01-31、2020/1/31 或 2020年1月31日', '“{value}” is not a valid date: write 2020-01-31, 2020/1/31 or 2020年1月31日'],
  'ledger.sex_invalid': ['性别只能填「男」或「女」，不能是「{value}」', 'Sex must be 男 or 女, not “{value}”'],
  'ledger.risk_invalid': ['风险等级只能填「高」「中」或「低」，不能是「{value}」', 'Risk level must be 高, 中 or 低, not “{value}”'],
  'ledger.id_number_numeric': [
    '证件号码被 Excel 存成了数字，末几位已丢失；请把该列设为“文本”后重新填写',
    'Excel stored the ID number as a number and lost its last digits: format the column as text and type it again',
  ],
  'ledger.unit_not_found': ['「{value}」不是您管辖范围内的街道、社区或网格', '“{value}” is not a street, community or grid in your area'],
  'ledger.unit_ambiguous': ['有多个名为「{value}」的单位，请写成「上级单位/{value}」', 'Several units are named “{value}”: write “parent unit/{value}”'],
  'ledger.duplicate_in_file': ['与第 {row} 行的证件号码重复，本行未导入', 'Same ID number as row {row}; this row was not imported'],
  'ledger.duplicate_conflict': [
    '证件号码与第 {rows} 行相同但其他内容不同，无法判断哪行正确，均未导入；请核对后只保留一行',
    'Same ID number as row {rows} but different details: it cannot be told which is right, so none was imported. Keep one row and import again',
  ],
  'ledger.alias_matched': ['「{value}」按「{entry}」导入', '“{value}” was read as “{entry}”'],
  'ledger.write_failed': [
    '该行写入失败，已整行撤销，其他行不受影响；可重新导入本文件',
    'Writing this row failed and it was rolled back whole; other rows are not affected. Import the file again',
  ],
});

/** The PersonInput field each column fills. */
export const fieldOfColumn: Record<LedgerHeader, keyof PersonInput> = {
  姓名: 'name',
  曾用名: 'formerNames',
  证件类型: 'idType',
  证件号码: 'idNumber',
  性别: 'sex',
  出生日期: 'birthDate',
  民族: 'ethnicity',
  国籍: 'nationality',
  联系电话: 'phone',
  户籍地址: 'registeredAddress',
  现居住地址: 'residenceAddress',
  文化程度: 'education',
  婚姻状况: 'maritalStatus',
  就业状况: 'employmentStatus',
  工作单位: 'employer',
  职业: 'occupation',
  滥用毒品种类: 'drugTypes',
  吸毒方式: 'useMethods',
  初次吸毒日期: 'firstUseDate',
  风险等级: 'riskLevel',
  所属社区: 'orgUnitId',
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

const SEX: Record<string, 'male' | 'female'> = {
  男: 'male',
  女: 'female',
  男性: 'male',
  女性: 'female',
  male: 'male',
  female: 'female',
  m: 'male',
  f: 'female',
  '1': 'male',
  '2': 'female',
};
const RISK: Record<string, 'high' | 'medium' | 'low'> = {
  高: 'high',
  中: 'medium',
  低: 'low',
  高风险: 'high',
  中风险: 'medium',
  低风险: 'low',
  high: 'high',
  medium: 'medium',
  low: 'low',
};

export const reason = (column: string | null, code: string, params: Record<string, MessageParam> = {}): ImportReason => ({
  column,
  code,
  message: messageFor(code, params),
});

export interface RowLookups {
  /** How a value given as code, name or alias reads in a dictionary (dictionaries/matching.ts), or undefined. */
  dictionary(kind: string, value: string): { code: string; nameZh: string; via: 'code' | 'name' | 'alias' | 'short' } | undefined;
  /** A unit named in 所属社区, within the importer's scope. */
  unit(value: string): { id: string } | { code: 'ledger.unit_not_found' | 'ledger.unit_ambiguous' };
}

export interface MappedRow {
  row: number;
  name: string;
  idNumberMasked: string;
  /** The ID number in its stored form (type:number), also when the row has other problems: to find one person twice in a file. */
  identityKey: string | null;
  input: PersonInput | null;
  reasons: ImportReason[];
  /** Values read through an alias or a folded spelling (what the report says was matched). */
  notes: ImportReason[];
}

/** Ledger columns that are matched against a dictionary and how the value read, for the report. */
function noteMatch(notes: ImportReason[], column: string, value: string, m: { code: string; nameZh: string; via: string }) {
  if (m.via === 'code' || value.trim() === m.nameZh) return;
  notes.push(reason(column, 'ledger.alias_matched', { value, entry: m.nameZh }));
}

const checkedInput = withoutNulCharacters(personInput);

/** Maps and checks one row. `input` is set only when the row has no problem this side of the database. */
export function mapRow(raw: RawRow, opts: { lookups: RowLookups; defaultOrgUnitId: string; today: string }): MappedRow {
  const reasons: ImportReason[] = [];
  const notes: ImportReason[] = [];
  const cell = (c: LedgerHeader): Cell => raw.cells[INDEX[c]] ?? null;
  const text = (c: LedgerHeader) => cellText(cell(c));

  const name = text('姓名');
  if (!name) reasons.push(reason('姓名', 'ledger.required', { column: '姓名' }));

  const idCell = cell('证件号码');
  let idNumber = text('证件号码')
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase();
  if (typeof idCell === 'number' && Math.abs(idCell) >= 1e15) {
    reasons.push(reason('证件号码', 'ledger.id_number_numeric'));
    idNumber = '';
  } else if (!idNumber) reasons.push(reason('证件号码', 'ledger.required', { column: '证件号码' }));

  const out: Record<string, unknown> = { name, idNumber };
  out.formerNames = text('曾用名')
    .split(SEPARATORS)
    .map((s) => s.trim())
    .filter(Boolean);

  for (const d of dictionaryColumns) {
    const raw = text(d.column);
    const values = d.multi
      ? raw
          .split(SEPARATORS)
          .map((s) => s.trim())
          .filter(Boolean)
      : raw
        ? [raw]
        : [];
    const codes: string[] = [];
    for (const v of values) {
      const m = opts.lookups.dictionary(d.kind, v);
      if (m) {
        codes.push(m.code);
        noteMatch(notes, d.column, v, m);
      } else reasons.push(reason(d.column, 'dictionary.unknown_value', { value: v }));
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

  // The ID number's own checks, so they are reported together with the row's other problems;
  // its stored form (a 15-digit number as 18 digits, 9.18) also when the row has other problems.
  let identityKey: string | null = null;
  if (idNumber) {
    const r = canonicalIdNumber(String(out.idType), idNumber, opts.today);
    if (!r.ok) {
      if (out.idType === 'resident_id') reasons.push(reason('证件号码', r.code));
    } else {
      idNumber = out.idNumber = r.idNumber;
      identityKey = `${r.idType}:${r.idNumber}`;
    }
  }

  // Lengths and formats, as the person form checks them.
  const parsed = checkedInput.safeParse(out);
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
    identityKey,
    input: reasons.length === 0 && parsed.success ? parsed.data : null,
    reasons,
    notes,
  };
}
