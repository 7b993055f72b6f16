// Installs the calculators wheel the site ships into real Pyodide (node_modules/pyodide) with
// Pyodide's own installer, loadPackage, and reports what it installed. (The worker's way,
// unpackArchive, and the unit tests on the installed package run once, in
// sitebuild/calculator_stdlib/run_in_pyodide.mjs, on the shipped reduced standard library.)
// Usage: node wheel_in_pyodide.mjs <repo root> <wheel path>.
// Prints one JSON line {platform, package_file, dist_version, files: {name: sha256}, ok}; exit 1 on failure.
import path from "node:path";

const root = path.resolve(process.argv[2]);
const wheel = path.resolve(process.argv[3]);
const { loadPyodide } = await import(path.join(root, "node_modules/pyodide/pyodide.mjs"));
const py = await loadPyodide({ indexURL: path.join(root, "node_modules/pyodide") + "/" });
await py.loadPackage(wheel, { messageCallback: () => {} });
const summary = py.runPython(`
import hashlib, json, os, sys
import calculators, calculators.web
from importlib.metadata import distribution
top = os.path.dirname(os.path.dirname(calculators.__file__))
files = {}
for folder, _dirs, names in os.walk(os.path.dirname(calculators.__file__)):
    for name in names:
        if name.endswith(".py"):
            full = os.path.join(folder, name)
            files[os.path.relpath(full, top)] = hashlib.sha256(open(full, "rb").read()).hexdigest()
result = calculators.web.compute("overdue", {"principal": "10000", "daily_rate": "0.05%", "days": "30"})
json.dumps({"platform": sys.platform, "package_file": calculators.__file__,
            "dist_version": distribution("weilidai-calculators").version, "files": files,
            "result": result, "ok": bool(result.get("ok"))})
`);
console.log(summary);
process.exit(JSON.parse(summary).ok ? 0 : 1);
