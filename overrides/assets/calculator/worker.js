// Module worker that runs the calculators package on Pyodide, off the page's main thread.
// Protocol (all messages are plain objects):
//   page -> worker  {type: "init", pyodide: <dir URL>, wheel: <wheel URL>, render: <.py URL>,
//                   lock: <trimmed lock object>, sizes: {total, files: {name: [bytes, brotli]}}}
//   worker -> page  {type: "progress", stage: "runtime" | "download" (as bytes arrive, with
//                   done/total brotli bytes) | "starting" (every byte in; Pyodide began while the
//                   wasm streamed) | "working" (with a step name: each step of the start done; see
//                   "Words while the engine works") |
//                   "package"}, then {type: "ready", ms, boot: "snapshot" |
//                   "scratch" (how Python started; see the memory snapshot below)}
//                   or {type: "failed", kind, done, total, detail}, kind one of "network" (a download
//                   failed: retry), "integrity" (a file arrived damaged: dropped, fetched again, retry),
//                   "stale" (a runtime file is gone or changed on the server: the site was updated, the
//                   page must reload), "unsupported" (no WebAssembly here), "engine" (Python failed to
//                   start after WebAssembly compiled: retry; never the browser's fault)
//   page -> worker  {type: "compute", id, mode, inputs: {name: text}, lang: "zh" | "en"}
//   worker -> page  {type: "result", id, ok, html, text, field, ms}
// The wheel is installed with unpackArchive(bytes, "wheel") (as loadPackage(url) would, without
// the package manager: it has no dependencies). Nothing here talks to any host but the site's
// own: Pyodide, the wheel and the renderer are
// fetched from the URLs the page gives, which the page derives from its own location.
// Pyodide's private APIs and the fetch replacement live in pyodide_private.js (see dev/offline.md).
import { answerFetchesFrom, growForSnapshot, releaseSnapshot, snapshotOptions, takeSnapshot } from "./pyodide_private.js";

let run = null; // Python callable run(mode, inputs_json, lang) -> JSON text, once ready
let starting = null;
let computed = 0; // computations answered

// Run in steps, in one namespace, with a word after each (see "Words while the engine works").
const BOOT_STEPS = [`
import json
import calculators.web as _web
`, `
import calculator_render as _render
`, `
from calculators.labels import LABELS as _LABELS

def run(mode, inputs_json, lang):
    result = _web.compute(mode, json.loads(inputs_json))
    return json.dumps(_render.live_result(result, lang, _LABELS), ensure_ascii=False)
run
`];
const BOOT = BOOT_STEPS.join("");

// Downloads (issue 12). The worker fetches the runtime's files itself, reading each body as it
// arrives, so the page can show bytes of the total and tell a network failure from a stalled
// engine. The wasm is the exception that matters for speed: Pyodide gets the real fetch Response
// (see servedFetch), so WebAssembly.instantiateStreaming compiles while it downloads and the
// browser's wasm code cache (kept beside the HTTP / Cache Storage entry) applies on a repeat visit;
// the worker reads a clone of that response for progress and failures. The standard library is
// read here and handed to Pyodide from memory.
// Sizes come from the page (data-download, measured at build time): [bytes, brotli bytes, sha256]
// per file name; progress is reported in brotli bytes, what a host serving .br files sends.
// Integrity: each file's size and sha256 are checked against that manifest. A mismatch drops every
// cached copy (the service worker's), fetches again with cache "reload" (past the HTTP cache) and,
// when it still differs, fails honestly: "integrity" for a content-addressed file (a damaged copy
// on the server or the way), "stale" for the renderer (the site changed under the open page).
const PROGRESS_MS = 250;
const served = new Map(); // absolute URL -> Promise<Response>, answered once to Pyodide's fetch
const realFetch = answerFetchesFrom(served);
const WASM_TYPE = "application/wasm";

/** Run ``work`` (sync or async) under a User Timing measure ``name``: the benchmark
 * (bench/start_cpu.py) reads them from the worker; nothing else does. */
async function timed(name, work) {
  const begin = performance.now();
  try {
    return await work();
  } finally {
    performance.measure(name, { start: begin });
  }
}

function timedSync(name, work) {
  const begin = performance.now();
  try {
    return work();
  } finally {
    performance.measure(name, { start: begin });
  }
}

