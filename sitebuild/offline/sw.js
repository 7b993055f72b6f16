// Service worker of the guide, generated at build time by sitebuild/offline/build.py (do not edit site/sw.js).
// Maintainer guide: dev/offline.md. Scope: the site root (zh at /, en at /en/).
// Rule one: the worker never stands between a reader and the network's answer.
//   * Every response from the network is returned at once; a copy is stored in the background
//     (event.waitUntil), and a failed store (full disk, quota) is caught and forgotten. A fetch
//     error and a cache-write error are never confused: a full disk never fails a fetch and never
//     serves a stale page over a fresh one.
//   * Pages and everything not content-addressed: network first, the cache only when the network
//     fails; a navigation with nothing cached gets the edition's offline page (the pages it holds).
//   * Content-addressed files (Material's hashed bundles, /pyodide/<version>-<digest>/,
//     /wheels/<sha256>/): cache first. A request with cache "reload" / "no-cache" (the calculator's
//     worker refetching a damaged file) always goes to the network.
//   * Cache keys never hold the URL fragment (#calc= carries the reader's figures).
//   * A page tells the worker its edition (offline.js); the worker then keeps every page of that
//     edition and the other edition's home page. An edition counts as held only when its marker
//     entry is stored, which only a complete precache writes. The precache waits while a page
//     says it is busy (its calculator engine is loading): it never competes with that download.
//   * A new version carries unchanged files over from the old cache by per-file hash (MANIFEST) and
//     revalidates the rest (cache "no-cache": a 304 when unchanged).
//   * The calculator runtime is kept once used (one cache per immutable folder). If the reader had it,
//     a new version fetches the new runtime files on install, so "Save for offline use" survives.
// Caches: weilidai-pages-<version> (pages), weilidai-runtime-<folder> (runtime); on activate every
// other cache of this site is deleted. Retiring the site: see sitebuild/offline/retire-sw.js.
const MANIFEST = /*MANIFEST*/ {};
const VERSION = MANIFEST.version;
const PREFIX = "weilidai-";
const PAGES = `${PREFIX}pages-${VERSION}`;
const RUNTIME_PREFIX = `${PREFIX}runtime-`;
const SCOPE = new URL(self.registration.scope);
const url = (path) => new URL(path, SCOPE).href;
const RUNTIME_DIRS = MANIFEST.runtimeDirs.map(url);
const runtimeCacheName = (dir) => RUNTIME_PREFIX + new URL(dir).pathname;
const RUNTIME_CACHES = RUNTIME_DIRS.map(runtimeCacheName);
const HASHED = /\.[0-9a-f]{8,}\.min\.(js|css)$/;
const marker = (edition) => url(`__weilidai/edition-${edition}`);
const HASHES = url("__weilidai/hashes");

/** The URL a response is kept under: no fragment. */
function keyOf(request) {
  const where = new URL(request.url);
  where.hash = "";
  return where.href;
}

/** Store a copy without delaying the answer; a failed write (quota, disk) costs only the copy. */
function keep(event, cacheName, key, response) {
  if (!response.ok || response.type !== "basic" || response.status !== 200) return;
  const copy = response.clone();
  event.waitUntil(caches.open(cacheName).then((c) => c.put(key, copy)).catch(() => {}));
}

/** {path: hash} of the files an older version stored, from the newest older pages cache. */
async function olderCaches() {
  const found = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith(`${PREFIX}pages-`) || name === PAGES) continue;
    const cache = await caches.open(name);
    const listed = await cache.match(HASHES);
    found.push({ cache, hashes: listed ? await listed.json().catch(() => ({})) : {} });
  }
  return found;
}

/** Store every file of ``edition`` (once: its marker says it is complete). ``older``: the old
 * versions' caches to carry unchanged files from (read here when not given). */
