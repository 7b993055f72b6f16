// Installs the calculators wheel the site ships into real Pyodide (node_modules/pyodide) and runs
// tests/calculators/test_*_unit.py on it.
// Usage: node wheel_in_pyodide.mjs <repo root> <wheel path> [unpackArchive|loadPackage].
// Prints one JSON line; exit 1 on failure.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(process.argv[2]);
const wheel = path.resolve(process.argv[3]);
const { loadPyodide } = await import(path.join(root, "node_modules/pyodide/pyodide.mjs"));
const py = await loadPyodide({ indexURL: path.join(root, "node_modules/pyodide") + "/" });
// Both ways Pyodide installs a wheel: the worker's unpackArchive, and loadPackage (which also
// checks the file is a wheel Pyodide's own installer accepts), in two fresh interpreters.
if (process.argv[4] === "loadPackage") await py.loadPackage(wheel, { messageCallback: () => {} });
else {
  const sitePackages = py.runPython("import sysconfig; sysconfig.get_path('purelib')");
  py.unpackArchive(new Uint8Array(fs.readFileSync(wheel)), "wheel", { extractDir: sitePackages });
}
py.FS.mkdirTree("/home/pyodide/unit");
for (const name of fs.readdirSync(path.join(root, "tests/calculators"))) {
  if (/^test_.*_unit\.py$/.test(name)) {
    py.FS.writeFile(`/home/pyodide/unit/${name}`, fs.readFileSync(path.join(root, "tests/calculators", name)));
  }
}
const summary = py.runPython(`
import io, json, sys, unittest
import calculators, calculators.web
from importlib.metadata import distribution
stream = io.StringIO()
suite = unittest.defaultTestLoader.discover("/home/pyodide/unit", pattern="test_*_unit.py", top_level_dir="/home/pyodide/unit")
result = unittest.TextTestRunner(stream=stream, verbosity=1).run(suite)
json.dumps({"platform": sys.platform, "python": sys.version.split()[0],
            "package_file": calculators.__file__, "dist_version": distribution("weilidai-calculators").version,
            "ran": result.testsRun, "ok": result.wasSuccessful(), "log": stream.getvalue()[-4000:]})
`);
console.log(summary);
process.exit(JSON.parse(summary).ok ? 0 : 1);