class NetworkError extends Error {}
class StaleError extends Error {} // 404/410 on a runtime file: the site was updated
class IntegrityError extends Error {} // a file arrived with the wrong size or hash

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Forget every copy the service worker keeps of ``url`` (a damaged one must not be served again). */
async function dropCached(url) {
  try {
    if (typeof caches !== "object") return;
    for (const name of await caches.keys()) if (name.startsWith("weilidai-")) await (await caches.open(name)).delete(url);
  } catch {
    // nothing kept, or storage unavailable: the refetch below bypasses it anyway
  }
}

/** instantiateStreaming insists on Content-Type application/wasm: a host that sends another type
 * gets its body re-wrapped (no streaming compile, but it still runs). */
async function asWasm(response) {
  if ((response.headers.get("Content-Type") || "").startsWith(WASM_TYPE)) return response;
  return new Response(await response.arrayBuffer(), { headers: { "Content-Type": WASM_TYPE } });
}

function downloader(sizes) {
  const files = (sizes && sizes.files) || {};
  const total = (sizes && sizes.total) || 0;
  const got = new Map(); // file name -> fraction done
  let last = 0;
  const done = () => {
    let sum = 0;
    for (const [name, fraction] of got) sum += fraction * ((files[name] || [0, 0])[1]);
    return Math.round(sum);
  };
  const report = (force) => {
    const now = performance.now();
    if (!force && now - last < PROGRESS_MS) return;
    last = now;
    self.postMessage({ type: "progress", stage: "download", done: done(), total });
  };
  const open = async (url, init) => {
    const name = url.split("/").pop();
    let response;
    try {
      response = await realFetch(url, init);
    } catch (err) {
      throw new NetworkError(`${name}: ${err.message || err}`);
    }
    if (response.status === 404 || response.status === 410) throw new StaleError(`${name}: HTTP ${response.status}`);
    if (!response.ok) throw new NetworkError(`${name}: HTTP ${response.status}`);
    return response;
  };
  /** Does ``bytes`` match the build's manifest for this file? (true when the page gave no hash) */
  const matches = async (url, bytes) => {
    const [size, , hash] = files[url.split("/").pop()] || [];
    if (!hash) return true;
    return bytes.length === size && (await timed(`sha256 ${url.split("/").pop()}`, () => sha256Hex(bytes))) === hash;
  };
  /** The file again, past every cache; throws when it still does not match. */
  const refetch = async (url, immutable) => {
    await dropCached(url);
    const bytes = await drain(url, await open(url, { cache: "reload" }), true);
    if (await matches(url, bytes)) return bytes;
    const name = url.split("/").pop();
    throw immutable ? new IntegrityError(`${name}: size or sha256 differs from the build's`)
      : new StaleError(`${name}: changed on the server`);
  };
  /** Read a body to the end, counting its bytes toward the progress; chunks kept if asked. */
  const drain = async (url, response, keep) => {
    const name = url.split("/").pop();
    const expected = (files[name] || [0])[0] || Number(response.headers.get("Content-Length")) || 0;
    const chunks = [];
    let size = 0;
    try {
      const reader = response.body.getReader();
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) break;
        if (keep) chunks.push(value);
        size += value.length;
        if (expected) got.set(name, Math.min(size / expected, 1));
        report(false);
      }
    } catch (err) {
      throw new NetworkError(`${name}: ${err.message || err}`);
    }
    got.set(name, 1);
    report(true);
    if (!keep) return null;
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return bytes;
  };
  /** A file's bytes, checked; ``immutable``: its URL is content-addressed (pyodide/, wheels/). */
  const fetchBytes = async (url, immutable = true) => {
    const bytes = await timed(`download ${url.split("/").pop()}`, async () => drain(url, await open(url), true));
    return (await matches(url, bytes)) ? bytes : refetch(url, immutable);
  };
  /** The real Response (for Pyodide) and a promise that the body arrived whole and right (read from
   * a clone). A damaged stream has already gone to Pyodide: fetch a good copy into the caches, then
   * fail with "integrity" so that retry starts from it. */
  const stream = (url) => {
    const opened = open(url);
    const response = opened.then((r) => r.clone());
    const arrived = opened.then(async (r) => {
      const bytes = await timed(`download ${url.split("/").pop()}`, () => drain(url, r, true));
      if (await matches(url, bytes)) return null;
      await refetch(url, true);
      throw new IntegrityError(`${url.split("/").pop()}: arrived damaged; a good copy is now stored`);
    });
    response.catch(() => {}); // a failure is reported through `arrived`
    return { response, arrived };
  };
  /** An ES module of the runtime: its bytes checked first (size, sha256; a damaged copy replaced),
   * then imported (from the copy just stored or the HTTP cache). */
  const importModule = async (url) => {
    await fetchBytes(url);
    try {
      return await timed(`import ${url.split("/").pop()}`, () => import(url));
    } catch (err) {
      let status = 0;
      try {
        status = (await realFetch(url, { method: "HEAD", cache: "no-cache" })).status;
      } catch {
        status = 0;
      }
      const Kind = status === 404 || status === 410 ? StaleError : NetworkError;
      throw new Kind(`${url.split("/").pop()}: ${err.message || err}`);
    }
  };
  return { fetchBytes, stream, importModule, done, total };
}

