"""Rank the query sets without a browser, and fit the scorer's constants on the sets tuned on.

Why: the browser run (bench/search_eval.py) takes a minute per set; choosing a constant needs
hundreds of rankings. This runs the box's own ranking.js under node (bench/search_fit.js) over the
built site's wld-vocab.json and wld-sections.json, with search.js's cut-off (pages under a fifth of
the best score are not shown), so its shares match the browser run's (checked: `--check`).

    python -m bench.search_fit                       # shares on the tuned sets
    python -m bench.search_fit --set dev --half a    # one half of dev (same as --set dev-a)
    python -m bench.search_fit --misses blind7       # the queries of a tuned-on set not ranked first
    python -m bench.search_fit --fit --held-out blind9  # coordinate search over FIT, then blind9 once
    python -m bench.search_fit --loso focus=0,0.5,1  # leave-one-set-out choice of a constant

Round 4 split the development set in two halves (``half``: by a hash of the query text, so a
query stays in its half whatever is added or reordered); dev-b was held out in rounds 4-9 and is
tuned on, with dev-a, since round 10 (the whole of dev is a tuned set).

Leave-one-set-out (``--loso``, round 10): for each tuned set in turn, the value of the constant
(or the combination, when several are given) with the best mean share on the other tuned sets is
chosen and the left-out set is ranked with it; the report gives each left-out set's shares with
the chosen value beside the current ranking's, and their means: a change that only fits the sets
it was chosen on shows here as a loss.

The fit (``--fit``) moves one constant of ``FIT`` at a time over its grid, keeping a move only
when the mean share (first + top 3, per language, over tuning + blind + dev) rises; it prints
the chosen constants and their shares on each set, and (``--held-out NAME``) the aggregate of a
held-out set for the starting and the chosen constants only: a fit that lifts the tuned sets but
not the held-out one is overfitting.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from bench import search_eval

ROOT = search_eval.ROOT
RUNNER = Path(__file__).with_name("search_fit.js")
RANKING = ROOT / "overrides" / "assets" / "search" / "ranking.js"
TUNED = ("tuning", "blind", "dev", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8")
#: Sets ranked by default: the tuned-on ones; blind9 only when named, so its reads are counted.
DEFAULT = TUNED
#: Sets whose misses are never listed: held out (blind9 since round 11, read as an aggregate at
#: most three times a round: ``--set blind9``). blind2 and blind3 are tuned on since round 6,
#: blind4 since round 7, blind5 since round 8, blind6 since round 9, blind7 and the whole of dev
#: (dev-b was held out in rounds 4-9) since round 10, blind8 (held out in round 10) since round 11.
HELD_OUT = ("blind9",)

#: Constant → the values the fit tries (``F`` of ranking.js unless prefixed "W.").
FIT: dict[str, tuple[float, ...]] = {
    "k1": (0.8, 1.2, 1.6, 2.0),
    "title": (3, 4, 5, 6, 8),
    "syn": (2, 3, 4, 5),
    "head": (2, 3, 4, 6),
    "body": (0.5, 0.75, 1, 1.5),
    "name": (0.3, 0.5, 0.7, 1.0),
    "rest": (0.1, 0.25, 0.4),
    "whole": (0.5, 1, 1.5, 2),
    "wholeHeading": (0.5, 1, 1.5),
    "unnamed": (0.6, 0.7, 0.8, 0.9, 1.0),
    "part": (0.3, 0.5, 0.7),
    "minor": (0.05, 0.15, 0.3),
    "W.side": (0.25, 0.4, 0.6),
    "W.generic": (0.05, 0.15, 0.3),
}


def stopwords(config: Path) -> str:
    """The edition's extra.search.stopwords line (mkdocs.yml / mkdocs.en.yml)."""
    match = re.search(r"^\s*stopwords:\s*(.+)$", config.read_text("utf-8"), re.M)
    return match.group(1) if match else ""


def editions(site: Path) -> dict[str, dict[str, str]]:
    return {lang: {"vocab": str(site / sub / "wld-vocab.json"), "sections": str(site / sub / "wld-sections.json"),
                   "stop": stopwords(ROOT / cfg)}
            for lang, sub, cfg in (("zh", "pagefind", "mkdocs.yml"), ("en", "en/pagefind", "mkdocs.en.yml"))}


