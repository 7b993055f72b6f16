// Runs every function of overrides/assets/calculator/pyodide_private.js against the Pyodide in
// node_modules, as the worker uses them: the fetch replacement, a snapshot made and restored
// through the createPyodideModule hook, the private config released.
// Usage: node pyodide_private_check.mjs <repo root>. Prints one JSON line {name: "ok" | error}.
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(process.argv[2]);
const priv = await import(pathToFileURL(path.join(root, "overrides/assets/calculator/pyodide_private.js")).href);
const indexURL = path.join(root, "node_modules/pyodide") + "/";
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const asm = await import(pathToFileURL(indexURL + "pyodide.asm.mjs").href);
const checks = {};
const check = async (name, fn) => {
  try {
    await fn();
    checks[name] = "ok";
  } catch (err) {
    checks[name] = String((err && err.stack) || err).slice(0, 800);
  }
};
const must = (ok, what) => {
  if (!ok) throw new Error(what);
};

await check("answerFetchesFrom", async () => {
  const before = globalThis.fetch;
  const served = new Map([["http://served.invalid/a", Promise.resolve(new Response("from memory"))]]);
  const real = priv.answerFetchesFrom(served);
  try {
    must((await (await fetch("http://served.invalid/a")).text()) === "from memory", "a served URL was not answered");
    must(served.size === 0, "a served URL is answered more than once");
  } finally {
    globalThis.fetch = before;
  }
  must(typeof real === "function", "the real fetch is not returned");
});

let snapshot = null;
await check("snapshotOptions+takeSnapshot", async () => {
  const py = await loadPyodide({ indexURL, ...priv.snapshotOptions(null) });
  py.runPython("def run():\n    return 40 + 2\n");
  snapshot = priv.takeSnapshot(py);
  must(snapshot instanceof Uint8Array && snapshot.length > 1e6, `makeMemorySnapshot gave ${snapshot && snapshot.length}`);
});

await check("growForSnapshot+restore+releaseSnapshot", async () => {
  must(snapshot, "no snapshot to restore (see snapshotOptions+takeSnapshot)");
  let hooked = false;
  const py = await loadPyodide({
    indexURL,
    createPyodideModule: async (settings) => {
      const module = await asm.default(settings);
      must(module.HEAP8 && typeof module.growMemory === "function", "the Emscripten module lacks HEAP8 / growMemory");
      priv.growForSnapshot(module, snapshot);
      must(module.HEAP8.length >= snapshot.length, "growMemory did not grow the heap");
      hooked = true;
      return module;
    },
    ...priv.snapshotOptions(snapshot),
  });
  must(hooked, "loadPyodide no longer calls createPyodideModule");
  must(py.globals.get("run")() === 42, "the restored heap lacks run()");
  must(py._api && py._api.config && "_loadSnapshot" in py._api.config, "_api.config._loadSnapshot is gone");
  priv.releaseSnapshot(py);
  must(py._api.config._loadSnapshot === null, "releaseSnapshot did not release");
});

console.log(JSON.stringify(checks));
process.exit(Object.values(checks).every((v) => v === "ok") ? 0 : 1);
