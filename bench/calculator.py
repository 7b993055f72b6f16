"""Area "calculator": the Pyodide widget, first interaction to first result, and recompute.

Cold = a fresh browser context (empty HTTP cache): open the calculator page and, as soon as it
has loaded, change the first widget's principal; the clock runs in the page from that input
event to the widget's next result (so it includes the widget's input debounce, the worker
start, Pyodide, the wheel and the first computation). Recompute = RECOMPUTES rounds of changes
once the engine is ready, each followed by the bare page's round trip on the same inputs (both
pages open, so a pair shares the machine's load): typed (the clock starts at the input event, so the debounce is in it), on
Enter (the clock starts at the Enter keydown, the reader's action) and while typing (a new
value typed key by key, KEY_MS apart; the clock starts at the last key). Warm = the same, after
reloading the page in the same context (Pyodide and the wheel come from the HTTP cache; they
are served as immutable).

Where the time of a recompute goes (issue 25): widget.js notes per result the worker's time in
Python (compute + HTML rendering + JSON), the messages (round trip minus Python) and the DOM
(innerHTML, status line, table cue, scroll); the bare page also runs compute + the same
renderer (``live_result``) so rendering HTML in Python is told apart from computing.

Baseline: a bare page on the same origin whose module worker loads stock Pyodide (the npm
package's files, full python_stdlib.zip and lock file, as a site would copy them) and the same
wheel and runs ``1+1`` (load), then calls ``calculators.web.compute`` with the inputs
the widget used (recompute; warmed once, message round trip included, no debounce, no HTML).
``--quick`` measures the first language only.

Slow network (first language, issue 12): the first result on an emulated 1.6 Mbit/s / 150 ms
network with brotli served from precompressed files (bench/slow_network.py), empty
cache, service worker blocked (its precache is not throttled by CDP), widget vs bare Pyodide.
Then first use as the reader meets it, service worker allowed, through bench/phone_link.py (one
link shared by every connection, 150 ms round trip) in front of nginx, beside the same visit with
the worker blocked on the same link.
"""

from __future__ import annotations

import re
import shutil
import statistics
import time
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from bench.browser import ResponseLog, Transfer
from bench.context import Context
from bench.results import COUNT, KIB, MILLISECONDS, SECONDS, Results, Row, Sample, Skipped
from sitebuild.calculator_runtime import PYODIDE_NPM

BARE_PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")

AREA = "calculator"
PAGES = (("zh", "/calculator/"), ("en", "/en/calculator/"))
BARE_DIR = "bench-bare-pyodide"
TIMEOUT_MS = 120_000
FIELD = "principal"
VALUES = ("12000", "12500", "13000")  # new principal per change; each differs from the last
RECOMPUTES = 5  # recomputes of each kind per visit (typed, on Enter, while typing)
KEY_MS = 120  # "while typing": the pause between keys (a quick phone typist)

_ARM = """(field) => {
  // Listens on the document, not on the widget's nodes: a page swapped in by instant navigation
  // may replace them after this runs (the clock must still see the reader's input and the result).
  const output = () => document.querySelector('.calc-widget[data-calc-widget] .calc-output');
  // start: "input" (a typed change; each later input restarts the clock: "while typing" times
  // the last key) or "enter" (the Enter keydown). The clock stops when data-seq changes and the
  // result shows the final value (an earlier keystroke's result does not count).
  const [name, start, want] = field;
  const b = window.__bench = {t0: null, t1: null, state: null, engine: null, timing: null};
  const seq = () => (output() && output().dataset.seq) || '0';
  const mine = (e) => e.target.name === name && e.target.closest('.calc-widget[data-calc-widget]');
  if (start === 'input') {
    document.addEventListener('input', (e) => { if (mine(e) && b.t1 === null) b.t0 = performance.now(); }, true);
  } else {
    document.addEventListener('keydown', (e) => {
      if (mine(e) && e.key === 'Enter' && b.t0 === null) b.t0 = performance.now();
    }, true);
  }
  new MutationObserver(() => {
    const out = output();
    if (b.t0 === null || b.t1 !== null || !out) return;
    const row = out.querySelector('.calc-inputs');
    if (seq() === '0' || (want && !(row && row.textContent.includes(want)))) return;
    if (b.seen === seq()) return;
    b.seen = seq();
    b.t1 = performance.now(); b.state = out.dataset.state;
    b.timing = out.dataset.timing ? JSON.parse(out.dataset.timing) : null;
    b.engine = document.querySelector('.calc-widget[data-calc-widget]').dataset.engine;
  }).observe(document.body, {attributes: true, attributeFilter: ['data-seq'], subtree: true, childList: true});
  b.seen = seq();
}"""

