// Module worker that runs the calculators package on Pyodide, off the page's main thread.
// Protocol (all messages are plain objects):
//   page -> worker  {type: "init", pyodide: <dir URL>, wheel: <wheel URL>, render: <.py URL>}
//   worker -> page  {type: "progress", stage: "runtime" | "download" (every 3 s while the
//                   large files download) | "package"}, then {type: "ready", ms} or
//                   {type: "failed", detail}
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

// The two large files (12 of 13.5 MB). While they download, a slow connection is no stall:
// the worker says so every few seconds; once both have arrived (Resource Timing), it goes quiet,
// and a page that then hears nothing for long gives up (see STALL_MS in widget.js).
const LARGE_FILES = ["pyodide.asm.wasm", "python_stdlib.zip"];
const HEARTBEAT_MS = 3000;

function heartbeatUntilDownloaded(base) {
  const waiting = new Set(LARGE_FILES.map((name) => new URL(name, base).href));
  const beat = setInterval(() => self.postMessage({ type: "progress", stage: "download" }), HEARTBEAT_MS);
  const seen = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) waiting.delete(entry.name);
    if (waiting.size === 0) {
      clearInterval(beat);
      seen.disconnect();
    }
  });
  seen.observe({ type: "resource", buffered: true });
  return () => clearInterval(beat);
}

async function start(msg) {
  const t0 = performance.now();
  self.postMessage({ type: "progress", stage: "runtime" });
  const stopBeating = heartbeatUntilDownloaded(msg.pyodide);
  // The wheel (20 kB) downloads while Pyodide starts; unpacking it needs no package manager.
  const wheel = fetch(msg.wheel).then((r) => {
    if (!r.ok) throw new Error(`wheel: HTTP ${r.status}`);
    return r.arrayBuffer();
  });
  wheel.catch(() => {}); // reported where it is awaited
  const [{ loadPyodide }, renderSource] = await Promise.all([
    import(msg.pyodide + "pyodide.mjs"),
    fetch(msg.render).then((r) => {
      if (!r.ok) throw new Error(`renderer: HTTP ${r.status}`);
      return r.text();
    }),
  ]);
  let py;
  try {
    py = await loadPyodide({ indexURL: msg.pyodide });
  } finally {
    stopBeating();
  }
  self.postMessage({ type: "progress", stage: "package" });
  const sitePackages = py.runPython("import sysconfig; sysconfig.get_path('purelib')");
  py.unpackArchive(new Uint8Array(await wheel), "wheel", { extractDir: sitePackages });
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
      self.postMessage({ type: "failed", detail: String(err && err.message ? err.message : err) });
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
