"""Fit ranking.js's correction LIN: a linear model over the features rankPages already computes.

Why (round 9): three rounds of hand-set score tweaks for "a page named by one query word, or a
long page meeting the words in many sections, beats the section holding the rest" each lifted
the tuned sets and did not hold out. This fits all the weights at once on every tuned set's
queries (about 800) instead: per query, the wanted page against every other scored page, by
pairwise logistic loss on (score + w · features), L2-regularised towards w = 0 (the hand-set
score alone); the regularisation is chosen by leave-one-set-out cross-validation on the tuned sets,
and only then is a held-out set read (``bench.search_fit --set blind9`` since round 11; blind8 in round 10).

    python -m bench.search_fit_model                 # cross-validation table, then the fit on all tuned sets
    python -m bench.search_fit_model --write         # … and write the chosen weights into ranking.js (LIN)
    python -m bench.search_fit_model --lam 3 --write # a given regularisation, no cross-validation

Pure Python (Newton's method on a dozen weights); ranking.js stays the one source of the score.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench import search_eval, search_fit

LAMBDAS = (0.1, 0.3, 1.0, 3.0)
#: Negatives of a query: the other pages among the hand-set score's first NEAR (0: all scored).
NEAR = 0
MIN_SHARE = 0.2  # search.js: pages under this share of the best score are not shown
BLOCK = re.compile(r"(// LIN:begin\n).*?(\n\s*// LIN:end)", re.S)


@dataclass(frozen=True)
class Scored:
    """One query with every page rankPages scored: (path, hand-set score, features)."""

    case: search_eval.Case
    pages: tuple[tuple[str, float, tuple[float, ...]], ...]


def features_names() -> list[str]:
    """FEATURES of ranking.js, in order."""
    text = search_fit.RANKING.read_text("utf-8")
    match = re.search(r"const FEATURES = \[(.*?)\];", text, re.S)
    assert match, "ranking.js has no FEATURES"
    return re.findall(r'"(\w+)"', match.group(1))


def collect(site: Path, names: tuple[str, ...]) -> dict[str, list[Scored]]:
    """Per set, every query's scored pages with the hand-set score alone (``F.fitted`` 0)."""
    sets = search_fit._load(names)
    order = [(n, c) for n, cs in sets.items() for c in cs]
    node = shutil.which("node")
    if not node:
        raise SystemExit("node is needed")
    queries = {lang: [c.query for _, c in order if c.lang == lang] for lang in search_eval.HOMES}
    payload = {"ranking": str(search_fit.RANKING.resolve()), "editions": search_fit.editions(site),
               "queries": queries, "settings": [{"F": {"fitted": 0}, "W": {}}], "features": True}
    done = subprocess.run([node, str(search_fit.RUNNER)], input=json.dumps(payload), capture_output=True,
                          text=True, check=True)
    got = json.loads(done.stdout)[0]
    at = {lang: iter(rows) for lang, rows in got.items()}
    out: dict[str, list[Scored]] = {n: [] for n in sets}
    for n, c in order:
        rows = next(at[c.lang])
        out[n].append(Scored(c, tuple((u.lstrip("/"), float(s), tuple(float(v) for v in x)) for u, s, x in rows)))
    return out


def top3(q: Scored, w: list[float]) -> tuple[str, ...]:
    """The three pages shown with the correction ``w`` (search.js's cut-off on the new score)."""
    scored = sorted(((s + sum(a * b for a, b in zip(w, x)), u) for u, s, x in q.pages),
                    key=lambda t: -t[0])
    floor = scored[0][0] * MIN_SHARE if scored else 0.0
    return tuple(u for s, u in scored if s > 0 and s >= floor)[:3]


def shares(qs: list[Scored], w: list[float]) -> dict[str, tuple[float, float, int]]:
    return search_fit.shares([q.case for q in qs], [top3(q, w) for q in qs])


