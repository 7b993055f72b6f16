// Builds the reduced python_stdlib.zip in Pyodide's own Python (the sources are 3.14; the build
// host's Python may be older): the listed members of the npm package's zip, comments and docstrings
// stripped by strip_sources.py, then each .py compiled to a sourceless .pyc (unchecked-hash, so the
// same inputs give the same bytes; its code names the path a source import would:
// <Pyodide's zip>/<member>). Compiling here spares every reader's first start compiling ~150 modules
// to bytecode in WebAssembly (~2 s of CPU on the benchmark machine, bench/start_cpu.py); see
// dev/decisions/0006-stdlib-as-bytecode.md. *Stored*, fixed timestamps.
// Usage: node strip_in_pyodide.mjs <repo root> <files.txt> <out.zip>
// Prints one JSON line {ok, files, kept: [members left as they were], bytes}; exit 1 on failure.
import fs from "node:fs";
import path from "node:path";

const [root, list, out] = process.argv.slice(2).map((p) => path.resolve(p));
const here = path.dirname(new URL(import.meta.url).pathname);
const indexURL = path.join(root, "node_modules/pyodide") + "/";
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
const py = await loadPyodide({ indexURL });
py.FS.writeFile("/home/pyodide/strip_sources.py", fs.readFileSync(path.join(here, "strip_sources.py")));
py.FS.writeFile("/home/pyodide/full.zip", fs.readFileSync(path.join(indexURL, "python_stdlib.zip")));
py.FS.writeFile("/home/pyodide/files.txt", fs.readFileSync(list));
let summary;
try {
  summary = py.runPython(`
import json, py_compile, sys, zipfile
sys.path.insert(0, "/home/pyodide")
from strip_sources import strip_member
names = [line.strip() for line in open("/home/pyodide/files.txt", encoding="utf-8")
         if line.strip() and not line.startswith("#")]
stdlib_zip = next(p for p in sys.path if p.endswith(".zip"))  # where Pyodide mounts the zip it gets
kept = []
with zipfile.ZipFile("/home/pyodide/full.zip") as full, zipfile.ZipFile("/home/pyodide/out.zip", "w", zipfile.ZIP_STORED) as small:
    for name in names:
        source = full.read(name)
        stripped = strip_member(name, source)
        member = name
        if name.endswith(".py"):
            if stripped == source:
                kept.append(name)
            with open("/tmp/member.py", "wb") as handle:
                handle.write(stripped)
            py_compile.compile("/tmp/member.py", "/tmp/member.pyc", dfile=f"{stdlib_zip}/{name}", doraise=True,
                               invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
            with open("/tmp/member.pyc", "rb") as handle:
                stripped = handle.read()
            member = name + "c"
        info = zipfile.ZipInfo(member, date_time=(2026, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        small.writestr(info, stripped)
json.dumps({"ok": True, "files": len(names), "kept": kept})
`);
  const bytes = py.FS.readFile("/home/pyodide/out.zip");
  fs.writeFileSync(out, bytes);
  summary = JSON.stringify({ ...JSON.parse(summary), bytes: bytes.length });
} catch (err) {
  summary = JSON.stringify({ ok: false, files: 0, kept: [], log: String(err).slice(-4000) });
}
console.log(summary);
process.exit(JSON.parse(summary).ok ? 0 : 1);
