"""The calculator worker's words, stamped in the page: one init script for the deploy story's
stall warning (tests/deploy/test_reliability_browser.py) and bench/engine_silence.py, so both read
the same record.

Each entry of ``window.__engineWords`` is ``"w<n> +<seconds> s <word>"``: the worker's number on
the page, ``performance.now()`` in seconds (one decimal) and what it said (``progress starting``,
``progress working instantiated``, ``ready``; results are left out)."""

from __future__ import annotations

import re

#: Stamps every word a calculator worker of the page sends (and its creation, and an error event),
#: so a stalled engine's warning says what it said last and when: silent from the start (its script
#: never ran), mid-download, or after "starting" / "package" (Pyodide's boot, the package's imports).
INIT_SCRIPT = """(() => {
  const Real = window.Worker;
  if (!Real) return;
  window.__engineWords = [];
  const say = (n, word) => window.__engineWords.push(`w${n} +${(performance.now() / 1000).toFixed(1)} s ${word}`);
  let made = 0;
  window.Worker = function Worker(url, options) {
    const worker = new Real(url, options);
    const n = ++made;
    say(n, "created");
    worker.addEventListener("message", (e) => {
      const m = e.data || {};
      if (m.type === "result") return;
      say(n, [m.type, m.stage, m.step, m.kind, m.stage === "download" ? `${m.done}/${m.total}` : ""].filter(Boolean).join(" "));
    });
    worker.addEventListener("error", (e) => say(n, `error ${e.message || ""}`));
    return worker;
  };
  window.Worker.prototype = Real.prototype;
})();"""
READ = """() => {
  const words = window.__engineWords || [];
  const at = (w) => Number(w.split(" ")[1].slice(1));
  let longest = 0, before = "";
  for (let i = 1; i < words.length; i++) {
    if (at(words[i]) - at(words[i - 1]) > longest) { longest = at(words[i]) - at(words[i - 1]); before = words[i]; }
  }
  const kind = (w) => w.split(" ").slice(3, 6).join(" ").replace(/ \\d+\\/\\d+$/, "");
  const seen = []; // a run of download words shows its first and last only
  for (const w of words) {
    const last = seen[seen.length - 1];
    if (last && kind(last.first) === kind(w) && /download/.test(w)) last.last = w;
    else seen.push({ first: w, last: null });
  }
  const shown = seen.map((s) => (s.last ? `${s.first} … ${s.last}` : s.first)).join("; ");
  return `${shown} (now +${(performance.now() / 1000).toFixed(1)} s; longest silence ${longest.toFixed(1)} s, before: ${before})`;
}"""

_ENTRY = re.compile(r"w\d+ \+(?P<s>[\d.]+) s (?P<word>.*)")


def stamped(entries: list[str]) -> list[tuple[float, str]]:
    """``window.__engineWords`` as (milliseconds, word) pairs."""
    out = []
    for entry in entries:
        m = _ENTRY.fullmatch(entry)
        if m:
            out.append((float(m["s"]) * 1000, m["word"]))
    return out