def _pairs(qs: list[Scored], near: int = NEAR) -> list[tuple[float, list[float], float]]:
    """(base score gap, feature gap, weight) for the wanted page against each other scored page;
    each query weighs 1 in all (its pairs share it), a query with no wanted page scored none."""
    out = []
    for q in qs:
        wanted = [p for p in q.pages if p[0] in q.case.want]
        if not wanted:
            continue
        pos = max(wanted, key=lambda p: p[1])
        neg = [p for p in (q.pages[:near] if near else q.pages) if p[0] not in q.case.want]
        if not neg:
            continue
        for u, s, x in neg:
            out.append((pos[1] - s, [a - b for a, b in zip(pos[2], x)], 1 / len(neg)))
    return out


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """a x = b by Gaussian elimination with partial pivoting (a is small and positive definite)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for i in range(n):
        p = max(range(i, n), key=lambda r: abs(m[r][i]))
        m[i], m[p] = m[p], m[i]
        for r in range(i + 1, n):
            f = m[r][i] / m[i][i]
            for c in range(i, n + 1):
                m[r][c] -= f * m[i][c]
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (m[i][n] - sum(m[i][c] * x[c] for c in range(i + 1, n))) / m[i][i]
    return x


def fit(qs: list[Scored], lam: float, dims: int, near: int = NEAR, steps: int = 25) -> list[float]:
    """Minimise Σ pairs weight · log(1 + exp(-(gap + w · dx))) + lam · queries / 2 · |w|² (Newton)."""
    pairs = _pairs(qs, near)
    reg = lam * len(qs)
    w = [0.0] * dims
    for _ in range(steps):
        grad = [reg * v for v in w]
        hess = [[reg if i == j else 0.0 for j in range(dims)] for i in range(dims)]
        for gap, dx, wt in pairs:
            z = gap + sum(a * b for a, b in zip(w, dx))
            p = 1 / (1 + math.exp(z)) if z > -30 else 1.0  # σ(-z)
            g = -wt * p
            h = wt * p * (1 - p)
            for i in range(dims):
                if dx[i]:
                    grad[i] += g * dx[i]
                    hi = h * dx[i]
                    row = hess[i]
                    for j in range(dims):
                        row[j] += hi * dx[j]
        step = _solve(hess, grad)
        w = [v - s for v, s in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def _mean(per: dict[str, tuple[float, float, int]]) -> float:
    return sum(f + t for f, t, _ in per.values()) / (2 * len(per))


def cross_validate(data: dict[str, list[Scored]], dims: int, near: int = NEAR) -> dict[float, float]:
    """λ → mean (first + top 3) / 2 over the left-out sets and languages; λ = inf is w = 0."""
    out = {}
    for lam in (math.inf, *LAMBDAS):
        vals = []
        for held in data:
            train = [q for n, qs in data.items() if n != held for q in qs]
            w = [0.0] * dims if lam == math.inf else fit(train, lam, dims, near)
            vals.append(_mean(shares(data[held], w)))
        out[lam] = sum(vals) / len(vals)
        print(f"  lambda {lam:>6}: left-out mean {out[lam]:.4f}", flush=True)
    return out


def write(weights: dict[str, float], ranking: Path = search_fit.RANKING) -> None:
    """Replace ranking.js's LIN block with ``weights`` (the generator: LIN is never edited by hand)."""
    body = ", ".join(f"{k}: {v:.4f}" for k, v in weights.items())
    text = ranking.read_text("utf-8")
    new, n = BLOCK.subn(lambda m: f"{m.group(1)}  const LIN = {{ {body} }};{m.group(2)}", text)
    assert n == 1, "ranking.js has no LIN block"
    ranking.write_text(new, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=search_fit.ROOT / "site")
    parser.add_argument("--lam", type=float, help="this regularisation (no cross-validation)")
    parser.add_argument("--near", type=int, default=NEAR, help="negatives: the other pages among the first N (0: all)")
    parser.add_argument("--write", action="store_true", help="write the fitted weights into ranking.js")
    args = parser.parse_args(argv)
    names = features_names()
    data = collect(args.site, search_fit.TUNED)
    lam = args.lam
    if lam is None:
        cv = cross_validate(data, len(names), args.near)
        lam = max(cv, key=lambda k: cv[k])
    print(f"chosen lambda {lam}")
    if lam == math.inf:
        w = [0.0] * len(names)
    else:
        w = fit([q for qs in data.values() for q in qs], lam, len(names), args.near)
    print("weights:", json.dumps({k: round(v, 4) for k, v in zip(names, w)}))
    for n, qs in data.items():
        before, after = shares(qs, [0.0] * len(names)), shares(qs, w)
        print(f"{n:8} " + "  ".join(f"{lang} {before[lang][0]:6.1%}/{before[lang][1]:6.1%} → "
                                     f"{after[lang][0]:6.1%}/{after[lang][1]:6.1%}" for lang in before))
    if args.write:
        write({k: v for k, v in zip(names, w) if abs(v) >= 5e-5})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
