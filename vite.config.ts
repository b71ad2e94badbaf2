import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Emits sw.js (web/service-worker.js) with the app shell to cache at install (issue 17): the
 * page, the entry chunk and what it imports, their styles, and the lazy chunks of `shellPages`
 * with their imports — so the app opens offline; other pages' chunks are cached the first time they load.
 */
/** Lazy chunks the app cannot open without, offline: the app itself (main.tsx loads it), the layout, sign-in, the start page, the round. */
const shellPages = ['/App.tsx', '/components/AppLayout.tsx', '/pages/login/LoginPage.tsx', '/pages/supervision/Landing.tsx', '/pages/field/FieldPage.tsx'];

function shellPlugin(): Plugin {
  return {
    name: 'sunflower-shell',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = new Set<string>(['/', '/favicon.svg', '/manifest.webmanifest']);
      const visit = (name: string) => {
        const c = bundle[name];
        if (!c || c.type !== 'chunk' || files.has(`/${name}`)) return;
        files.add(`/${name}`);
        for (const css of c.viteMetadata?.importedCss ?? []) files.add(`/${css}`);
        for (const dep of c.imports) visit(dep);
      };
      for (const [name, c] of Object.entries(bundle)) {
        if (c.type === 'chunk' && (c.isEntry || shellPages.some((p) => c.facadeModuleId?.endsWith(p)))) visit(name);
      }
      const shell = [...files].sort();
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 16);
      const source = fs.readFileSync(here('./web/service-worker.js'), 'utf8').replace('self.__SHELL__', JSON.stringify(shell)).replace('self.__VERSION__', JSON.stringify(version));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  root: here('./web'),
  plugins: [react(), shellPlugin()],
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    // antd alone is larger than the default 500 kB limit; pages are split by route.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