#: The script is a file, not inline: the site's Content-Security-Policy header (sitebuild/serve.py
#: sends it for every path) allows only Material's inline scripts.
_BARE_HTML = """<!doctype html><meta charset="utf-8"><title>bare Pyodide</title>
<script type="module" src="main.js"></script>
"""

_BARE_MAIN = """let worker = null;
const pending = [];
function call(msg) {
  return new Promise((resolve) => { pending.push(resolve); worker.postMessage(msg); });
}
window.benchLoad = async (pyodide, wheel) => {
  const t0 = performance.now();
  worker = new Worker("worker.js", {type: "module"});
  worker.onmessage = (e) => pending.shift()(e.data);
  const r = await call({type: "init", pyodide, wheel});
  return {ms: performance.now() - t0, value: r.value};
};
window.benchCompute = async (mode, inputs, render) => {
  const t0 = performance.now();
  const r = await call({type: "compute", mode, inputs, render: Boolean(render)});
  return {ms: performance.now() - t0, ok: r.ok};
};
window.benchRenderer = (render) => call({type: "renderer", render});
window.benchReady = true;
"""

_BARE_WORKER = """let py = null;
self.onmessage = async (e) => {
  const m = e.data;
  if (m.type === "init") {
    const { loadPyodide } = await import(m.pyodide + "pyodide.mjs");
    py = await loadPyodide({ indexURL: m.pyodide });
    await py.loadPackage(m.wheel, { messageCallback: () => {}, errorCallback: () => {} });
    self.postMessage({ value: py.runPython("1+1") });
  } else if (m.type === "renderer") {
    py.FS.writeFile("/home/pyodide/calculator_render.py", await (await fetch(m.render)).text());
    py.runPython("import sys; sys.path.insert(0, '/home/pyodide'); import calculator_render");
    self.postMessage({ ok: true });
  } else {
    py.globals.set("_mode", m.mode);
    py.globals.set("_inputs", JSON.stringify(m.inputs));
    const ok = m.render
      ? py.runPython("import json, calculators.web as _w, calculator_render as _r\\n"
          + "from calculators.labels import LABELS as _L\\n"
          + "json.loads(json.dumps(_r.live_result(_w.compute(_mode, json.loads(_inputs)), 'zh', _L), ensure_ascii=False))['ok']")
      : py.runPython("import json, calculators.web as _w\\n_w.compute(_mode, json.loads(_inputs)).get('ok', False)");
    self.postMessage({ ok });
  }
};
"""


def _runtime_urls(page_html: str, page_url: str) -> tuple[str, str] | None:
    """Absolute Pyodide dir and wheel URLs, exactly as the first widget on the page names them."""
    pyo = re.search(r'data-pyodide="([^"]+)"', page_html)
    whl = re.search(r'data-wheel="([^"]+)"', page_html)
    if not pyo or not whl:
        return None
    return urljoin(page_url, pyo.group(1)), urljoin(page_url, whl.group(1))


def _debounce_ms(site: Path) -> str:
    """The widget's own input debounce, read from its script (so the note never goes stale)."""
    try:
        found = re.search(r"DEBOUNCE_MS\s*=\s*(\d+)", (site / "assets/calculator/widget.js").read_text(encoding="utf-8"))
    except OSError:
        found = None
    return f"{found.group(1)} ms" if found else "(unknown)"


def _write_bare(site: Path) -> None:
    d = site / BARE_DIR
    d.mkdir(exist_ok=True)
    (d / "index.html").write_text(_BARE_HTML, encoding="utf-8")
    (d / "main.js").write_text(_BARE_MAIN, encoding="utf-8")
    (d / "worker.js").write_text(_BARE_WORKER, encoding="utf-8")
    stock = d / "pyodide"  # stock Pyodide, as a site copying the npm package would serve it
    stock.mkdir(exist_ok=True)
    for name in BARE_PYODIDE_FILES:
        shutil.copy2(PYODIDE_NPM / name, stock / name)


def _bare_runtime(base: str, runtime: tuple[str, str]) -> tuple[str, str]:
    return f"{base}/{BARE_DIR}/pyodide/", runtime[1]


