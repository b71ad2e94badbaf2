// Reading an uploaded ledger: .xlsx (streamed, so a 100,000-row file is counted without being
// held in memory) or .csv in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or
// GBK/GB18030 (what Excel on a Chinese Windows writes). Pure: no database, no services.
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { CsvError, parse } from 'csv-parse/sync';
import { ledgerHeaders } from '../../../core/contracts/ledger';
import { cellText, type Cell, type RawRow } from './cells';

export { cellText, isoOfDate, parseDateCell, type Cell, type RawRow } from './cells';

export type FileKind = 'xlsx' | 'csv';

export class LedgerFileError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

/** The name of the data sheet in the template; any other workbook is read from its first visible sheet. */
export const DATA_SHEET = '人员台账';

export function detectKind(buf: Buffer, fileName: string): FileKind {
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) return 'xlsx';
  // The old binary Excel format (OLE compound file).
  if (buf.length >= 4 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) throw new LedgerFileError('ledger.xls_unsupported');
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) throw new LedgerFileError('ledger.file_unreadable');
  if (lower.endsWith('.csv') || lower.endsWith('.txt') || looksLikeText(buf)) return 'csv';
  throw new LedgerFileError('ledger.file_type');
}

function looksLikeText(buf: Buffer): boolean {
  const n = Math.min(buf.length, 4096);
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0 && !(buf[0] === 0xff || buf[0] === 0xfe)) return false;
  }
  return n > 0;
}

/** Text of a CSV upload: a BOM decides; else valid UTF-8 is UTF-8; else it is GB18030 (a superset of GBK). */
export function decodeText(buf: Buffer): { text: string; encoding: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8-bom' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(buf), encoding: 'gb18030' };
  }
}

/**
 * RFC 4180 records, read by csv-parse: quoted fields may hold the delimiter, doubled quotes and
 * line breaks; CRLF, LF and CR all end a record (mixed in one file too); a quote inside an
 * unquoted field is kept as typed. Calls `onRecord` per record with its 1-based record number
 * (an empty line is a record, so numbers match the lines a spreadsheet shows); `false` stops.
 * A quote left open or text after a closing quote makes the file unreadable, naming the line.
 */
export function parseCsv(text: string, onRecord: (fields: string[], recordNo: number) => void | false): void {
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: String.fromCharCode(sniffDelimiter(text)),
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) throw new LedgerFileError('ledger.csv_malformed', { line: (err as CsvError & { lines?: number }).lines ?? 0 });
    throw err;
  }
  for (let i = 0; i < records.length; i++) if (onRecord(records[i]!, i + 1) === false) return;
}

/** Comma, unless the first line has more tabs (Excel's "Unicode text") or semicolons. */
function sniffDelimiter(text: string): number {
  const firstLine = text.slice(0, Math.min(text.length, 4000)).split(/\r?\n|\r/, 1)[0] ?? '';
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const commas = count(',');
  const tabs = count('\t');
  const semis = count(';');
  if (tabs > commas && tabs >= semis) return 9;
  if (semis > commas && semis > tabs) return 59;
  return 44;
}

/** A header cell as compared: surrounding (also full-width and zero-width) spaces dropped. */
export const normalizeHeader = (v: Cell) => cellText(v).replace(/[\s\u3000\u200b\ufeff]+/g, '');

/** Compares a header row with the ledger's columns; lists what is missing, unknown, repeated or out of order. */
export function checkHeaders(
  header: Cell[],
): { ok: true } | { ok: false; missing: string[]; unknown: string[]; duplicate: string[]; misplaced: { column: number; expected: string; actual: string }[] } {
  const actual = header.map(normalizeHeader);
  while (actual.length && actual[actual.length - 1] === '') actual.pop();
  const expected: readonly string[] = ledgerHeaders;
  const missing = expected.filter((h) => !actual.includes(h));
  const unknown = [...new Set(actual.filter((h) => !expected.includes(h)).map((h) => h || '（空白）'))];
  const duplicate = [...new Set(actual.filter((h, i) => h && actual.indexOf(h) !== i))];
  const misplaced: { column: number; expected: string; actual: string }[] = [];
  if (!missing.length && !unknown.length && !duplicate.length) {
    expected.forEach((h, i) => {
      if (actual[i] !== h) misplaced.push({ column: i + 1, expected: h, actual: actual[i] ?? '' });
    });
  }
  if (!missing.length && !unknown.length && !duplicate.length && !misplaced.length) return { ok: true };
  return { ok: false, missing, unknown, duplicate, misplaced };
}

// ---------------------------------------------------------------------------------------------
// Reading a whole file

export interface ReadResult {
  kind: FileKind;
  encoding: string | null;
  header: Cell[];
  /** The data rows, up to `maxRows`; empty rows are skipped. */
  rows: RawRow[];
  /** Every non-empty data row, also those past `maxRows` (counted up to COUNT_CAP). */
  count: number;
  /** True when counting stopped at COUNT_CAP (the file has even more rows). */
  countCapped: boolean;
}

/** Past the limit rows are only counted, and only this far: a crafted file cannot keep the reader busy for ever. */
export const COUNT_CAP = 1_000_000;

