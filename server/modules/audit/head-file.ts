import fs from 'node:fs';
import readline from 'node:readline';

/**
 * The signed batch heads kept outside the database (RULES P7; issue 9 item 12): a JSON-lines
 * file beside the data key, one line per sealed batch, appended after the batch commits. A
 * database administrator who deletes the newest rows and their batches cannot shorten this file
 * too, and cannot forge a head without the data key. The auditor's export has the same shape.
 */
export interface HeadEntry {
  kind: 'head';
  batch: number;
  firstId: number;
  lastId: number;
  rowCount: number;
  absent: [number, number][];
  root: string;
  prevHead: string;
  head: string;
  signature: string;
  keyId: string;
  sealedAt: string;
}

export interface KeyEntry {
  kind: 'key';
  keyId: string;
  publicKeyPem: string;
}

export type HeadFileLine = HeadEntry | KeyEntry;

/** The newest head in the file, read from its tail (the file grows by one line per batch). */
export function lastHead(file: string): HeadEntry | null {
  if (!fs.existsSync(file)) return null;
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    for (let span = 4096; ; span *= 4) {
      const start = Math.max(0, size - span);
      const buf = Buffer.alloc(size - start);
      fs.readSync(fd, buf, 0, buf.length, start);
      const lines = buf
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim());
      // The first line of a partial read may be cut: only trust it when the read began at 0.
      const whole = start === 0 ? lines : lines.slice(1);
      for (let i = whole.length - 1; i >= 0; i--) {
        const entry = parseLine(whole[i]!);
        if (entry?.kind === 'head') return entry;
      }
      if (start === 0) return null;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Appends lines and flushes them to disk before returning. */
export function appendLines(file: string, lines: HeadFileLine[]): void {
  if (lines.length === 0) return;
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Every line of a head file, in order (streamed: the file may be large). */
export async function* readLines(file: string): AsyncGenerator<HeadFileLine> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) {
    n++;
    if (!text.trim()) continue;
    const entry = parseLine(text);
    if (!entry) throw new Error(`head file line ${n} is not a head`);
    yield entry;
  }
}

function parseLine(text: string): HeadFileLine | null {
  try {
    const v = JSON.parse(text) as HeadFileLine;
    return v && (v.kind === 'head' || v.kind === 'key') ? v : null;
  } catch {
    return null;
  }
}
