// Service worker of the guide, generated at build time by scripts/offline.py (do not edit site/sw.js).
// Scope: the site root, so it covers the Chinese edition at / and the English one at /en/.
//   * Pages (HTML) and everything not content-addressed: network first, the cache when offline.
//   * Content-addressed files (Material's hashed bundles, /pyodide/<version>-<digest>/,
//     /wheels/<digest>/): cache first.
//   * A page tells the worker its edition (offline.js); the worker then caches every page of that
//     edition, its assets, its search index and the other edition's home page ("precache").
//   * The calculator runtime (Pyodide, the wheel) is never precached: it is kept once a page has
//     fetched it (the calculator was used, or "Save for offline use" was pressed).
//   * Requests to any other origin are not touched, so nothing from another origin is cached.
// Caches are named by version: a new build changes VERSION (a hash of every precached file), the
// new worker fills a new cache for the editions the old one held, and on activate every other
// cache of this site is deleted.
const MANIFEST = /*MANIFEST*/ {};
const VERSION = MANIFEST.version;
const PREFIX = "weilidai-";
const PAGES = `${PREFIX}pages-${VERSION}`;
const RUNTIME = `${PREFIX}runtime-${MANIFEST.runtime}`;
const SCOPE = new URL(self.registration.scope);
const url = (path) => new URL(path, SCOPE).href;
const RUNTIME_PATHS = MANIFEST.runtimePaths.map(url);
const HASHED = /\.[0-9a-f]{8,}\.min\.(js|css)$/;

async function precache(edition) {
  const files = MANIFEST.editions[edition];
  if (!files) return false;
  const cache = await caches.open(PAGES);
  const missing = [];
  for (const path of files) if (!(await cache.match(url(path)))) missing.push(url(path));
  // cache: "reload" so that a stale HTTP-cached copy is not stored under the new version.
  await cache.addAll(missing.map((u) => new Request(u, { cache: "reload" })));
  return true;
}

async function editionsHeldBefore() {
  const held = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith(`${PREFIX}pages-`) || name === PAGES) continue;
    const old = await caches.open(name);
    for (const [edition, home] of Object.entries(MANIFEST.homes)) {
      if (!held.includes(edition) && (await old.match(url(home)))) held.push(edition);
    }
  }
  return held;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    for (const edition of await editionsHeldBefore()) await precache(edition);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== PAGES && name !== RUNTIME) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const msg = event.data || {};
  if (msg.type !== "edition") return;
  event.waitUntil((async () => {
    let ok = false;
    try {
      ok = await precache(msg.edition);
      const other = Object.keys(MANIFEST.homes).filter((e) => e !== msg.edition);
      const cache = await caches.open(PAGES);
      for (const e of other) {
        for (const path of MANIFEST.editionHome[e]) {
          if (!(await cache.match(url(path)))) await cache.add(new Request(url(path), { cache: "reload" }));
        }
      }
    } catch (err) {
      ok = false;
    }
    if (event.source) event.source.postMessage({ type: ok ? "cached" : "not-cached", edition: msg.edition, version: VERSION });
  })());
});

async function cacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic" && (await cache.match(request, { ignoreSearch: true }))) {
      await cache.put(request, response.clone()); // keep what is precached fresh
    }
    return response;
  } catch (err) {
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    if (request.mode === "navigate") {
      const page = new URL(request.url);
      const index = await cache.match(new URL("index.html", page.href.endsWith("/") ? page : page.href + "/").href);
      if (index) return index;
    }
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const where = new URL(request.url);
  if (where.origin !== SCOPE.origin) return; // another origin: never answered, never cached
  if (request.headers.has("range")) return;
  if (RUNTIME_PATHS.some((p) => request.url.startsWith(p))) {
    event.respondWith(cacheFirst(request, RUNTIME));
  } else if (HASHED.test(where.pathname)) {
    event.respondWith(cacheFirst(request, PAGES));
  } else {
    event.respondWith(networkFirst(request));
  }
});
