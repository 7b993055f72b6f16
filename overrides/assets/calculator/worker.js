// Module worker that runs the calculators package on Pyodide, off the page's main thread.
// Protocol (all messages are plain objects):
//   page -> worker  {type: "init", pyodide: <dir URL>, wheel: <wheel URL>, render: <.py URL>}
//   worker -> page  {type: "progress", stage: "runtime" | "package"}, then {type: "ready", ms}
//                   or {type: "failed", detail}
//   page -> worker  {type: "compute", id, mode, inputs: {name: text}, lang: "zh" | "en"}
//   worker -> page  {type: "result", id, ok, html, text, field, ms}
// Nothing here talks to any host but the site's own: Pyodide, the wheel and the renderer are
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

async function start(msg) {
  const t0 = performance.now();
  self.postMessage({ type: "progress", stage: "runtime" });
  const [{ loadPyodide }, renderSource] = await Promise.all([
    import(msg.pyodide + "pyodide.mjs"),
    fetch(msg.render).then((r) => {
      if (!r.ok) throw new Error(`renderer: HTTP ${r.status}`);
      return r.text();
    }),
  ]);
  const py = await loadPyodide({ indexURL: msg.pyodide });
  self.postMessage({ type: "progress", stage: "package" });
  await py.loadPackage(msg.wheel, { messageCallback: () => {}, errorCallback: () => {} });
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