def wait_until(page: Any, condition: str, timeout_ms: int = TIMEOUT_MS) -> None:
    """Poll ``condition`` (a JS expression) inside the page.

    Playwright's wait_for_function evaluates strings with eval, which the site's
    Content-Security-Policy forbids (rightly); page.evaluate is not subject to it.
    """
    page.evaluate(f"""(ms) => new Promise((resolve, reject) => {{
      const start = performance.now();
      const poll = () => {{
        if ({condition}) resolve(true);
        else if (performance.now() - start > ms) reject(new Error("timed out waiting for: " + {condition!r}));
        else setTimeout(poll, 10);
      }};
      poll();
    }})""", timeout_ms)


def _change(page: Any, value: str, how: str = "typed") -> dict[str, Any]:
    """Put ``value`` into the field: "typed" (one input event, then the debounce), "enter" (then
    Enter, which submits at once) or "keys" (typed key by key, KEY_MS apart). Seconds from the
    reader's last action to the result that shows ``value``, and the widget's timing notes."""
    page.evaluate(_ARM, [FIELD, "enter" if how == "enter" else "input", value])
    selector = f'.calc-widget[data-calc-widget] [name="{FIELD}"]'
    if how == "keys":
        page.fill(selector, "")
        wait_until(page, "document.querySelector('.calc-widget[data-calc-widget]').dataset.pending === '0'")
        page.evaluate(_ARM, [FIELD, "input", value])
        page.type(selector, value, delay=KEY_MS)
    else:
        page.fill(selector, value)
    if how == "enter":
        page.press(selector, "Enter")
    try:
        wait_until(page, "window.__bench.t1 !== null")
    except Exception as exc:
        raise RuntimeError(f"no result for {value!r} ({how}): {page.evaluate('window.__bench')}") from exc
    b = page.evaluate("window.__bench")
    if b["state"] != "result":
        raise RuntimeError(f"widget answered {b['state']!r} (engine {b['engine']!r}) instead of a result")
    return {"s": (b["t1"] - b["t0"]) / 1000, "timing": b["timing"] or {}}


def _recompute_value(i: int) -> str:
    """A principal for the i-th recompute: each differs from the one before (and from VALUES)."""
    return str(14000 + 250 * i)


#: worker.js keeps one memory snapshot in this Cache Storage cache after the engine's first start.
SNAPSHOT_CACHE = "calculator-snapshot"

_SNAPSHOT_BYTES = """async (name) => {
  const cache = await caches.open(name);
  let size = 0;
  for (const key of await cache.keys()) size += (await (await cache.match(key)).arrayBuffer()).byteLength;
  return size;
}"""


def snapshot_bytes(page: Any, timeout_ms: int = 30_000) -> int:
    """Wait until the worker has kept its memory snapshot (written after the first start); bytes."""
    start = page.evaluate("performance.now()")
    while True:
        size = int(page.evaluate(_SNAPSHOT_BYTES, SNAPSHOT_CACHE))
        if size or page.evaluate("performance.now()") - start > timeout_ms:
            return size
        page.wait_for_timeout(50)


def drop_snapshot(page: Any) -> None:
    page.evaluate("(name) => caches.delete(name)", SNAPSHOT_CACHE)


def _boot(page: Any) -> str:
    """How the engine's Python started on this visit: "snapshot" or "scratch" (worker.js)."""
    return page.get_attribute(".calc-widget[data-calc-widget]", "data-boot") or "?"


_FORM = """() => {
  const f = document.querySelector('.calc-widget[data-calc-widget] .calc-form'); const o = {};
  for (const el of f.elements) { if (!el.name) continue;
    if (el.type === 'checkbox') o[el.name] = el.checked ? 'true' : 'false';
    else if (el.value.trim() !== '') o[el.name] = el.value; }
  return o; }"""


def _widget_visit(page: Any, url: str, reload: bool, value: str = VALUES[0]) -> tuple[float, dict[str, str]]:
    """Seconds to the first result of one visit (the engine is ready after it), and the inputs."""
    if reload:
        page.reload(wait_until="load")
    else:
        page.goto(url, wait_until="load")
    first = _change(page, value)["s"]
    wait_until(page, "document.querySelector('.calc-widget[data-calc-widget]').dataset.engine === 'ready'")
    return first, page.evaluate(_FORM)


