// Runs what the browser worker runs (wheel via unpackArchive, the renderer, the boot code, one result
// per mode and language) and then every tests/calculators/test_*_unit.py, in real Pyodide under node,
// and lists the standard-library files *the package* made Python import (import_ledger.py tells them
// apart from the test harness's own imports, which are not shipped).
// Usage: node run_in_pyodide.mjs <repo root> <wheel> <renderer .py> [<stdlib.zip> <lock.json> <harness.zip>]
// Without the last three: node_modules/pyodide's full zip and lock file (to record the list). With
// them: the reduced zip and trimmed lock the site ships, and a zip of every other stdlib file put on
// sys.path only after the package's own run, for the harness (to prove the shipped zip suffices:
// "missing" lists the files the package needed that only the harness zip had).
// Prints one JSON line {ok, ran, platform, log, package_file, files, missing}; exit 1 on failure.
import fs from "node:fs";
import path from "node:path";

const [root, wheel, renderer, stdlib, lock, harness] = process.argv.slice(2).map((p) => p && path.resolve(p));
const here = path.dirname(new URL(import.meta.url).pathname);
const indexURL = path.join(root, "node_modules/pyodide") + "/";
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
const options = { indexURL };
if (stdlib) options.stdLibURL = stdlib;
if (lock) options.lockFileContents = JSON.parse(fs.readFileSync(lock, "utf8"));
const py = await loadPyodide(options);
const home = "/home/pyodide";
py.FS.writeFile(`${home}/import_ledger.py`, fs.readFileSync(path.join(here, "import_ledger.py")));
py.FS.mkdirTree(`${home}/unit`);
for (const name of fs.readdirSync(path.join(root, "tests/calculators"))) {
  if (/^test_.*_unit\.py$/.test(name)) {
    py.FS.writeFile(`${home}/unit/${name}`, fs.readFileSync(path.join(root, "tests/calculators", name)));
  }
}
if (harness) py.FS.writeFile(`${home}/harness.zip`, fs.readFileSync(harness));
// The harness driver is a file, so that its frames (and the unit tests') are attributed to the harness.
py.FS.writeFile(`${home}/harness_run.py`, `
import io, sys, unittest

def main():
    stream = io.StringIO()
    suite = unittest.defaultTestLoader.discover("${home}/unit", pattern="test_*_unit.py", top_level_dir="${home}/unit")
    result = unittest.TextTestRunner(stream=stream, verbosity=1).run(suite)
    return result.wasSuccessful(), result.testsRun, stream.getvalue()[-4000:]
`);

let summary;
try {
  py.runPython(`
import sys
sys.path.insert(0, "${home}")
import import_ledger
_zip = next(p for p in sys.path if p.endswith(".zip")) + "/"
_ledger = import_ledger.ImportLedger([_zip], ["${home}/unit/", "${home}/harness_run.py", "${home}/harness.zip"])
_ledger.install(import_ledger.zip_modules(_zip))
`);
  // What the worker does (overrides/assets/calculator/worker.js), on the shipped zip alone.
  const sitePackages = py.runPython("import sysconfig; sysconfig.get_path('purelib')");
  py.unpackArchive(new Uint8Array(fs.readFileSync(wheel)), "wheel", { extractDir: sitePackages });
  py.FS.writeFile(`${home}/calculator_render.py`, fs.readFileSync(renderer));
  py.runPython(`
import json, os
import calculators, calculators.web as _web
import calculator_render as _render
from calculators.labels import LABELS as _LABELS
for _mode in _web.MODES:
    for _lang in ("zh", "en"):
        json.dumps(_render.live_result(_web.compute(_mode, {}), _lang, _LABELS), ensure_ascii=False)
# Every module of the package, so an import in one no mode reaches is still counted; not the command
# line (cli.py, __main__.py: argparse), which the browser never runs.
for _dir, _subdirs, _names in os.walk(os.path.dirname(calculators.__file__)):
    _pkg = _dir[len(os.path.dirname(os.path.dirname(calculators.__file__))) + 1:].replace("/", ".")
    for _name in sorted(_names):
        if _name.endswith(".py") and _name not in ("__init__.py", "__main__.py", "cli.py"):
            __import__(_pkg + "." + _name[:-3])
`);
  summary = py.runPython(`
import json, sys
if ${harness ? "True" : "False"}:
    sys.path.append("${home}/harness.zip")
import harness_run
_ok, _ran, _log = harness_run.main()
_ledger.uninstall()
# the shipped zip holds bytecode (calendar.pyc): named by its source, as files.txt lists them
_source = lambda names: sorted({n[:-1] if n.endswith(".pyc") else n for n in names})
json.dumps({"ok": _ok, "ran": _ran, "platform": sys.platform, "log": _log, "package_file": calculators.__file__,
            "files": _source(_ledger.needed_files(_zip)), "missing": _source(_ledger.needed_files("${home}/harness.zip/"))})
`);
} catch (err) {
  summary = JSON.stringify({ ok: false, ran: 0, log: String(err).slice(-4000), files: [], missing: [] });
}
console.log(summary);
process.exit(JSON.parse(summary).ok ? 0 : 1);