let lastDownload = null;

// Words while the engine works (issue 24's deploy-story stall). Once every byte is in, what is left of
// a start is CPU work on this worker's thread, in steps that cannot be interrupted to say anything:
// the wasm's instantiation with Emscripten's init, Python's init (the rest of loadPyodide), the wheel
// unpack, BOOT's imports, the snapshot. The page calls the engine stalled after STALL_MS without a
// word. A phone or a loaded machine gives this worker a small share of a core, and the old worker's
// silence from "starting" to "package" grew toward STALL_MS with the load (bench/engine_silence.py;
// dev/ci.md, "An open flake": the deploy story's stalls in whole CI runs). So the worker speaks at
// each step's end ({type: "progress", stage: "working", step}): the silence the page measures is one
// step's, not the whole boot's. No word comes from a timer, so a download or a step that hangs still
// ends in silence, and as "stalled".
function working(step) {
  self.postMessage({ type: "progress", stage: "working", step });
}

class UnsupportedError extends Error {}

/** A policy without 'wasm-unsafe-eval' (or a browser without WebAssembly) refuses to compile even
 * an empty module: say so at once instead of downloading 3 MB that can never run. */
function canCompileWasm() {
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    return true;
  } catch {
    return false;
  }
}

// Memory snapshot (issue 12). The first start makes one (Pyodide's _makeSnapshot: the heap after
// the interpreter booted and BOOT imported the package, ~30 MB) and keeps it in Cache Storage on
// the site's origin; a repeat visit restores it instead of booting Python and importing again
// (~0.4 s instead of ~2 s from cache on the benchmark machine). One entry for both editions (see
// snapshotKey), keyed by a hash of the Pyodide directory and wheel URLs (both versioned by
// content), every runtime file's sha256, the renderer's text and BOOT, so a new build never
// restores an old heap (Pyodide also refuses another build's snapshot). Any
// failure to read, restore or write it only costs the snapshot: the engine starts from scratch.
const SNAPSHOT_CACHE = "calculator-snapshot";
const SNAPSHOT_FORMAT = "1"; // bump when what a snapshot holds changes
const RESTORING = "-restoring"; // key suffix of the mark a restore in progress leaves
const SNAPSHOT_LOCK = "calculator-snapshot"; // Web Locks name: one tab restores or writes at a time

/** Hold the snapshot lock until the returned function is called (Web Locks work in workers and
 * across tabs). Without it, tabs opened together saw each other's restore mark and dropped the
 * snapshot. A browser without Web Locks goes on unlocked. */
function snapshotLock() {
  if (!(self.navigator && navigator.locks)) return Promise.resolve(() => {});
  return new Promise((granted) => {
    navigator.locks.request(SNAPSHOT_LOCK, () => new Promise((release) => granted(release))).catch(() => granted(() => {}));
  });
}

/** The snapshot's Cache Storage key: the same for both editions. Each edition serves its own copy
 * of this worker (/assets/… and /en/assets/…), so a key under the worker's own URL made each
 * edition drop the other's snapshot and a reader who switched language paid a full start. The
 * heap holds no edition: labels of both languages are data, the language comes with each compute.
 * So the key is what does shape the heap: the format, the shared Pyodide folder and wheel URLs
 * (versioned by content), the sha256 of every runtime file in the build's manifest (wasm,
 * standard library, modules, wheel, renderer), the renderer's text and BOOT; it lives under the
 * shared Pyodide folder, not under either edition. */
async function snapshotKey(msg, renderSource) {
  const files = (msg.sizes && msg.sizes.files) || {};
  const hashes = Object.keys(files).sort().map((name) => `${name}=${(files[name] || [])[2] || ""}`);
  const text = [SNAPSHOT_FORMAT, msg.pyodide, msg.wheel, ...hashes, renderSource, BOOT].join("\n");
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  const hex = Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
  return new URL(`calculator-snapshot/${hex}`, msg.pyodide).href;
}

