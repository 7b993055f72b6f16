"""How many Pyodide starts each browser test makes, from scratch and from the memory snapshot.

Why: a start from scratch costs several CPU seconds, one from the snapshot about a third of that
(dev/results/start-cpu.md); which tests start how many is what dev/ci.md's "Pyodide starts per
test" table counts. A pytest plugin: every browser context a test makes gets an init script that
prints ``[boot] scratch`` / ``[boot] snapshot`` each time a page's calculator engine becomes ready
(widget.js sets ``data-boot`` then); each process appends one line per test that started one,
``<nodeid>\\tscratch=N\\tsnapshot=N``, to the file named by ``PYODIDE_BOOTS`` when it exits. A
start counts for the test running when it ended (a class or module fixture's, for its first test):

    PYODIDE_BOOTS=/tmp/boots.tsv .venv/bin/python -m pytest -p bench.pyodide_boots \\
      --built-site-only -n 2 --dist loadgroup --no-loadscope-reorder -q tests/widget
    .venv/bin/python -m bench.pyodide_boots /tmp/boots.tsv    # the table, most starts first
"""

from __future__ import annotations

import atexit
import os
import sys
from collections import Counter
from typing import Any

import pytest

#: Runs in every page before its own scripts (CDP, so the site's CSP does not apply).
WATCH = """(() => {
  const seen = new MutationObserver((records) => {
    for (const r of records) if (r.attributeName === 'data-boot' && r.target.dataset.boot)
      console.log('[boot] ' + r.target.dataset.boot);
  });
  const start = () => seen.observe(document.documentElement, {subtree: true, attributes: true, attributeFilter: ['data-boot']});
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
})();"""

_counts: dict[str, Counter[str]] = {}
_current = {"test": "(no test)"}


def _report(path: str) -> None:
    with open(path, "a", encoding="utf-8") as out:
        for test, kinds in _counts.items():
            out.write(f"{test}\tscratch={kinds['scratch']}\tsnapshot={kinds['snapshot']}\n")


def _watch(context: Any) -> None:
    context.add_init_script(WATCH)

    def heard(message: Any) -> None:
        text = message.text
        if text.startswith("[boot] "):
            _counts.setdefault(_current["test"], Counter())[text.split(" ", 1)[1]] += 1

    context.on("console", heard)


def pytest_configure(config: pytest.Config) -> None:
    path = os.environ.get("PYODIDE_BOOTS")
    if not path:
        return
    from playwright.sync_api import Browser

    new_context = Browser.new_context

    def watched(self: Any, *args: Any, **kwargs: Any) -> Any:
        context = new_context(self, *args, **kwargs)
        _watch(context)
        return context

    Browser.new_context = watched  # type: ignore[method-assign]
    atexit.register(_report, path)


def pytest_runtest_logstart(nodeid: str, location: Any) -> None:
    _current["test"] = nodeid


def table(path: str) -> str:
    """The counts of ``path`` as a Markdown table, most starts from scratch first."""
    rows: dict[str, Counter[str]] = {}
    for line in open(path, encoding="utf-8"):
        test, *kinds = line.rstrip("\n").split("\t")
        counts = rows.setdefault(test, Counter())
        for kind in kinds:
            name, n = kind.split("=")
            counts[name] += int(n)
    out = ["| test | from scratch | from the snapshot |", "|---|---|---|"]
    for test, c in sorted(rows.items(), key=lambda kv: (-kv[1]["scratch"], -kv[1]["snapshot"], kv[0])):
        out.append(f"| `{test}` | {c['scratch']} | {c['snapshot']} |")
    total = sum((c for c in rows.values()), Counter())
    out.append(f"| all | {total['scratch']} | {total['snapshot']} |")
    return "\n".join(out)


if __name__ == "__main__":
    print(table(sys.argv[1]))
