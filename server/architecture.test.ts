// A module owns its tables (docs/architecture.md): outside its own folder, only its service and
// what it publishes for joins (relations.ts) are used. This walks the imports of every file of
// server/modules and fails on one that reaches into another module's schema.ts or queries.ts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const modulesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'modules');

interface Import {
  file: string;
  spec: string;
  target: string;
}

function filesOf(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return filesOf(p);
    return /\.(ts|tsx|mjs)$/.test(e.name) ? [p] : [];
  });
}

/** Every static import, re-export and dynamic import of a relative path, resolved to a file under server/modules. */
function importsOf(file: string): Import[] {
  const src = fs.readFileSync(file, 'utf8');
  const specs = [...src.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((spec) => ({
    file: path.relative(modulesDir, file),
    spec,
    target: path.relative(modulesDir, path.resolve(path.dirname(file), spec)).replace(/\.(js|ts)$/, ''),
  }));
}

const moduleOf = (rel: string) => rel.split(path.sep)[0]!;
const baseOf = (rel: string) => path.basename(rel);

/**
 * May `imp.file` use `imp.target`? Its own module: yes. Another module's schema or queries: no,
 * except that a schema declares foreign keys to other schemas, a module's queries scope by the
 * org paths (org's schema), and tests and test helpers may read any table to check an outcome.
 */
function allowed(imp: Import): boolean {
  const from = moduleOf(imp.file);
  const to = moduleOf(imp.target);
  if (imp.target.startsWith('..') || from === to) return true;
  const kind = baseOf(imp.target);
  if (kind !== 'schema' && kind !== 'queries') return true;
  const name = baseOf(imp.file);
  if (kind === 'schema' && name === 'schema.ts') return true;
  if (kind === 'schema' && to === 'org' && name === 'queries.ts') return true;
  return /\.test\.ts$/.test(name) || /^(test-|fixtures)/.test(name);
}

describe('module boundaries', () => {
  const imports = filesOf(modulesDir).flatMap(importsOf);

  it('finds the imports it judges', () => {
    // Guards the walk itself: a regex that matched nothing would pass every rule below.
    expect(imports.length).toBeGreaterThan(200);
    expect(imports.some((i) => i.target === path.join('persons', 'relations'))).toBe(true);
  });

  it("no module's code imports another module's schema.ts or queries.ts", () => {
    const leaks = imports.filter((i) => !allowed(i)).map((i) => `${i.file} → ${i.spec}`);
    expect(leaks).toEqual([]);
  });

  it('judges a leak as one', () => {
    expect(allowed({ file: path.join('supervision', 'queries.ts'), spec: '../persons/schema', target: path.join('persons', 'schema') })).toBe(false);
    expect(allowed({ file: path.join('ledger', 'service.ts'), spec: '../persons/queries', target: path.join('persons', 'queries') })).toBe(false);
    expect(allowed({ file: path.join('supervision', 'service.ts'), spec: '../persons/service', target: path.join('persons', 'service') })).toBe(true);
  });
});