async function precache(edition, older) {
  const files = MANIFEST.editions[edition];
  if (!files) return false;
  const cache = await caches.open(PAGES);
  if (await cache.match(marker(edition))) return true;
  if (!older) older = await olderCaches();
  const missing = [];
  for (const [path, hash] of Object.entries(files)) {
    const key = url(path);
    if (await cache.match(key)) continue;
    let carried = false;
    for (const old of older) {
      if (old.hashes[path] !== hash) continue;
      const hit = await old.cache.match(key);
      if (hit) {
        await cache.put(key, hit);
        carried = true;
        break;
      }
    }
    if (!carried) missing.push(key);
  }
  await fetchAll(cache, missing);
  await cache.put(HASHES, new Response(JSON.stringify(allHashes()), { headers: { "Content-Type": "application/json" } }));
  await cache.put(marker(edition), new Response(edition));
  return true;
}

// The precache never shares the link with a download the reader waits for: a page whose
// calculator engine is loading says {type: "busy", busy: true} (offline.js), and no precache request
// starts until no open page is busy. A page closed while busy, or busy for longer than BUSY_MAX_MS
// (the widget gives up on a stalled engine after 40 s), holds the precache no longer.
const busy = new Map(); // client id -> when it said busy (ms)
const BUSY_MAX_MS = 120000;
const PRECACHE_AT_ONCE = 4; // requests in flight: a page is a few kB, a round trip on a phone 150 ms