def rank(site: Path, cases: list[search_eval.Case], settings: list[dict[str, Any]],
         ranking: Path | None = None) -> list[list[tuple[str, ...]]]:
    """Per setting, per case: the top 3 page paths (relative to the edition root, as the sets
    write them); ``ranking``: another ranking.js to compare (default the working tree's)."""
    node = shutil.which("node")
    if not node:
        raise SystemExit("node is needed")
    queries = {lang: [c.query for c in cases if c.lang == lang] for lang in search_eval.HOMES}
    payload = {"ranking": str((ranking or RANKING).resolve()), "editions": editions(site), "queries": queries, "settings": settings}
    done = subprocess.run([node, str(RUNNER)], input=json.dumps(payload), capture_output=True, text=True, check=True)
    out = []
    for got in json.loads(done.stdout):
        at = {lang: iter(paths) for lang, paths in got.items()}
        out.append([tuple(p.lstrip("/") for p in next(at[c.lang])) for c in cases])
    return out


def shares(cases: list[search_eval.Case], top: list[tuple[str, ...]]) -> dict[str, tuple[float, float, int]]:
    """Per language: (share first, share in top 3, queries), by the browser evaluator's own rule
    (``search_eval.Ranked``/``shares``), so node and browser figures cannot drift apart."""
    ranked = [search_eval.Ranked(c, t, 0.0, (), ()) for c, t in zip(cases, top)]
    return {s.lang: (s.first, s.top3, s.n) for s in search_eval.shares(ranked)}


def _setting(values: dict[str, float]) -> dict[str, Any]:
    return {"F": {k: v for k, v in values.items() if not k.startswith("W.")},
            "W": {k[2:]: v for k, v in values.items() if k.startswith("W.")}}


def half(query: str) -> str:
    """The half of the development set a query belongs to, "a" or "b": the parity of the first
    byte of the SHA-256 of its text (UTF-8), so the split needs no list and never moves a query."""
    return "ab"[hashlib.sha256(query.encode("utf-8")).digest()[0] % 2]


def _load(names: tuple[str, ...]) -> dict[str, list[search_eval.Case]]:
    """The cases of the named sets ("dev-a", "dev-b": a half of dev, see ``half``); a set still
    blind ("blind, never seen", or measured once by the benchmark and not yet held out) is refused:
    it is measured by the benchmark only, never ranked while the ranking is being changed."""
    never = [n for n in names if search_eval.set_role(n.split("-")[0]).startswith("blind, ")]
    if never:
        raise SystemExit(f"{', '.join(never)}: never seen; measured by scripts/bench only")
    out = {}
    for n in names:
        base, _, part = n.partition("-")
        cases = search_eval.load_cases(search_eval.SETS[base])
        out[n] = [c for c in cases if half(c.query) == part] if part else cases
    return out


def _objective(per_set: dict[str, dict[str, tuple[float, float, int]]]) -> float:
    vals = [f + t for s in per_set.values() for f, t, _ in s.values()]
    return sum(vals) / len(vals)


def evaluate(site: Path, sets: dict[str, list[search_eval.Case]], settings: list[dict[str, Any]],
             ranking: Path | None = None) -> list[dict[str, dict[str, tuple[float, float, int]]]]:
    """Per setting: set → language → shares; all sets in one node run."""
    order = [(n, c) for n, cs in sets.items() for c in cs]
    tops = rank(site, [c for _, c in order], settings, ranking)
    out = []
    for top in tops:
        per: dict[str, dict[str, tuple[float, float, int]]] = {}
        for name in sets:
            idx = [i for i, (n, _) in enumerate(order) if n == name]
            per[name] = shares([order[i][1] for i in idx], [top[i] for i in idx])
        out.append(per)
    return out


def _print(label: str, per: dict[str, dict[str, tuple[float, float, int]]]) -> None:
    for name, s in per.items():
        cells = "  ".join(f"{lang} {f:6.1%} / {t:6.1%} (n={n})" for lang, (f, t, n) in s.items())
        print(f"{label:10} {name:8} {cells}")


def fit(site: Path, rounds: int = 2, keys: tuple[str, ...] = ()) -> dict[str, float]:
    """Coordinate search over ``FIT`` (or only its ``keys``) on the tuned sets; returns the
    changed constants."""
    sets = _load(TUNED)
    chosen: dict[str, float] = {}
    best = _objective(evaluate(site, sets, [_setting(chosen)])[0])
    print(f"start objective {best:.4f}")
    for _ in range(rounds):
        moved = False
        for key, grid in FIT.items():
            if keys and key not in keys:
                continue
            trials = [{**chosen, key: v} for v in grid]
            scores = [_objective(p) for p in evaluate(site, sets, [_setting(t) for t in trials])]
            i = max(range(len(grid)), key=lambda j: scores[j])
            if scores[i] > best + 1e-9:
                best, chosen, moved = scores[i], trials[i], True
                print(f"  {key} = {grid[i]}: objective {best:.4f}")
        if not moved:
            break
    return chosen


