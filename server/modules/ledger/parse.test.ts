import { describe, it, expect } from 'vitest';
import { ledgerHeaders } from '../../../core/contracts/ledger';
import { checkHeaders, decodeText, parseCsv, parseDateCell, cellText, readLedger } from './parse';
import { intersectScopes } from './service';
import { encodeGbk, ledgerRow, ledgerXlsx } from '../../test/ledger-files';

const records = (text: string) => {
  const out: string[][] = [];
  parseCsv(text, (f) => void out.push(f));
  return out;
};

describe('ledger CSV', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks; CRLF, LF and CR', () => {
    expect(records('a,"b,c","say ""hi""",\r\n"x\ny",2\n3\r4')).toEqual([['a', 'b,c', 'say "hi"', ''], ['x\ny', '2'], ['3'], ['4']]);
  });

  it('keeps a quote inside an unquoted field as typed, and counts an empty line as a record (row numbers match the file)', () => {
    const numbered: [string[], number][] = [];
    parseCsv('姓名,备注\n张三,身高1米8"左右\n\n李四,x', (f, n) => void numbered.push([f, n]));
    expect(numbered).toEqual([
      [['姓名', '备注'], 1],
      [['张三', '身高1米8"左右'], 2],
      [[''], 3],
      [['李四', 'x'], 4],
    ]);
  });

  it('a quote left open makes the file unreadable, naming the line (nothing is guessed); text after a closing quote is kept as typed', () => {
    expect(() => records('姓名,地址\n张三,"北京市\n李四,上海')).toThrow(expect.objectContaining({ code: 'ledger.csv_malformed', params: { line: 3 } }));
    expect(records('a,b\nc,"d"e\n')).toEqual([
      ['a', 'b'],
      ['c', '"d"e'],
    ]);
  });

  it('takes tabs as the delimiter when the first line has more of them (Excel "Unicode text")', () => {
    expect(records('姓名\t证件号码\n张三\t1,2')).toEqual([
      ['姓名', '证件号码'],
      ['张三', '1,2'],
    ]);
  });

  it('decodes UTF-8 with and without BOM, UTF-16 with BOM, and falls back to GBK', () => {
    const text = '姓名,民族\n张三,汉族';
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ text, encoding: 'utf-8-bom' });
    expect(decodeText(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])).text).toBe(text);
    expect(decodeText(encodeGbk(text))).toEqual({ text, encoding: 'gb18030' });
  });
});

describe('ledger .xlsx', () => {
  it("never splits a Chinese character across the stream's chunks (exceljs #2063)", async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ledgerRow(i));
    const read = await readLedger(await ledgerXlsx(rows), 'big.xlsx', { maxRows: 5000 });
    expect(read.count).toBe(2000);
    expect(read.rows.filter((r) => JSON.stringify(r.cells).includes('\ufffd')).map((r) => r.row)).toEqual([]);
    expect(read.rows[1999]!.cells[9]).toBe(rows[1999]!.户籍地址);
  });
});

describe('ledger cells', () => {
  it.each([
    ['1990-03-07', '1990-03-07'],
    ['1990/3/7', '1990-03-07'],
    ['1990.3.7', '1990-03-07'],
    ['1990年3月7日', '1990-03-07'],
    ['19900307', '1990-03-07'],
    ['1990-03-07 00:00:00', '1990-03-07'],
    [new Date(Date.UTC(1990, 2, 7)), '1990-03-07'],
    [32939, '1990-03-07'],
    ['1990-02-30', null],
    ['三月七日', null],
  ])('date %j → %j', (v, iso) => {
    expect(parseDateCell(v as never)).toBe(iso);
  });

  it('keeps every digit of an integer cell', () => {
    expect(cellText(13812345678)).toBe('13812345678');
    expect(cellText(' 张三 ')).toBe('张三');
  });
});

describe('ledger headers', () => {
  it('accepts the template header row, also with stray spaces and empty trailing cells', () => {
    expect(checkHeaders([...ledgerHeaders.map((h) => ` ${h}\u3000`), null, ''])).toEqual({ ok: true });
  });

  it('names missing, unknown, repeated and misplaced columns', () => {
    const wrong = ledgerHeaders.map((h) => (h === '证件号码' ? '身份证号' : h));
    expect(checkHeaders(wrong)).toMatchObject({ ok: false, missing: ['证件号码'], unknown: ['身份证号'] });
    const swapped = [...ledgerHeaders];
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    expect(checkHeaders(swapped)).toMatchObject({
      ok: false,
      missing: [],
      misplaced: [
        { column: 1, expected: '姓名', actual: '曾用名' },
        { column: 2, expected: '曾用名', actual: '姓名' },
      ],
    });
    expect(checkHeaders([...ledgerHeaders, '姓名'])).toMatchObject({ ok: false, duplicate: ['姓名'] });
  });
});

describe('export scope', () => {
  it('intersects subtrees: the narrower path wins, disjoint paths drop out', () => {
    expect(intersectScopes(['/a/'], ['/a/b/', '/c/'])).toEqual(['/a/b/']);
    expect(intersectScopes(['/a/b/', '/a/c/'], ['/a/'])).toEqual(['/a/b/', '/a/c/']);
    expect(intersectScopes(['/a/'], ['/b/'])).toEqual([]);
  });
});
