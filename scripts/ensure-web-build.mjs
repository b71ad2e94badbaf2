// `npm start` serves the built web app. Build it when it is missing or older than its sources,
// so a fresh clone needs only `npm install && npm start`.
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';

const out = path.resolve(process.env.SUNFLOWER_WEB_DIR ?? 'dist/web', 'index.html');
const sources = ['web', 'core', 'vite.config.ts'];

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

const built = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
if (built < Math.max(...sources.map(newest))) {
  console.log('Building the web app (first start or sources changed)…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}
