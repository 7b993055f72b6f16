// Installs the calculators wheel the site ships into real Pyodide (node_modules/pyodide) with
// Pyodide's own installer, loadPackage, and reports what it installed. (The worker's way,
// unpackArchive, and the unit tests on the installed package run once, in
// sitebuild/calculator_stdlib/run_in_pyodide.mjs, on the shipped reduced standard library.)
// Pyodide starts as the worker starts it: on the standard library zip and trimmed lock file the
// site ships (bytecode: the start costs ~2 s of CPU, not the ~5 s of the full zip's sources). What
// loadPackage needs beyond the worker's unpackArchive (tarfile, ...) comes from the harness zip (the
// rest of the full standard library) after it. The installed files are listed and
// hashed here, from Pyodide's file system.
// Usage: node wheel_in_pyodide.mjs <repo root> <wheel path> <stdlib.zip> <lock.json> <harness.zip>.
// Prints one JSON line {platform, package_file, files: {name: sha256}, result, ok}; exit 1 on failure.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const [root, wheel, stdlib, lock, harness] = process.argv.slice(2).map((p) => path.resolve(p));
const { loadPyodide } = await import(path.join(root, "node_modules/pyodide/pyodide.mjs"));
const py = await loadPyodide({
  indexURL: path.join(root, "node_modules/pyodide") + "/",
  stdLibURL: stdlib,
  lockFileContents: JSON.parse(fs.readFileSync(lock, "utf8")),
});
py.FS.writeFile("/home/pyodide/harness.zip", fs.readFileSync(harness));
// After the shipped zip on sys.path; a package already imported from the shipped zip (importlib)
// also looks for its submodules there (importlib.metadata, which loadPackage's cache refresh imports).
py.runPython(`
import sys
sys.path.append("/home/pyodide/harness.zip")
for name, module in list(sys.modules.items()):
    if getattr(module, "__path__", None) and any(".zip/" in p for p in module.__path__):
        module.__path__.append("/home/pyodide/harness.zip/" + name.replace(".", "/"))
`);
await py.loadPackage(wheel, { messageCallback: () => {} });
const found = JSON.parse(py.runPython(`
import json, sys
import calculators, calculators.web
result = calculators.web.compute("overdue", {"principal": "10000", "daily_rate": "0.05%", "days": "30"})
json.dumps({"platform": sys.platform, "package_file": calculators.__file__, "result": result, "ok": bool(result.get("ok"))})
`));
// Every .py file under the installed package, by its path from site-packages, with its sha256.
const pkg = path.posix.dirname(found.package_file);
const top = path.posix.dirname(pkg);
const files = {};
const walk = (dir) => {
  for (const name of py.FS.readdir(dir)) {
    if (name === "." || name === "..") continue;
    const full = `${dir}/${name}`;
    if (py.FS.isDir(py.FS.stat(full).mode)) walk(full);
    else if (name.endsWith(".py")) files[path.posix.relative(top, full)] = createHash("sha256").update(py.FS.readFile(full)).digest("hex");
  }
};
walk(pkg);
const summary = { ...found, files };
console.log(JSON.stringify(summary));
process.exit(summary.ok ? 0 : 1);