def loso(site: Path, grid: dict[str, tuple[float, ...]], names: tuple[str, ...] = TUNED) -> dict[str, Any]:
    """Leave-one-set-out over ``names``: per left-out set, the combination of ``grid`` values best
    on the others (mean share, ``_objective``; ties: the first in grid order), and the left-out
    set's shares with it and with the current ranking. All rankings in one node run."""
    import itertools

    keys = list(grid)
    combos = [dict(zip(keys, vals)) for vals in itertools.product(*(grid[k] for k in keys))]
    per = evaluate(site, _load(names), [_setting({})] + [_setting(c) for c in combos])
    now, tried = per[0], per[1:]
    out: dict[str, Any] = {"sets": {}}
    for left in names:
        scores = [_objective({n: t[n] for n in names if n != left}) for t in tried]
        i = max(range(len(combos)), key=lambda j: (scores[j], -j))
        out["sets"][left] = {"chosen": combos[i], "now": now[left], "left_out": tried[i][left]}
    mean = lambda key: _objective({n: v[key] for n, v in out["sets"].items()})  # noqa: E731
    out["mean_now"], out["mean_left_out"] = mean("now"), mean("left_out")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--set", action="append", help="sets to rank (default TUNED; blind9 only when named)")
    parser.add_argument("--half", choices=("a", "b"), help="rank only this half of dev (see half())")
    parser.add_argument("--misses", metavar="SET", help="list the misses of this tuned-on set")
    parser.add_argument("--fit", action="store_true", help="coordinate search over FIT on the TUNED sets")
    parser.add_argument("--keys", help="with --fit: only these constants of FIT (comma-separated: title,syn,head,body)")
    parser.add_argument("--held-out", action="append", default=[], metavar="SET",
                        help="with --fit: that set's aggregate, start and chosen (may be given twice)")
    parser.add_argument("--set-constant", action="append", default=[], metavar="KEY=VALUE",
                        help="rank with this constant changed (F.key, or W.key)")
    parser.add_argument("--ranking", type=Path, help="rank with this ranking.js instead (e.g. an older version, "
                        "from git show REV:overrides/assets/search/ranking.js)")
    parser.add_argument("--loso", action="append", default=[], metavar="KEY=V1,V2",
                        help="leave-one-set-out over the tuned sets: choose KEY's value (F.key or W.key; "
                        "several: every combination) on the other sets, rank the left-out one with it")
    args = parser.parse_args(argv)
    given = {k: float(v) for k, v in (kv.split("=", 1) for kv in args.set_constant)}
    if args.half:
        args.set = [f"dev-{args.half}" if n == "dev" else n for n in (args.set or ["dev"])]
        args.misses = f"dev-{args.half}" if args.misses == "dev" else args.misses
    if args.misses:
        if args.misses.partition("-")[0] not in TUNED:
            raise SystemExit(f"misses are listed only for the sets tuned on ({', '.join(TUNED)}); "
                             f"{', '.join(HELD_OUT)} are read as aggregates only")
        cases = _load((args.misses,))[args.misses]
        top = rank(args.site, cases, [_setting(given)], args.ranking)[0]
        for c, t in zip(cases, top):
            if not (t and t[0] in c.want):
                mark = "top3" if any(p in c.want for p in t) else "MISS"
                print(f"  {mark} {c.lang} {c.query!r} want {c.want[0]!r} got {list(t)}")
        return 0
    if args.loso:
        grid = {k: tuple(float(x) for x in v.split(",")) for k, v in (kv.split("=", 1) for kv in args.loso)}
        got = loso(args.site, grid)
        for name, r in got["sets"].items():
            print(f"left out {name:8} chosen {json.dumps(r['chosen'])}")
            _print("  now", {name: r["now"]})
            _print("  chosen", {name: r["left_out"]})
        print(f"mean share (first + top 3, per language and set): now {got['mean_now']:.4f}, "
              f"left out with the chosen values {got['mean_left_out']:.4f}")
        return 0
    if args.fit:
        chosen = fit(args.site, keys=tuple(args.keys.split(",")) if args.keys else ())
        print("chosen:", json.dumps(chosen))
        names = TUNED + tuple(args.held_out)
        start, end = evaluate(args.site, _load(names), [_setting({}), _setting(chosen)])
        _print("start", start)
        _print("chosen", end)
        return 0
    names = tuple(args.set or DEFAULT)
    _print("now", evaluate(args.site, _load(names), [_setting(given)], args.ranking)[0])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