def _bare_visit(page: Any, url: str, reload: bool, runtime: tuple[str, str], mode: str,
                inputs: dict[str, str], recomputes: int = 1, render: str = "") -> tuple[float, list[float], list[float]]:
    """Load seconds, and ``recomputes`` bare compute round trips: without and (given the renderer's
    URL) with the widget's HTML rendering in Python."""
    if reload:
        page.reload(wait_until="load")
    else:
        page.goto(url, wait_until="load")
    wait_until(page, "window.benchReady === true")
    load = page.evaluate("([p, w]) => benchLoad(p, w)", list(runtime))
    if load["value"] != 2:
        raise RuntimeError(f"bare Pyodide computed 1+1 = {load['value']!r}")
    page.evaluate("([m, i]) => benchCompute(m, i)", [mode, inputs])  # warm the import once
    plain: list[float] = []
    rendered: list[float] = []
    if render:
        page.evaluate("(r) => benchRenderer(r)", render)
        page.evaluate("([m, i]) => benchCompute(m, i, true)", [mode, inputs])  # warm it once too
    for i in range(recomputes):
        changed = {**inputs, FIELD: _recompute_value(i)}
        comp = page.evaluate("([m, i]) => benchCompute(m, i)", [mode, changed])
        if not comp["ok"]:
            raise RuntimeError("bare compute did not return ok")
        plain.append(comp["ms"] / 1000)
        if render:
            comp = page.evaluate("([m, i]) => benchCompute(m, i, true)", [mode, changed])
            if not comp["ok"]:
                raise RuntimeError("bare compute + render did not return ok")
            rendered.append(comp["ms"] / 1000)
    return load["ms"] / 1000, plain, rendered




def _paired_recomputes(page: Any, bare: Any, mode: str, count: int) -> dict[str, list[float]]:
    """Recomputes on the widget (engine ready), each followed at once by the bare page's compute
    round trip on the same inputs (and compute + the widget's renderer), both pages open side by
    side: on a shared machine a pair sees the same load, so the paired ratio is fair. Seconds."""
    out: dict[str, list[float]] = {}
    for i in range(count):
        for n, how in enumerate(("typed", "enter", "keys")):
            got = _change(page, _recompute_value(3 * i + n), how)
            inputs = page.evaluate(_FORM)
            plain = bare.evaluate("([m, i]) => benchCompute(m, i)", [mode, inputs])
            rendered = bare.evaluate("([m, i]) => benchCompute(m, i, true)", [mode, inputs])
            if not (plain["ok"] and rendered["ok"]):
                raise RuntimeError("bare compute did not return ok")
            for key, value in ((how, got["s"]), (f"bare_{how}", plain["ms"] / 1000),
                               (f"render_{how}", rendered["ms"] / 1000)):
                out.setdefault(key, []).append(value)
            if how == "enter":
                for part in ("python", "messages", "dom"):
                    out.setdefault(part, []).append(float(got["timing"].get(part, 0)) / 1000)
    return out


