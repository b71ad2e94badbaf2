// Every package the code imports is declared in package.json (issue 10: web/components/dates.ts
// once imported dayjs, which worked only because antd pulled it in). What the server and the
// shared core import at run time must be a dependency, not a devDependency: a production
// install (`npm ci --omit=dev`) has no devDependencies.
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const SOURCE_DIRS = ['server', 'core', 'web', 'e2e', 'bench', 'scripts'];

function sourceFiles(dir: string): string[] {
  return (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[])
    .filter((f) => /\.(ts|tsx|mjs|js)$/.test(f) && !f.split(path.sep).includes('node_modules'))
    .map((f) => path.join(dir, f));
}

/** The bare package names a file imports (static, side-effect, re-export and dynamic imports). */
function importedPackages(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const patterns = [
    /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm, // import … from <package>, over several lines too
    /^\s*import\s*['"]([^'"]+)['"]/gm, // import <package>, for its side effects
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, // await import(<package>)
  ];
  const specs = patterns.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!));
  return specs
    .filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:') && !builtinModules.includes(s.split('/')[0]!))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
}

const files = [...SOURCE_DIRS.flatMap(sourceFiles), ...fs.readdirSync(root).filter((f) => /\.(ts|js)$/.test(f))];
/** Run-time code of the server and the core: not tests, not test helpers. */
const isRuntime = (f: string) => /^(server|core)\//.test(f.split(path.sep).join('/')) && !/\.test\.ts$/.test(f) && !f.split(path.sep).join('/').startsWith('server/test/');

describe('declared packages', () => {
  it('finds the imports it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(importedPackages('server/app.ts')).toContain('fastify');
  });

  it('every imported package is in dependencies or devDependencies', () => {
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
    const missing = files.flatMap((f) =>
      importedPackages(f)
        .filter((p) => !declared.has(p))
        .map((p) => `${f}: ${p}`),
    );
    expect(missing).toEqual([]);
  });

  it('the server and the core import at run time only dependencies', () => {
    const runtime = new Set(Object.keys(pkg.dependencies));
    const dev = files.filter(isRuntime).flatMap((f) =>
      importedPackages(f)
        .filter((p) => !runtime.has(p))
        .map((p) => `${f}: ${p}`),
    );
    expect(dev).toEqual([]);
  });
});
