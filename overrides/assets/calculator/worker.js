// Module worker that runs the calculators package on Pyodide, off the page's main thread.
// Protocol (all messages are plain objects):
//   page -> worker  {type: "init", pyodide: <dir URL>, wheel: <wheel URL>, render: <.py URL>,
//                   lock: <trimmed lock object>, sizes: {total, files: {name: [bytes, brotli]}}}
//   worker -> page  {type: "progress", stage: "runtime" | "download" (as bytes arrive, with
//                   done/total brotli bytes) | "starting" (every byte in; Pyodide began while the
//                   wasm streamed) | "package"}, then {type: "ready", ms}
//                   or {type: "failed", kind: "network" | "unsupported" | "engine", done, total, detail}
//   page -> worker  {type: "compute", id, mode, inputs: {name: text}, lang: "zh" | "en"}
//   worker -> page  {type: "result", id, ok, html, text, field, ms}
// The wheel is installed with unpackArchive(bytes, "wheel") (as loadPackage(url) would, without
// the package manager: it has no dependencies). Nothing here talks to any host but the site's
// own: Pyodide, the wheel and the renderer are
// fetched from the URLs the page gives, which the page derives from its own location.

let run = null; // Python callable run(mode, inputs_json, lang) -> JSON text, once ready
let starting = null;

const BOOT = `
import json
import calculators.web as _web
import calculator_render as _render
from calculators.labels import LABELS as _LABELS

def run(mode, inputs_json, lang):
    result = _web.compute(mode, json.loads(inputs_json))
    return json.dumps(_render.live_result(result, lang, _LABELS), ensure_ascii=False)
run
`;

// Downloads (issue 12). The worker fetches the runtime's files itself, reading each body as it
// arrives, so the page can show bytes of the total and tell a network failure from a stalled
// engine. The wasm is the exception that matters for speed: Pyodide gets the real fetch Response
// (see servedFetch), so WebAssembly.instantiateStreaming compiles while it downloads and the
// browser's wasm code cache (kept beside the HTTP / Cache Storage entry) applies on a repeat visit;
// the worker reads a clone of that response for progress and failures. The standard library is
// read here and handed to Pyodide from memory.
// Sizes come from the page (data-download, measured at build time): [bytes, brotli bytes] per
// file name; progress is reported in brotli bytes, what a host serving .br files sends.
const PROGRESS_MS = 250;
const served = new Map(); // absolute URL -> Promise<Response>, answered once to Pyodide's fetch
const realFetch = self.fetch.bind(self);
const WASM_TYPE = "application/wasm";

class NetworkError extends Error {}

function servedFetch(input, init) {
  const url = String(input instanceof Request ? input.url : input);
  const response = served.get(url);
  if (!response) return realFetch(input, init);
  served.delete(url);
  return response;
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
  const open = async (url) => {
    const name = url.split("/").pop();
    let response;
    try {
      response = await realFetch(url);
    } catch (err) {
      throw new NetworkError(`${name}: ${err.message || err}`);
    }
    if (!response.ok) throw new NetworkError(`${name}: HTTP ${response.status}`);
    return response;
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
  const fetchBytes = async (url) => drain(url, await open(url), true);
  /** The real Response (for Pyodide) and a promise that the body arrived whole (read from a clone). */
  const stream = (url) => {
    const opened = open(url);
    const response = opened.then((r) => r.clone());
    const arrived = opened.then((r) => drain(url, r, false));
    response.catch(() => {}); // a failure is reported through `arrived`
    return { response, arrived };
  };
  const importModule = async (url) => {
    try {
      const mod = await import(url);
      got.set(url.split("/").pop(), 1);
      report(true);
      return mod;
    } catch (err) {
      throw new NetworkError(`${url.split("/").pop()}: ${err.message || err}`);
    }
  };
  return { fetchBytes, stream, importModule, done, total };
}

let lastDownload = null;

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
  const all = Promise.allSettled([
    ...modules,
    wasm.arrived,
    stdlib,
    dl.fetchBytes(msg.wheel),
    dl.fetchBytes(msg.render).then((b) => new TextDecoder().decode(b)),
  ]).then((settled) => {
    const failed = settled.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    self.postMessage({ type: "progress", stage: "starting", done: dl.total, total: dl.total });
    return settled.map((r) => r.value);
  });
  all.catch(() => {});
  let loadPyodide, asm;
  try {
    [{ loadPyodide }, asm] = await Promise.all(modules);
  } catch (err) {
    await all; // throws the first failure, once every download has settled
    throw err;
  }
  // Pyodide starts while the wasm (compiled as it streams in) and the rest still arrive.
  served.set(new URL(wasmURL).href, wasm.response.then(asWasm));
  served.set(new URL(stdlibURL).href, stdlib.then((b) => new Response(b)));
  self.fetch = servedFetch;
  let py, wheel, renderSource;
  try {
    const booting = loadPyodide({
      indexURL: msg.pyodide,
      stdLibURL: stdlibURL,
      lockFileContents: msg.lock || { info: {}, packages: {} },
      createPyodideModule: asm.default,
    });
    let values;
    [py, values] = await Promise.all([booting, all]);
    [, , , , wheel, renderSource] = values;
  } catch (err) {
    // A download that failed (Pyodide may wait for it forever, or fail for want of it) is a
    // network failure, not the engine's: report it as such.
    await all;
    throw err;
  } finally {
    served.clear();
  }
  self.postMessage({ type: "progress", stage: "package" });
  const sitePackages = py.runPython("import sysconfig; sysconfig.get_path('purelib')");
  py.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  py.FS.writeFile("/home/pyodide/calculator_render.py", renderSource);
  py.runPython("import sys; sys.path.insert(0, '/home/pyodide')");
  run = py.runPython(BOOT);
  return performance.now() - t0;
}

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    if (!starting) starting = start(msg);
    try {
      const ms = await starting;
      self.postMessage({ type: "ready", ms });
    } catch (err) {
      // A network failure leaves nothing half-started: the page may start a new worker to retry.
      const kind = err instanceof NetworkError ? "network" : err instanceof UnsupportedError ? "unsupported" : "engine";
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
      const out = JSON.parse(run(msg.mode, JSON.stringify(msg.inputs), msg.lang));
      self.postMessage({ type: "result", id: msg.id, ...out, ms: performance.now() - t0 });
    } catch (err) {
      self.postMessage({ type: "result", id: msg.id, ok: false, crash: String(err), ms: performance.now() - t0 });
    }
  }
};