def measure(ctx: Context, results: Results) -> None:
    site = ctx.site_copy()
    runs = ctx.options.runs
    _write_bare(site)
    debounce = _debounce_ms(site)
    for lang, path in (PAGES[:1] if ctx.options.quick else PAGES):
        html_file = site / path.lstrip("/") / "index.html"
        if not html_file.is_file() or "data-calc-widget" not in html_file.read_text(encoding="utf-8"):
            results.skipped.append(Skipped(AREA, f"{lang}: no interactive widget at {path}"))
            continue
        page_url = ctx.site_url() + path
        html = html_file.read_text(encoding="utf-8")
        runtime = _runtime_urls(html, page_url)
        mode = re.search(r'data-mode="([^"]+)"', html)
        if runtime is None or mode is None:
            results.skipped.append(Skipped(AREA, f"{lang}: widget names no Pyodide dir / wheel / mode"))
            continue
        bare_url = ctx.site_url() + f"/{BARE_DIR}/"
        render_url = urljoin(page_url, re.search(r'data-render="([^"]+)"', html).group(1))  # type: ignore[union-attr]
        samples: dict[str, list[float]] = {k: [] for k in ("cold", "warm", "scratch", "b_cold", "b_warm")}
        again: dict[str, list[float]] = {}  # recomputes (both visits pooled), by kind
        snapshot_sizes: list[float] = []
        boots: list[str] = []
        ctx.log(f"calculator: {lang} {path} × {runs} (cold and warm, widget then bare Pyodide)")
        transfers: list[Transfer] = []
        bare_transfers: list[Transfer] = []
        for _ in range(runs):
            context = ctx.browser().new_context(viewport={"width": 1280, "height": 900})
            try:
                page = context.new_page()
                log = ResponseLog(page)
                c, inputs = _widget_visit(page, page_url, reload=False)
                transfers.append(log.transfer())
                snapshot_sizes.append(snapshot_bytes(page))
                w = _widget_visit(page, page_url, reload=True, value=VALUES[1])[0]
                boots.append(_boot(page))
                drop_snapshot(page)  # the same repeat visit once more, Python booted from scratch
                ws = _widget_visit(page, page_url, reload=True, value=VALUES[2])[0]
                boots.append(_boot(page))
                # Recomputes, paired with the bare page's round trips (see _paired_recomputes).
                bare_context = ctx.browser().new_context(viewport={"width": 1280, "height": 900})
                try:
                    bare_page = bare_context.new_page()
                    _bare_visit(bare_page, bare_url, False, _bare_runtime(ctx.site_url(), runtime), mode.group(1),
                                inputs, 0, render_url)
                    for kind, values in _paired_recomputes(page, bare_page, mode.group(1), RECOMPUTES).items():
                        again.setdefault(kind, []).extend(values)
                finally:
                    bare_context.close()
            finally:
                context.close()
            context = ctx.browser().new_context(viewport={"width": 1280, "height": 900})
            try:
                page = context.new_page()
                log = ResponseLog(page)
                bare_runtime = _bare_runtime(ctx.site_url(), runtime)
                bc = _bare_visit(page, bare_url, False, bare_runtime, mode.group(1), inputs, 0)[0]
                bare_transfers.append(log.transfer())
                bw = _bare_visit(page, bare_url, True, bare_runtime, mode.group(1), inputs, 0)[0]
            finally:
                context.close()
            for key, value in zip(samples, (c, w, ws, bc, bw)):
                samples[key].append(value)
        note = (f"widget: in-page clock from the input event to the next result (incl. the widget's {debounce} "
                "input debounce); bare Pyodide: same files, worker load + 1+1")
        for label, key, unit in (
                ("first result, empty cache", "cold", SECONDS),
                ("first result, repeat visit (runtime cached)", "warm", SECONDS),
                ("first result, repeat visit, no memory snapshot", "scratch", SECONDS)):
            results.rows.append(Row(AREA, f"{lang} {path}: {label}", unit, Sample.of(samples[key]),
                                    "bare Pyodide", Sample.of(samples["b_" + key.replace("scratch", "warm")]),
                                    True, note))
        rnote = (f"{RECOMPUTES} per run, engine ready; baseline: the bare page's calculators.web.compute round "
                 "trip (worker message, no HTML) on the same inputs, taken right after each widget sample with "
                 "both pages open (ratio = median of the pairs' ratios)")
        for label, kind, why in (
                ("recompute on Enter", "enter", "clock from the Enter keydown to the result in the page"),
                (f"recompute typed (one input event, incl. the {debounce} debounce)", "typed",
                 "clock from the input event to the result"),
                (f"recompute while typing ({KEY_MS} ms between keys)", "keys",
                 "clock from the last key to the result showing the whole value")):
            results.rows.append(Row(AREA, f"{lang} {path}: {label}", MILLISECONDS, Sample.of(again[kind]),
                                    "bare compute", Sample.of(again[f"bare_{kind}"]), True, f"{why}; {rnote}"))
        # Where the time of "on Enter" goes (widget.js's notes per result, data-timing).
        for label, kind, why in (
                ("on Enter, of which Python (compute + HTML + JSON)", "python", "worker.js's own clock around run()"),
                ("on Enter, of which messages (round trip − Python)", "messages", "postMessage both ways, queueing"),
                ("on Enter, of which DOM (innerHTML, status, table cue, scroll)", "dom",
                 "widget.js, from the reply to the drawn result")):
            results.rows.append(Row(AREA, f"{lang} {path}: {label}", MILLISECONDS, Sample.of(again[kind]),
                                    note=f"{why}; the rest of on Enter is the event and the page's own work"))
        rendered = [v for k in ("typed", "enter", "keys") for v in again[f"render_{k}"]]
        plain = [v for k in ("typed", "enter", "keys") for v in again[f"bare_{k}"]]
        results.rows.append(Row(AREA, f"{lang} {path}: bare compute + the widget's HTML rendering", MILLISECONDS,
                                Sample.of(rendered), "bare compute", Sample.of(plain), True,
                                "same worker, calculator_render.live_result on the result (HTML, copy text, JSON): "
                                "the ratio is what rendering HTML in Python adds"))
        results.rows.append(Row(AREA, f"{lang} {path}: memory snapshot kept (Cache Storage)", KIB,
                                Sample.of(snapshot_sizes), note=(
                                    "worker.js keeps the heap after its first start; repeat visits booted "
                                    f"{'/'.join(boots[0::2])} (with it) and {'/'.join(boots[1::2])} (dropped)")))
        tnote = ("everything the page (and its workers) downloaded on the first visit until the third result, "
                 "empty cache; text types and wasm compressed as in the weight area; bare = its page + the same files")
        for label, attr, unit in (("requests to results", "requests", COUNT),
                                  ("transfer to results, gzip -6", "gzip", KIB),
                                  ("transfer to results, brotli 5", "brotli", KIB)):
            results.rows.append(Row(AREA, f"{lang} {path}: {label}", unit,
                                    Sample.of([getattr(t, attr) for t in transfers]), "bare Pyodide",
                                    Sample.of([getattr(t, attr) for t in bare_transfers]), True, tnote))
    measure_deployed_transfer(ctx, results)
    if not ctx.options.quick:  # the slow network and warm-start rows take minutes: not in --quick
        measure_slow_network(ctx, results)
        from bench import warm_start

        warm_start.measure(ctx, results)