/** The snapshot for ``key``, or null. A restore that never finished (a hang, a crash, or the reader
 * closing the page mid-start) leaves its mark: then the snapshot is dropped, not tried again. */
async function readSnapshot(key) {
  try {
    if (typeof caches !== "object") return null;
    const cache = await caches.open(SNAPSHOT_CACHE);
    if (await cache.match(key + RESTORING)) {
      await dropSnapshots();
      return null;
    }
    const hit = await cache.match(key);
    if (!hit) return null;
    const bytes = new Uint8Array(await hit.arrayBuffer());
    await cache.put(key + RESTORING, new Response(""));
    return bytes;
  } catch {
    return null;
  }
}

async function restored(key) {
  try {
    await (await caches.open(SNAPSHOT_CACHE)).delete(key + RESTORING);
  } catch {
    // the mark stays: the next start boots from scratch and keeps a new snapshot
  }
}

async function writeSnapshot(key, bytes) {
  const release = await snapshotLock();
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    for (const old of await cache.keys()) if (old.url !== key) await cache.delete(old);
    await cache.put(key, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
  } catch (err) {
    console.warn("calculator: snapshot not kept:", err); // quota, private mode: start from scratch
  } finally {
    release();
  }
}

async function dropSnapshots() {
  try {
    await caches.delete(SNAPSHOT_CACHE);
  } catch {
    // nothing kept, nothing to drop
  }
}

