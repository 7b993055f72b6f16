"""The order ``pytest -n N --dist loadgroup`` hands its work out in: the longest units first.

Why: a worker that ends while the other still runs a long unit leaves its core idle until the
run ends. Largest first is the classic rule for that (the last units handed out are short, so the
workers end close together). pytest-xdist's own ``--loadscope-reorder`` sorts the units by their
number of tests, not their length: the handbook PDF's 21 quick checks started the built-site
half, and the single tests came last in file order, the wheel's node Pyodide runs among the very
last. ``scripts/test`` passes ``--no-loadscope-reorder``, so xdist hands out the units in the
order the workers collected them, which ``largest_first`` sets:

1. what ``HEAVY`` names, in that order: an xdist group (each a costly start its tests share: a
   Pyodide start from scratch, the crawl of every page, the deploy story), or a test file, whose
   tests of no group then come one after another (each its own unit, for whichever worker is free);
   then what ``BESIDE_THE_BUILD`` names, the same way (the no-site half's: none of them is in the
   built-site half, nor any of HEAVY in the no-site half);
2. any other group, more tests first (xdist's own rule, for a group added later);
3. the other tests of no group that open a browser (seconds each);
4. the rest (a file read, a request to nginx: the short end of the run).

Within a group, and within each of 2–4, collection order is kept (the steps of a story run in
order). tests/test_xdist_order.py checks the rule and that every name below still exists.

    .venv/bin/python -m tests.xdist_order .cache/test/site.xml

prints a run's junit seconds per unit of ``HEAVY`` and per other group, longest first, and
whether ``HEAVY`` is still in that order.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: Longest first, as a run of the built-site half measures them (the command above).
HEAVY = (
    "warm_phones",          # the warm phone context: one Pyodide start from scratch, then many pages
    "site_crawl",           # every page of both editions through nginx, then its readers
    "deploy_story",         # deploys, rollback and retirement with open tabs
    "first_use",            # intent, offline, the memory snapshot: one fresh context
    "nginx_desktop",        # the calculator's cases through nginx, both editions
    "site_accessibility",   # axe on each phone page, both schemes
    "site_search_dialogs",  # the search dialog tabs
    "handbook_pdf",         # the PDFs' text, fonts and links
    "tests/widget/test_offline_browser.py",  # fresh contexts: an aborted download, saving for offline
    "one_visit",
    "tests/widget/test_wheel_pyodide.py",    # Pyodide in node, one start a test
)


#: The no-site half (``pytest --fast``, beside ``./scripts/build``): its longest unit first, then the
#: tests that mostly wait on real time (nginx's header timeout, the emulated phone link, a node
#: Pyodide start), so that their waits fall while the build still takes the core they leave, not at
#: the end of the half, where nothing else is left to run and a core idles (a fresh-clone run ended
#: the half 10 s after the build with the phone link's and the local server's waits last); then its
#: two big groups. What comes after these is short (single tests, a property each).
BESIDE_THE_BUILD = (
    "engines",                                # six engine edition builds and the later steps once
    "tests/deploy/test_nginx_hardening.py",   # the slowloris test waits for nginx's timeouts
    "tests/test_phone_link.py",               # real-time bands over the emulated link
    "tests/widget/test_pyodide_private.py",   # one Pyodide start in node
    "pdf_render",                             # WeasyPrint renders
    "search_ranking_unit",                    # jieba's dictionary, cleaning every source, ranking
)


def group_of(item: Any) -> str | None:
    """The item's work unit name as pytest-xdist's loadgroup makes it (its ``xdist_group`` names,
    sorted, joined by ``_``), or None for a test of no group."""
    names = {str(m.args[0] if m.args else m.kwargs.get("name", "default")) for m in item.iter_markers("xdist_group")}
    return "_".join(sorted(names)) or None


def largest_first(items: list[Any]) -> list[Any]:
    """``items`` in the hand-out order the module docstring gives (a stable sort)."""
    sizes = Counter(group_of(item) for item in items)
    heavy = {name: rank for rank, name in enumerate(HEAVY + BESIDE_THE_BUILD)}

    def key(item: Any) -> tuple[int, int, str]:
        group = group_of(item)
        if group in heavy:
            return (0, heavy[group], "")
        if group is not None:
            return (1, -sizes[group], group)
        path = item.nodeid.split("::")[0]
        if path in heavy:
            return (0, heavy[path], "")
        return (2 if "browser" in getattr(item, "fixturenames", ()) else 3, 0, "")

    return sorted(items, key=key)


def _test_file(classname: str) -> str:
    """The test file of a junit ``classname`` (``tests.widget.test_x`` or ``tests.widget.test_x.TestY``)."""
    parts = classname.split(".")
    for end in range(len(parts), 0, -1):
        path = "/".join(parts[:end]) + ".py"
        if (ROOT / path).is_file():
            return path
    return classname


def unit_seconds(junit: Path) -> dict[str, float]:
    """Junit seconds of a run under ``--dist loadgroup`` per xdist group (the ``@<group>`` xdist
    appends to a test's name), and per test file for its tests of no group."""
    seconds: dict[str, float] = defaultdict(float)
    for case in ET.parse(junit).iter("testcase"):
        name = case.get("name", "")
        grouped = name.rfind("@") > name.rfind("]")
        seconds[name.rsplit("@", 1)[1] if grouped else _test_file(case.get("classname", ""))] += float(case.get("time", 0))
    return dict(seconds)


def main(argv: list[str]) -> int:
    """Print the seconds of HEAVY's units and of every other group, longest first, and whether
    HEAVY is still longest first."""
    seconds = unit_seconds(Path(argv[0]))
    for unit, spent in sorted(seconds.items(), key=lambda kv: -kv[1]):
        if unit in HEAVY + BESIDE_THE_BUILD or not unit.endswith(".py"):
            print(f"{spent:8.1f} s  {unit}{'' if unit in HEAVY + BESIDE_THE_BUILD else '  (not in HEAVY)'}")
    measured = sorted((u for u in HEAVY if u in seconds), key=lambda u: -seconds[u])
    print("HEAVY is longest first" if measured == [u for u in HEAVY if u in seconds]
          else f"longest first would be: {measured}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