def few_runs(ctx: Context) -> int:
    """Runs of the rows that take minutes each: one with --quick, else --runs, at most 3."""
    return 1 if ctx.options.quick else max(1, min(ctx.options.runs, 3))


def _first_page(ctx: Context) -> tuple[Path, str, str, str]:
    """(site copy with the bare Pyodide page added, language, path, HTML) of the first language's
    calculator page ("" when it is missing): what the slow-network and deployed-bytes rows load."""
    site = ctx.site_copy()
    _write_bare(site)
    lang, path = PAGES[0]
    html_file = site / path.lstrip("/") / "index.html"
    return site, lang, path, html_file.read_text(encoding="utf-8") if html_file.is_file() else ""


def measure_slow_network(ctx: Context, results: Results) -> None:
    """First result on the emulated phone network (see the module docstring), widget vs bare."""
    from bench import slow_network

    site, lang, path, html = _first_page(ctx)
    mode = re.search(r'data-mode="([^"]+)"', html)
    if "data-calc-widget" not in html or mode is None:
        results.skipped.append(Skipped(AREA, f"{lang}: no interactive widget at {path} (slow network)"))
        return
    ctx.log("calculator: precompressing the site copy with brotli 11 (cached by content)")
    slow_network.precompress(site, ("",))
    runs = few_runs(ctx)
    note = ("CDP Network.emulateNetworkConditions 1.6 Mbit/s down, 0.75 up, 150 ms latency; host serves "
            "precompressed brotli 11; empty cache, service worker blocked; widget: input event to first result "
            "(incl. the 250 ms debounce); bare: stock Pyodide load + wheel + 1+1")
    with slow_network.brotli_server(site) as base:
        widget_s, bare_s = _slow_runs(ctx, base, path, html, runs)
    results.rows.append(Row(AREA, f"{lang} {path}: first result, 1.6 Mbit/s 150 ms", SECONDS, Sample.of(widget_s),
                            "bare Pyodide", Sample.of(bare_s), True, note))
    from sitebuild.serve_nginx import SetupError

    try:
        with slow_network.nginx_server(site) as base:
            widget_s, bare_s = _slow_runs(ctx, base, path, html, runs)
            results.rows.append(Row(AREA, f"{lang} {path}: first result, 1.6 Mbit/s 150 ms, nginx", SECONDS,
                                    Sample.of(widget_s), "bare Pyodide", Sample.of(bare_s), True,
                                    note.replace("host serves", "Debian nginx with deploy/nginx.conf (brotli_static) serves")))
            _phone_link_rows(ctx, results, base, lang, path, runs, "Debian nginx with deploy/nginx.conf")
    except SetupError as exc:
        results.skipped.append(Skipped(AREA, f"{lang}: slow network through nginx ({exc})"))
        with slow_network.brotli_server(site) as base:
            _phone_link_rows(ctx, results, base, lang, path, runs, "the bench's brotli server")


#: The phone-link visits: (key, Playwright service_workers, type only once the worker holds the edition).
_LINK_VISITS = (("allow", "allow", False), ("precached", "allow", True), ("block", "block", False))


