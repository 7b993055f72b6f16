// Runs calculators/ and tests/calculators/test_*_unit.py inside real Pyodide (node_modules/pyodide).
// Usage: node pyodide_unit_runner.mjs <repo root>. Prints a JSON summary; exit 1 on any failure.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(process.argv[2] ?? ".");
const { loadPyodide } = await import(path.join(root, "node_modules/pyodide/pyodide.mjs"));
const py = await loadPyodide({ indexURL: path.join(root, "node_modules/pyodide") + "/" });
const copy = (from, to, keep) => {
  py.FS.mkdirTree(to);
  for (const name of fs.readdirSync(from)) if (keep(name)) py.FS.writeFile(`${to}/${name}`, fs.readFileSync(path.join(from, name)));
};
const copyPackage = (from, to) => {  // calculators/ and its subpackages (calculators/web/)
  copy(from, to, (n) => n.endsWith(".py"));
  for (const entry of fs.readdirSync(from, { withFileTypes: true }))
    if (entry.isDirectory() && fs.existsSync(path.join(from, entry.name, "__init__.py")))
      copyPackage(path.join(from, entry.name), `${to}/${entry.name}`);
};
copyPackage(path.join(root, "calculators"), "/home/pyodide/calculators");
copy(path.join(root, "tests/calculators"), "/home/pyodide/tests", (n) => /^test_.*_unit\.py$/.test(n));
const summary = py.runPython(`
import io, json, sys, time, unittest
sys.path[:0] = ["/home/pyodide", "/home/pyodide/tests"]
started = time.perf_counter(); import calculators.web; import_ms = (time.perf_counter() - started) * 1000
stream = io.StringIO()
suite = unittest.defaultTestLoader.discover("/home/pyodide/tests", pattern="test_*_unit.py")
result = unittest.TextTestRunner(stream=stream, verbosity=1).run(suite)
json.dumps({"python": sys.version.split()[0], "platform": sys.platform, "import_ms": round(import_ms),
            "ran": result.testsRun, "failures": len(result.failures), "errors": len(result.errors),
            "ok": result.wasSuccessful(), "log": stream.getvalue()[-4000:]})
`);
console.log(summary);
process.exit(JSON.parse(summary).ok ? 0 : 1);
