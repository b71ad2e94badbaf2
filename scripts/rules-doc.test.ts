// docs/rules.md stays true: every rule ID a test cites has a row there, and every file a row
// names exists and cites that ID (so a renamed file or a dropped citation fails here).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
// The rule families of RULES.md and how many rules each has.
const FAMILIES: Record<string, number> = { M: 10, C: 11, T: 7, F: 4, D: 6, K: 18, P: 7 };
const ID = /\b([MCTFDKP])(\d{1,2})\b/g;

function citedIds(text: string): Set<string> {
  const ids = new Set<string>();
  for (const m of text.matchAll(ID)) {
    const n = Number(m[2]);
    if (n >= 1 && n <= FAMILIES[m[1]!]!) ids.add(`${m[1]}${n}`);
  }
  return ids;
}

function testFiles(): string[] {
  return ['server', 'core', 'web', 'e2e', 'scripts'].flatMap((dir) =>
    (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.test.ts') && !f.includes('node_modules')).map((f) => path.join(dir, f)),
  );
}

/** The rows of docs/rules.md: ID → the files named in its "Where" and "Proved by" cells. */
function rows(): Map<string, { where: string[]; provedBy: string[] }> {
  const doc = fs.readFileSync(path.join(root, 'docs/rules.md'), 'utf8');
  const out = new Map<string, { where: string[]; provedBy: string[] }>();
  for (const line of doc.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 6 || !/^[MCTFDKP]\d{1,2}$/.test(cells[1]!)) continue;
    const files = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    out.set(cells[1]!, { where: files(cells[3]!), provedBy: files(cells[4]!) });
  }
  return out;
}

// This file names rule families in its own text; it proves none of them.
const SELF = path.join('scripts', 'rules-doc.test.ts');

describe('docs/rules.md', () => {
  const listed = rows();

  it('lists rules', () => {
    expect(listed.size).toBeGreaterThan(20);
  });

  it('has a row for every rule ID a test cites', () => {
    const missing = testFiles()
      .filter((f) => f !== SELF)
      .flatMap((f) => [...citedIds(fs.readFileSync(path.join(root, f), 'utf8'))].filter((id) => !listed.has(id)).map((id) => `${id} (cited in ${f})`));
    expect(missing).toEqual([]);
  });

  it('names only files that exist and cite the rule', () => {
    const wrong: string[] = [];
    for (const [id, { where, provedBy }] of listed) {
      for (const f of [...where, ...provedBy]) {
        const full = path.join(root, f);
        if (!fs.existsSync(full)) wrong.push(`${id}: ${f} does not exist`);
        else if (!citedIds(fs.readFileSync(full, 'utf8')).has(id)) wrong.push(`${id}: ${f} does not cite it`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
