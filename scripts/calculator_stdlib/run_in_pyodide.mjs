// Runs what the browser worker runs (wheel via unpackArchive, the renderer, the boot code) and then
// every tests/calculators/test_*_unit.py, in real Pyodide under node, and lists the standard
// library files Python imported from python_stdlib.zip.
// Usage: node run_in_pyodide.mjs <repo root> <wheel> <renderer .py> [<python_stdlib.zip> <lock.json>]
// Without the last two it uses node_modules/pyodide's full zip and lock file (to record the list);
// with them, the reduced zip and trimmed lock the site ships (to prove they suffice).
// Prints one JSON line {ok, ran, log, files: [zip member paths]}; exit 1 on failure.
import fs from "node:fs";
import path from "node:path";

const [root, wheel, renderer, stdlib, lock] = process.argv.slice(2).map((p) => p && path.resolve(p));
const indexURL = path.join(root, "node_modules/pyodide") + "/";
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
const options = { indexURL };
if (stdlib) options.stdLibURL = stdlib;
if (lock) options.lockFileContents = JSON.parse(fs.readFileSync(lock, "utf8"));
const py = await loadPyodide(options);
const sitePackages = py.runPython("import sysconfig; sysconfig.get_path('purelib')");
py.unpackArchive(new Uint8Array(fs.readFileSync(wheel)), "wheel", { extractDir: sitePackages });
py.FS.writeFile("/home/pyodide/calculator_render.py", fs.readFileSync(renderer));
py.FS.mkdirTree("/home/pyodide/unit");
for (const name of fs.readdirSync(path.join(root, "tests/calculators"))) {
  if (/^test_.*_unit\.py$/.test(name)) {
    py.FS.writeFile(`/home/pyodide/unit/${name}`, fs.readFileSync(path.join(root, "tests/calculators", name)));
  }
}
let summary;
try {
  summary = py.runPython(`
import io, json, sys, unittest
sys.path.insert(0, "/home/pyodide")
# The worker's boot code (overrides/assets/calculator/worker.js, BOOT), then one result per mode.
import calculators.web as _web
import calculator_render as _render
from calculators.labels import LABELS as _LABELS
for _mode in _web.MODES:
    for _lang in ("zh", "en"):
        json.dumps(_render.live_result(_web.compute(_mode, {}), _lang, _LABELS), ensure_ascii=False)
stream = io.StringIO()
suite = unittest.defaultTestLoader.discover("/home/pyodide/unit", pattern="test_*_unit.py", top_level_dir="/home/pyodide/unit")
result = unittest.TextTestRunner(stream=stream, verbosity=1).run(suite)
zip_prefix = next(p for p in sys.path if p.endswith(".zip")) + "/"
files = set()
for module in list(sys.modules.values()):
    where = getattr(module, "__file__", None) or ""
    if where.startswith(zip_prefix):
        files.add(where[len(zip_prefix):])
json.dumps({"ok": result.wasSuccessful(), "ran": result.testsRun, "platform": sys.platform,
            "log": stream.getvalue()[-4000:], "files": sorted(files)})
`);
} catch (err) {
  summary = JSON.stringify({ ok: false, ran: 0, log: String(err).slice(-4000), files: [] });
}
console.log(summary);
process.exit(JSON.parse(summary).ok ? 0 : 1);
