// Runs overrides/assets/calculator/worker.js in node against a stand-in Pyodide whose start is as
// slow as a starved CPU makes it, in the steps a browser's worker runs without a break (measured in
// Chromium: no timer of the worker fired between them): the wasm's instantiation with Emscripten's
// init and Python's init, STEP_MS each, then each of BOOT's steps, BOOT_STEP_MS each. Prints one JSON
// line: {words: every word the worker posted as [ms since init, type, stage, step], end: ms}.
// Usage: node worker_words_check.mjs <repo root> slow-boot|hung-download <run ms> (ends at "ready" or "failed")
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [root, scenario, runMs] = [path.resolve(process.argv[2]), process.argv[3], Number(process.argv[4])];
const STEP_MS = 1500;
const BOOT_STEP_MS = 400;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "worker-words-"));
fs.writeFileSync(path.join(dir, "pyodide.asm.mjs"), `
export default async (settings) => {
  await (await fetch(settings.indexURL + "pyodide.asm.wasm")).arrayBuffer(); // as Emscripten instantiates it
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${STEP_MS}); // blocks the thread, burns no CPU
  return { HEAP8: new Int8Array(8) };
};
`);
fs.writeFileSync(path.join(dir, "pyodide.mjs"), `
// a step the thread cannot leave (as the browser's worker cannot), without burning the CPU a test run lacks
const busy = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
export async function loadPyodide(options) {
  await options.createPyodideModule({ indexURL: options.indexURL });
  await (await fetch(options.stdLibURL)).arrayBuffer();
  busy(${STEP_MS}); // Python's init
  return {
    runPython(code) {
      if (code.includes("sysconfig")) return "/lib/site-packages";
      if (code.includes("1 + 1")) return 2;
      busy(${BOOT_STEP_MS}); // one of BOOT's steps
      return code.includes("def run(") ? () => "{}" : undefined;
    },
    unpackArchive() {}, FS: { writeFile() {} }, globals: { get() {} },
    makeMemorySnapshot() { return new Uint8Array(4); },
  };
}
`);
const base = pathToFileURL(dir).href + "/";
const files = {
  "pyodide.asm.wasm": new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]), "python_stdlib.zip": new Uint8Array(64),
  "pyodide.mjs": fs.readFileSync(path.join(dir, "pyodide.mjs")), "pyodide.asm.mjs": fs.readFileSync(path.join(dir, "pyodide.asm.mjs")),
  "w.whl": new Uint8Array(32), "calculator_render.py": new TextEncoder().encode("# renderer\n"),
};
globalThis.fetch = async (input) => {
  const name = String(input).split("/").pop();
  if (scenario === "hung-download" && name === "pyodide.asm.wasm") return new Promise(() => {});
  if (!(name in files)) return new Response("", { status: 404 });
  const type = name.endsWith(".wasm") ? "application/wasm" : "application/octet-stream";
  return new Response(files[name], { headers: { "Content-Type": type } });
};
const words = [];
const t0 = performance.now();
globalThis.self = globalThis;
let finished = () => {};
globalThis.postMessage = (msg) => {
  words.push([Math.round(performance.now() - t0), msg.type, msg.stage || "", msg.step || ""]);
  if (msg.type === "ready" || msg.type === "failed") finished();
};
console.warn = () => {}; // "snapshot not kept": node has no Cache Storage
await import(pathToFileURL(path.join(root, "overrides/assets/calculator/worker.js")).href);
self.onmessage({ data: {
  type: "init", pyodide: base, wheel: base + "w.whl", render: base + "calculator_render.py",
  lock: null, sizes: { total: 100, files: {} },
} });
await new Promise((done) => {
  finished = done;
  setTimeout(done, runMs);
});
fs.rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ words, end: Math.round(performance.now() - t0) }));
process.exit(0);