async function quiet() {
  while (busy.size) {
    const open = new Set((await self.clients.matchAll({ includeUncontrolled: true })).map((c) => c.id));
    for (const [id, since] of busy) {
      if (!open.has(id) || Date.now() - since > BUSY_MAX_MS) busy.delete(id);
    }
    if (busy.size) await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Fetch and store ``urls``, a few at a time, each only while no page is busy. Stored as they arrive:
 * a precache cut short keeps what it got (no marker, so it resumes with the rest next time). */
async function fetchAll(cache, urls) {
  const queue = [...urls];
  const one = async () => {
    while (queue.length) {
      await quiet();
      const target = queue.shift();
      if (!target) return;
      // "no-cache": revalidated with the server (304 when unchanged), never a stale HTTP-cached copy.
      const request = new Request(target, { cache: "no-cache" });
      const response = await fetch(request);
      if (!response.ok) throw new Error(`${target}: HTTP ${response.status}`);
      await cache.put(request, response);
    }
  };
  await Promise.all(Array.from({ length: PRECACHE_AT_ONCE }, one));
}

function allHashes() {
  const out = {};
  for (const files of Object.values(MANIFEST.editions)) Object.assign(out, files);
  return out;
}

async function otherHomes(edition) {
  const cache = await caches.open(PAGES);
  for (const e of Object.keys(MANIFEST.homes)) {
    if (e === edition) continue;
    for (const path of MANIFEST.editionHome[e]) {
      if (await cache.match(url(path))) continue;
      await quiet();
      await cache.add(new Request(url(path), { cache: "no-cache" }));
    }
  }
}

async function editionsHeldBefore(older) {
  const held = [];
  for (const old of older) {
    for (const edition of Object.keys(MANIFEST.homes)) {
      if (!held.includes(edition) && (await old.cache.match(marker(edition)))) held.push(edition);
    }
  }
  return held;
}

/** The reader had the calculator runtime: fetch the new version's runtime files now, so the
 * calculator still works offline after the update (unchanged folders keep their cache). */
async function carryRuntime() {
  const names = (await caches.keys()).filter((n) => n.startsWith(RUNTIME_PREFIX));
  if (!names.length) return;
  for (const path of MANIFEST.runtimeFiles) {
    const key = url(path);
    const dir = RUNTIME_DIRS.find((d) => key.startsWith(d));
    if (!dir) continue;
    const cache = await caches.open(runtimeCacheName(dir));
    if (!(await cache.match(key))) await cache.add(key);
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    try {
      const older = await olderCaches();
      for (const edition of await editionsHeldBefore(older)) await precache(edition, older);
      await carryRuntime();
    } catch (err) {
      // offline or out of space: the new version works without them; pages refill as they are read
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== PAGES && !RUNTIME_CACHES.includes(name)) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const msg = event.data || {};
  if (msg.type === "busy" && event.source) {
    if (msg.busy) busy.set(event.source.id, Date.now());
    else busy.delete(event.source.id);
    return;
  }
  if (msg.type !== "edition") return;
  event.waitUntil((async () => {
    let ok = false;
    try {
      ok = await precache(msg.edition);
      await otherHomes(msg.edition);
    } catch (err) {
      ok = false;
    }
    if (event.source) event.source.postMessage({ type: ok ? "cached" : "not-cached", edition: msg.edition, version: VERSION });
  })());
});

async function cacheFirst(event, cacheName) {
  const request = event.request;
  const key = keyOf(request);
  const refetch = request.cache === "reload" || request.cache === "no-cache";
  if (!refetch) {
    try {
      const hit = await (await caches.open(cacheName)).match(key);
      if (hit) return hit;
    } catch (err) {
      // an unreadable cache is a miss
    }
  }
  const response = await fetch(request);
  keep(event, cacheName, key, response);
  return response;
}

/** The edition a URL belongs to: the longest home path that starts it. */
function editionOf(where) {
  let best = null;
  for (const [edition, home] of Object.entries(MANIFEST.homes)) {
    if (where.href.startsWith(url(home)) && (!best || home.length > MANIFEST.homes[best].length)) best = edition;
  }
  return best || Object.keys(MANIFEST.homes)[0];
}

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** The edition's offline page: what it says, and links to every page of it this device holds. */
async function offlinePage(where) {
  const edition = editionOf(where);
  const text = MANIFEST.offline[edition] || MANIFEST.offline.en;
  const cache = await caches.open(PAGES);
  const links = [];
  for (const [path, title] of Object.entries(MANIFEST.titles[edition] || {})) {
    if (await cache.match(url(path))) links.push(`<li><a href="${escape(url(path))}">${escape(title)}</a></li>`);
  }
  const body = `<!doctype html><html lang="${escape(text.lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(text.title)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6">` +
    `<h1 data-offline-fallback="${escape(edition)}">${escape(text.title)}</h1><p>${escape(text.body)}</p>` +
    `<ul>${links.join("") || `<li>${escape(text.none)}</li>`}</ul></body></html>`;
  return new Response(body, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function networkFirst(event) {
  const request = event.request;
  const key = keyOf(request);
  let response;
  try {
    response = await fetch(request);
  } catch (err) {
    let hit = null;
    try {
      const cache = await caches.open(PAGES);
      hit = await cache.match(key, { ignoreSearch: true });
      if (!hit && request.mode === "navigate") {
        const page = new URL(key);
        hit = await cache.match(new URL("index.html", page.href.endsWith("/") ? page : page.href + "/").href);
        if (!hit) hit = await offlinePage(page);
      }
    } catch (cacheErr) {
      hit = null;
    }
    if (hit) return hit;
    throw err;
  }
  // keep what is precached fresh (only what is already there: browsing does not grow the cache)
  if (response.ok && response.type === "basic" && response.status === 200) {
    const copy = response.clone(); // now: the page may have read the body by the time we store
    event.waitUntil((async () => {
      const cache = await caches.open(PAGES);
      if (await cache.match(key, { ignoreSearch: true })) await cache.put(key, copy);
    })().catch(() => {}));
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const where = new URL(request.url);
  if (where.origin !== SCOPE.origin) return; // another origin: never answered, never cached
  if (request.headers.has("range")) return;
  const dir = RUNTIME_DIRS.find((d) => request.url.startsWith(d));
  if (dir) {
    event.respondWith(cacheFirst(event, runtimeCacheName(dir)));
  } else if (HASHED.test(where.pathname)) {
    event.respondWith(cacheFirst(event, PAGES));
  } else {
    event.respondWith(networkFirst(event));
  }
});