def _phone_link_rows(ctx: Context, results: Results, base: str, lang: str, path: str, runs: int, host: str) -> None:
    """First use as the reader meets it, service worker allowed, on one emulated phone link
    (bench/phone_link.py) in front of ``base``, paired with the same visit with the worker blocked on
    the same link: the difference is the service worker's. Where it goes: a third visit types only
    once the worker has precached the edition (``<html data-offline>``, offline.js), so its result
    pays the worker's fetch-and-store of the runtime but not the precache sharing the link. Seconds, bytes down the
    link and connections until the result."""
    got = _phone_link_runs(ctx, base, path, runs)
    note = (f"bench/phone_link.py in front of {host}: one TCP link shared by all connections, 1.6 Mbit/s down, "
            "0.75 up, 75 ms each way (+1 round trip per new connection); empty cache, page opened through the "
            "link, input at the load event (precache done: once the service worker controls the page and holds "
            "the edition; clock from the input); baseline: the same visit with the service worker blocked")
    for label, key, unit in (("first result, service worker, phone link", "allow_s", SECONDS),
                             ("first result, service worker, precache done, phone link",
                              "precached_s", SECONDS),
                             ("bytes down the phone link until the first result, service worker", "allow_bytes", KIB),
                             ("connections until the first result, service worker", "allow_connections", COUNT)):
        baseline = "block_" + key.split("_", 1)[1]
        results.rows.append(Row(AREA, f"{lang} {path}: {label}", unit, Sample.of(got[key]),
                                "service worker blocked", Sample.of(got[baseline]), True, note))


def _phone_link_runs(ctx: Context, base: str, path: str, runs: int) -> dict[str, list[float]]:
    """Per run, the visits of _LINK_VISITS in turn, each in a fresh context on a fresh link (its
    counters are that visit's; no connection carried over). Keys ``<visit>_<s|bytes|connections>``."""
    from bench.phone_link import phone_link

    out: dict[str, list[float]] = {}
    for _ in range(runs):
        for visit_key, workers, wait_for_control in _LINK_VISITS:
            with phone_link(base) as link:
                ctx.log(f"calculator: {path} through the phone link {link.url} -> {base}, {visit_key}")
                context = ctx.browser().new_context(service_workers=workers, **_PHONE)
                try:
                    page = context.new_page()
                    start = time.monotonic()
                    page.goto(link.url + path, wait_until="load", timeout=TIMEOUT_MS)
                    loaded = time.monotonic() - start
                    if wait_for_control:
                        wait_until(page, "navigator.serviceWorker.controller !== null "
                                   "&& document.documentElement.dataset.offline !== undefined", 4 * TIMEOUT_MS)
                    typed = time.monotonic() - start
                    seconds = _change(page, VALUES[0])["s"]
                    seen = link.counters
                    down, busy, connections = seen.down_bytes, seen.down_busy_s, seen.connections
                    last_byte = seen.last_down_at - start
                    visit = time.monotonic() - start
                    controlled = page.evaluate("navigator.serviceWorker.controller !== null")
                finally:
                    context.close()
            ctx.log(f"calculator:   load {loaded:.1f} s, input at {typed:.1f} s, first result {seconds:.1f} s after "
                    f"it; visit {visit:.1f} s, {down / 1e6:.2f} MB down over {connections} connections, the last "
                    f"byte down at {last_byte:.1f} s, link busy {busy:.1f} s ({busy / visit:.0%} of the visit); "
                    f"page controlled by the worker at the result: {controlled}")
            for key, value in (("s", seconds), ("bytes", float(down)), ("connections", float(connections))):
                out.setdefault(f"{visit_key}_{key}", []).append(value)
    return out


def _slow_runs(ctx: Context, base: str, path: str, html: str, runs: int) -> tuple[list[float], list[float]]:
    """(widget, bare Pyodide) seconds to the first result, ``runs`` times each, on the throttled network."""
    from bench import slow_network

    page_url = base + path
    runtime = _runtime_urls(html, page_url)
    assert runtime is not None
    widget_s: list[float] = []
    bare_s: list[float] = []
    for _ in range(runs):
        ctx.log(f"calculator: {path} on 1.6 Mbit/s / 150 ms from {base} (widget, then bare Pyodide)")
        context = ctx.browser().new_context(service_workers="block", **_PHONE)
        try:
            page = context.new_page()
            slow_network.throttle(context, page)
            page.goto(page_url, wait_until="load", timeout=TIMEOUT_MS)
            widget_s.append(_change(page, VALUES[0])["s"])
        finally:
            context.close()
        context = ctx.browser().new_context(service_workers="block", **_PHONE)
        try:
            page = context.new_page()
            slow_network.throttle(context, page)
            page.goto(base + f"/{BARE_DIR}/", wait_until="load", timeout=TIMEOUT_MS)
            wait_until(page, "window.benchReady === true")
            load = page.evaluate("([p, w]) => benchLoad(p, w)", list(_bare_runtime(base, runtime)))
            bare_s.append(load["ms"] / 1000)
        finally:
            context.close()
    return widget_s, bare_s


_PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}


def _precompress_bare(site: Path) -> None:
    """``.br`` beside the bare page's files, as sitebuild/precompress.py writes them for the site.

    A stock file identical to one the build already compressed (the wasm, pyodide.mjs) gets that
    ``.br``; the rest (full stdlib zip, lock file, the page) is compressed at brotli 11 once and
    cached by content (bench/slow_network.py).
    """
    from bench import slow_network

    built: dict[bytes, Path] = {}
    for br in (site / "pyodide").rglob("*.br"):
        built[br.with_suffix("").read_bytes()] = br
    for path in (site / BARE_DIR).rglob("*"):
        if not path.is_file() or path.suffix not in slow_network.COMPRESS:
            continue
        same = built.get(path.read_bytes())
        target = path.with_name(path.name + ".br")
        if same is not None:
            shutil.copyfile(same, target)
        else:
            target.write_bytes(slow_network.brotli_file(path).read_bytes())


class WireLog:
    """Encoded body bytes of the finished requests of a browser context, as Playwright reports them
    (request.sizes(); a cross-check of the server's count, which it undercounts: worker scripts show 0)."""

    def __init__(self, context: Any) -> None:
        self.requests: list[Any] = []
        context.on("requestfinished", lambda request: self.requests.append(request))

    def encoded_bytes(self) -> int:
        return sum(int(r.sizes()["responseBodySize"]) for r in self.requests)


def measure_deployed_transfer(ctx: Context, results: Results) -> None:
    """Bytes on the wire until the first result, from a host serving the build's brotli 11 files."""
    from bench import slow_network

    site, lang, path, html = _first_page(ctx)
    if "data-calc-widget" not in html or not any((site / "pyodide").rglob("*.wasm.br")):
        results.skipped.append(Skipped(AREA, f"{lang}: no widget at {path} or no precompressed runtime (deployed bytes)"))
        return
    ctx.log("calculator: bytes on the wire as deployed (precompressed brotli 11), widget then bare Pyodide")
    _precompress_bare(site)
    runs = few_runs(ctx)
    widget_b: list[float] = []
    bare_b: list[float] = []
    seen: list[int] = []  # Playwright's count, for the note
    tally = slow_network.Tally()
    with slow_network.brotli_server(site, tally) as base:
        runtime = _runtime_urls(html, base + path)
        assert runtime is not None
        for _ in range(runs):
            context = ctx.browser().new_context(service_workers="block", **_PHONE)
            try:
                wire = WireLog(context)
                page = context.new_page()
                tally.take()
                page.goto(base + path, wait_until="load", timeout=TIMEOUT_MS)
                _change(page, VALUES[0])
                widget_b.append(tally.take())
                seen.append(wire.encoded_bytes())
            finally:
                context.close()
            context = ctx.browser().new_context(service_workers="block", **_PHONE)
            try:
                wire = WireLog(context)
                page = context.new_page()
                tally.take()
                page.goto(base + f"/{BARE_DIR}/", wait_until="load", timeout=TIMEOUT_MS)
                wait_until(page, "window.benchReady === true")
                page.evaluate("([p, w]) => benchLoad(p, w)", list(_bare_runtime(base, runtime)))
                bare_b.append(tally.take())
            finally:
                context.close()
    note = ("response-body bytes the host sent, serving the .br beside each file (the build's brotli 11; stock "
            "Pyodide's compressed the same way), empty cache, service worker blocked, phone viewport; widget: page "
            "load to the first result (Playwright request.sizes() saw "
            f"{statistics.median(seen) / 1024:,.1f} KiB: it counts worker scripts as 0); "
            "bare: its page + stock Pyodide + wheel + 1+1")
    results.rows.append(Row(AREA, f"{lang} {path}: transfer to results, as deployed (precompressed brotli 11)", KIB,
                            Sample.of(widget_b), "bare Pyodide", Sample.of(bare_b), True, note))

