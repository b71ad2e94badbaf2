// A spreadsheet cell as the ledger reads it, and its text and date forms. Pure and small: the
// import's worker threads load it without the workbook reader.

/** A cell as read: text, a number, a date (Excel date cells), or empty. */
export type Cell = string | number | Date | null;
export interface RawRow {
  /** The row number as the spreadsheet shows it; the header is row 1. */
  row: number;
  cells: Cell[];
}
/** Plain text of a cell; numbers keep all their digits (no exponent for integers). */
export function cellText(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(Math.round(v)).toString() : String(v);
  return isoOfDate(v);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** Excel stores dates without a zone and exceljs reads them as UTC: the UTC calendar date is the one typed. */
export const isoOfDate = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

function validYmd(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * A date cell: an Excel date, an Excel serial number, or text as 'YYYY-MM-DD', 'YYYY/M/D',
 * 'YYYY.M.D', 'YYYY年M月D日' or 'YYYYMMDD' (a time after it is ignored). Null if not a date.
 */
export function parseDateCell(v: Cell): string | null {
  if (v === null) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : isoOfDate(v);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 19000101 && v <= 22001231) return validYmd(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
    if (v >= 1 && v < 2958466) return isoOfDate(new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86_400_000));
    return null;
  }
  const s = v
    .trim()
    .replace(/\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '')
    .replace(/T.*$/, '');
  let m = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/.exec(s) ?? /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/.exec(s);
  if (m) return validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}