async function start(msg) {
  const t0 = performance.now();
  if (typeof WebAssembly !== "object" || !canCompileWasm()) throw new UnsupportedError("WebAssembly cannot be compiled here");
  self.postMessage({ type: "progress", stage: "runtime" });
  const dl = downloader(msg.sizes);
  lastDownload = dl;
  self.postMessage({ type: "progress", stage: "download", done: 0, total: dl.total });
  const wasmURL = msg.pyodide + "pyodide.asm.wasm";
  const stdlibURL = msg.pyodide + "python_stdlib.zip";
  // Everything at once (the browser multiplexes); any failure is a NetworkError, shown with retry.
  // allSettled, not all: after a failure the others finish, so "downloaded X / Y" counts them.
  const wasm = dl.stream(wasmURL);
  const stdlib = dl.fetchBytes(stdlibURL);
  const modules = [dl.importModule(msg.pyodide + "pyodide.mjs"), dl.importModule(msg.pyodide + "pyodide.asm.mjs")];
  const render = dl.fetchBytes(msg.render, false).then((b) => new TextDecoder().decode(b));
  const all = Promise.allSettled([...modules, wasm.arrived, stdlib, dl.fetchBytes(msg.wheel), render]).then((settled) => {
    // the most telling failure first: a gone file means reload, a damaged one retry
    const reasons = settled.filter((r) => r.status === "rejected").map((r) => r.reason);
    const failed = [StaleError, IntegrityError, NetworkError].map((k) => reasons.find((e) => e instanceof k)).find(Boolean) || reasons[0];
    if (failed) throw failed;
    self.postMessage({ type: "progress", stage: "starting", done: dl.total, total: dl.total });
    return settled.map((r) => r.value);
  });
  all.catch(() => {});
  let loadPyodide, asm, renderSource;
  try {
    [{ loadPyodide }, asm, renderSource] = await Promise.all([...modules, render]);
  } catch (err) {
    await all; // throws the first failure, once every download has settled
    throw err;
  }
  const key = await timed("snapshot key", () => snapshotKey(msg, renderSource));
  let unlock = await snapshotLock(); // held through a restore, so no other tab drops it meanwhile
  let snapshot = await timed("snapshot read", () => readSnapshot(key));
  if (!snapshot) {
    unlock();
    unlock = () => {};
  }
  // Pyodide starts while the wasm (compiled as it streams in) and the rest still arrive.
  served.set(new URL(wasmURL).href, wasm.response.then(asWasm));
  served.set(new URL(stdlibURL).href, stdlib.then((b) => new Response(b)));
  /** loadPyodide from the snapshot (or from scratch, ready to make one), then the package. */
  const boot = async () => {
    const booting = loadPyodide({
      indexURL: msg.pyodide,
      stdLibURL: stdlibURL,
      lockFileContents: msg.lock || { info: {}, packages: {} },
      createPyodideModule: async (settings) => {
        const module = await timed("wasm instantiate + emscripten init", () => asm.default(settings));
        working("instantiated");
        return growForSnapshot(module, snapshot);
      },
      ...snapshotOptions(snapshot),
    });
    const [py, values] = await Promise.all([timed("loadPyodide", () => booting), all]);
    self.postMessage({ type: "progress", stage: "package" });
    // The snapshot holds the heap, not the file system: the package and renderer go back on disk
    // (for any module imported later); the modules BOOT imported are already in sys.modules.
    const sitePackages = py.runPython("import sysconfig; sysconfig.get_path('purelib')");
    timedSync("wheel unpack", () => py.unpackArchive(values[4], "wheel", { extractDir: sitePackages }));
    py.FS.writeFile("/home/pyodide/calculator_render.py", renderSource);
    working("unpacked");
    if (!snapshot) {
      py.runPython("import sys; sys.path.insert(0, '/home/pyodide')");
      const booted = timedSync("BOOT imports", () => BOOT_STEPS.map((step, i) => {
        const value = py.runPython(step);
        working(`imported ${i + 1}/${BOOT_STEPS.length}`);
        return value;
      }).pop());
      return { py, run: booted };
    }
    releaseSnapshot(py); // 30 MB kept for nothing
    const restored = py.globals.get("run");
    if (typeof restored !== "function" || py.runPython("1 + 1") !== 2) throw new Error("snapshot without run()");
    return { py, run: restored };
  };
  let engine;
  try {
    try {
      engine = await boot();
    } catch (err) {
      // A download that failed (Pyodide may wait for it forever, or fail for want of it) is a
      // network failure, not the engine's: report it as such. The snapshot did not fail: its
      // restore mark goes, or the retry would drop a good snapshot and start from scratch.
      try {
        await all;
      } catch (failed) {
        if (snapshot) await restored(key);
        throw failed;
      }
      if (!snapshot) throw err;
      // A snapshot that does not restore is dropped; the engine starts from scratch instead.
      console.warn("calculator: snapshot not used:", err);
      await dropSnapshots(); // the mark with it
      snapshot = null;
      engine = await boot();
    }
  } finally {
    served.clear();
    if (!engine || !snapshot) unlock(); // a good restore is released once its mark is cleared, below
  }
  run = engine.run;
  if (snapshot) await restored(key);
  unlock();
  const from = snapshot ? "snapshot" : "scratch";
  snapshot = null;
  let save = null;
  if (from === "scratch") {
    // Made now, before the reader's first input reaches Python: the heap holds no figures of theirs.
    try {
      working("snapshot");
      let bytes = timedSync("snapshot make", () => takeSnapshot(engine.py));
      save = async () => {
        if (!bytes) return; // once, however many widgets asked for the engine
        const kept = bytes;
        bytes = null;
        await timed("snapshot store", () => writeSnapshot(key, kept));
      };
    } catch (err) {
      console.warn("calculator: no snapshot made:", err);
    }
  }
  performance.measure("start", { start: t0 });
  return { ms: performance.now() - t0, from, save };
}

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    if (!starting) starting = start(msg);
    try {
      const { ms, from, save } = await starting;
      self.postMessage({ type: "ready", ms, boot: from });
      if (save) await save(); // after "ready": the first result does not wait for the disk
    } catch (err) {
      // A network failure leaves nothing half-started: the page may start a new worker to retry.
      const kind = err instanceof NetworkError ? "network" : err instanceof StaleError ? "stale"
        : err instanceof IntegrityError ? "integrity" : err instanceof UnsupportedError ? "unsupported" : "engine";
      const done = lastDownload ? lastDownload.done() : 0;
      const total = lastDownload ? lastDownload.total : 0;
      self.postMessage({ type: "failed", kind, done, total, detail: String(err && err.message ? err.message : err) });
    }
  } else if (msg.type === "compute") {
    if (!run) {
      self.postMessage({ type: "result", id: msg.id, ok: false, notReady: true });
      return;
    }
    const t0 = performance.now();
    try {
      const call = () => run(msg.mode, JSON.stringify(msg.inputs), msg.lang);
      // only the first is measured: the measures are for the benchmark, and must not pile up
      const out = JSON.parse(computed++ ? call() : timedSync("first compute", call));
      self.postMessage({ type: "result", id: msg.id, ...out, ms: performance.now() - t0 });
    } catch (err) {
      self.postMessage({ type: "result", id: msg.id, ok: false, crash: String(err), ms: performance.now() - t0 });
    }
  }
};
