import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Compression of every text response (issue 17 §6): a grid worker on 1.6 Mbps waits on bytes,
 * not on our CPU. Brotli at quality 5 rather than zlib's default 11: on the 1.3 MB antd bundle 11
 * costs about a second of CPU per request for a few per cent fewer bytes; 5 keeps most of the gain.
 * Small bodies (under 1 KB) go as they are: the headers would outweigh the saving.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
    zlibOptions: { level: 6 },
  });
}

/** What a browser may keep: hashed assets forever (their name changes with their content), the HTML never. */
export function cacheControlFor(file: string): string {
  return file.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** The built web app: files by name, and index.html for every other non-API path (client routing). */
export function serveWebApp(app: FastifyInstance, webDir: string): void {
  const root = path.resolve(webDir);
  void app.register(fastifyStatic, { root, serve: false });
  app.get('/*', { config: { access: { permission: 'public', scope: 'none' } }, schema: { hide: true } }, (req, reply) => {
    const url = (req.params as { '*': string })['*'] ?? '';
    if (url.startsWith('api/') || url === 'api') return reply.callNotFound();
    const file = path.normalize(url).replace(/^(\.\.(\/|\\|$))+/, '');
    const full = path.join(root, file);
    // @fastify/static writes its own `cache-control: public, max-age=0` unless told not to, which
    // is what made the immutable header of the hashed assets vanish (issue 17).
    if (file && full.startsWith(root) && fs.existsSync(full) && fs.statSync(full).isFile()) {
      return reply.header('cache-control', cacheControlFor(file)).sendFile(file, { cacheControl: false });
    }
    if (!fs.existsSync(path.join(root, 'index.html'))) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The web app is not built yet: run `npm run build` (npm start does it for you).');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
}