const isEmptyRow = (cells: Cell[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

/** Reads the header only, to refuse a wrong file while the upload request is still open. */
export async function readHeader(buf: Buffer, fileName: string): Promise<{ kind: FileKind; header: Cell[] }> {
  const r = await readLedger(buf, fileName, { maxRows: 0, headerOnly: true });
  return { kind: r.kind, header: r.header };
}

export interface ReadOptions {
  maxRows: number;
  headerOnly?: boolean;
  /**
   * Hands the data rows over in chunks as they are read (they are then not kept in `rows`), so
   * their checking can start while the file is still being read (the import's pipeline).
   */
  onRows?: (rows: RawRow[]) => void;
  chunkSize?: number;
}

export async function readLedger(buf: Buffer, fileName: string, opts: ReadOptions): Promise<ReadResult> {
  const kind = detectKind(buf, fileName);
  const rows: RawRow[] = [];
  let pending: RawRow[] = [];
  const chunkSize = opts.chunkSize ?? 500;
  let header: Cell[] | null = null;
  let count = 0;
  let countCapped = false;
  const take = (row: number, cells: Cell[]): boolean => {
    if (header === null) {
      if (isEmptyRow(cells)) return true;
      header = cells;
      return !opts.headerOnly;
    }
    if (isEmptyRow(cells)) return true;
    count++;
    if (count <= opts.maxRows) {
      if (!opts.onRows) rows.push({ row, cells });
      else if (pending.push({ row, cells }) >= chunkSize) {
        opts.onRows(pending);
        pending = [];
      }
    }
    if (count >= COUNT_CAP) {
      countCapped = true;
      return false;
    }
    return true;
  };
  const flush = () => {
    if (opts.onRows && pending.length) opts.onRows(pending);
    pending = [];
  };

  if (kind === 'csv') {
    const { text, encoding } = decodeText(buf);
    parseCsv(text, (fields, recordNo) => (take(recordNo, fields) ? undefined : false));
    if (!header) throw new LedgerFileError('ledger.file_empty');
    flush();
    return { kind, encoding, header, rows, count, countCapped };
  }

  await readXlsxRetrying(buf, take);
  if (!header) throw new LedgerFileError('ledger.file_empty');
  flush();
  return { kind, encoding: null, header, rows, count, countCapped };
}

type SheetInfo = { name: string; state?: string };

/** Re-chunks a byte stream as text without ever splitting a multi-byte character. */
async function* utf8Chunks(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

type EntryStream = NodeJS.ReadableStream & { setEncoding(enc: BufferEncoding): unknown };

/**
 * exceljs 4.4's streaming reader decodes each inflated chunk (16 KB) on its own, so a Chinese
 * character that straddles two chunks becomes U+FFFD (exceljs issues #2063, #2084; unfixed
 * upstream). Here every XML part reaches the parser as text decoded across chunk boundaries.
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseWorkbook(entry: EntryStream) {
    entry.setEncoding('utf8');
    return (ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as { _parseWorkbook(e: EntryStream): Promise<void> })._parseWorkbook.call(this, entry);
  }
  _parseSharedStrings(entry: EntryStream) {
    entry.setEncoding('utf8');
    return (ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as { _parseSharedStrings(e: EntryStream): AsyncGenerator<unknown> })._parseSharedStrings.call(this, entry);
  }
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    return (ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as { _parseWorksheet(i: AsyncIterable<string>, n: string): Generator<unknown> })._parseWorksheet.call(
      this,
      utf8Chunks(iterator),
      sheetNo,
    );
  }
}

/** Streams the data sheet row by row; `take` returns false to stop. */
/**
 * exceljs's streaming reader fails now and then on a good file (exceljs issue 3064 reports a race
 * between the workbook entry and the first sheet; our suite saw a two-row ledger written by exceljs
 * come back "unreadable" twice in two full runs under load, 0 in 800 reads alone). Such a failure
 * comes before any row is taken, so the read is tried
 * again from the start, up to three times, before the file is called unreadable; a failure after a
 * row was taken is the file's.
 */
async function readXlsxRetrying(buf: Buffer, take: (row: number, cells: Cell[]) => boolean): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    let took = false;
    try {
      await readXlsx(buf, (row, cells) => {
        took = true;
        return take(row, cells);
      });
      return;
    } catch (err) {
      if (err instanceof LedgerFileError) throw err;
      if (took || attempt >= 3) throw new LedgerFileError('ledger.file_unreadable');
    }
  }
}

async function readXlsx(buf: Buffer, take: (row: number, cells: Cell[]) => boolean): Promise<void> {
  const reader = new Utf8WorkbookReader(Readable.from([buf]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let target: string | null | undefined;
  for await (const ws of reader) {
    if (target === undefined) {
      const sheets = ((reader as unknown as { model?: { sheets?: SheetInfo[] } }).model?.sheets ?? []) as SheetInfo[];
      target = (sheets.find((s) => s.name === DATA_SHEET) ?? sheets.find((s) => !s.state || s.state === 'visible'))?.name ?? null;
    }
    const name = (ws as unknown as { name?: string }).name;
    if (target !== null && name !== target) continue;
    for await (const row of ws) {
      const values = (row as unknown as { values: unknown[] }).values ?? [];
      const cells: Cell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(normalizeXlsxValue(values[i]));
      if (!take((row as unknown as { number: number }).number, cells)) return;
    }
    return;
  }
  // The loop returns once the data sheet is read: here no sheet was it.
  throw new LedgerFileError('ledger.file_empty');
}

function normalizeXlsxValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string; formula?: string; sharedFormula?: string };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
    if ('formula' in o || 'sharedFormula' in o) return normalizeXlsxValue(o.result);
    if (o.error) return o.error;
    if (o.text !== undefined) return normalizeXlsxValue(o.text);
  }
  return String(v);
}
