import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness';
import { cacheControlFor } from './web-app';

// Issue 17 §6: compressed text, immutable hashed assets, HTML never cached.
describe('serving the web app on a weak signal', () => {
  let t: TestApp;
  let webDir: string;
  const bundle = `export const labels = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ code: `c${i}`, zh: '向日葵工作站', en: 'Sunflower station' })))};\n`;

  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'assets', 'index-3f9a1c.js'), bundle);
    fs.writeFileSync(path.join(webDir, 'index.html'), `<!doctype html><html><head><title>向日葵</title></head><body>${'<div></div>'.repeat(200)}</body></html>`);
    t = await startTestApp('pglite', { SUNFLOWER_WEB_DIR: webDir });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('sends a hashed asset brotli-compressed and cached as immutable', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-3f9a1c.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const body = zlib.brotliDecompressSync(res.rawPayload).toString('utf8');
    expect(body).toBe(bundle);
    expect(res.rawPayload.length).toBeLessThan(bundle.length / 5);
  });

  it('falls back to gzip for a client without brotli, and to plain bytes for one without either', async () => {
    const gz = await t.app.inject({ method: 'GET', url: '/assets/index-3f9a1c.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString('utf8')).toBe(bundle);
    const plain = await t.app.inject({ method: 'GET', url: '/assets/index-3f9a1c.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(bundle);
  });

  it('never lets the HTML be cached, for its own path and for a client route', async () => {
    for (const url of ['/index.html', '/persons/123']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('gzip');
      expect(zlib.gunzipSync(res.rawPayload).toString('utf8')).toContain('<title>向日葵</title>');
    }
  });

  it('compresses API answers too, and leaves small ones as they are', async () => {
    const big = await t.app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(big.rawPayload).toString('utf8')).openapi).toMatch(/^3\./);
    const small = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('decides the cache header by the path: only hashed assets are kept', () => {
    expect(cacheControlFor('assets/vendor-antd-91ab.js')).toContain('immutable');
    expect(cacheControlFor('index.html')).toBe('no-cache');
    expect(cacheControlFor('manifest.webmanifest')).toBe('no-cache');
    expect(cacheControlFor('sw.js')).toBe('no-cache');
  });
});
