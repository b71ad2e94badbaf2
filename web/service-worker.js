// Sunflower's service worker (issue 17): the app shell — the page, its entry scripts and styles,
// and the field worker's round page — is cached when the worker installs, so the app opens with no
// signal. Built by vite.config.ts (`shellPlugin`), which fills in the shell list and its version.
// Only the app's own static files are cached, never an /api answer: person data kept offline lives
// sealed in IndexedDB (web/offline/store.ts) and is deleted at sign-out.
/* global self, caches, fetch, Response */
const SHELL = self.__SHELL__;
const VERSION = self.__VERSION__;
const CACHE = `sunflower-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('sunflower-shell-') && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (req.mode === 'navigate') {
    // The page: the network first (a new version shows at once), the cached shell without signal.
    event.respondWith(fetch(req).catch(() => caches.match('/', { cacheName: CACHE }).then((r) => r || Response.error())));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Hashed, immutable files: from the cache, else fetched and kept (pages opened once online work offline later).
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        cache.match(req).then(
          (hit) =>
            hit ||
            fetch(req).then((res) => {
              if (res.ok) void cache.put(req, res.clone());
              return res;
            }),
        ),
      ),
    );
    return;
  }
  event.respondWith(fetch(req).catch(() => caches.match(req, { cacheName: CACHE }).then((r) => r || Response.error())));
});
