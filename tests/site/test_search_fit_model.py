"""bench/search_fit_model.py (round 9): the pairwise logistic fit of ranking.js's LIN correction,
its generator, and the features rankPages hands it. No build needed (fixture tables)."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import pytest

from bench import search_eval, search_fit, search_fit_model
from tests.site.test_search_ranking_unit import CASES, _rank_inputs


def _query(want: str, pages: list[tuple[str, float, tuple[float, ...]]]) -> search_fit_model.Scored:
    return search_fit_model.Scored(search_eval.Case("zh", want, (want,), (want,)), tuple(pages))


def test_the_fit_learns_the_feature_that_puts_wanted_pages_first() -> None:
    """Wanted pages score a little lower by hand but hold more of the query (feature 0); the
    other feature is noise. The fit gives feature 0 a positive weight that ranks them first,
    and a strong regularisation keeps the hand-set order (w near 0)."""
    qs = [_query(f"w{i}/", [(f"o{i}/", 2.0 + i / 10, (0.2, (i % 3) / 3)), (f"w{i}/", 1.8 + i / 10, (1.0, (i % 2) / 2))])
          for i in range(20)]
    assert search_fit_model.shares(qs, [0.0, 0.0])["zh"][0] == 0.0
    w = search_fit_model.fit(qs, 0.001, 2)
    assert w[0] > 0.25 and abs(w[1]) < w[0]
    assert search_fit_model.shares(qs, w)["zh"][0] == 1.0
    strong = search_fit_model.fit(qs, 1000.0, 2)
    assert search_fit_model.shares(qs, strong)["zh"][0] == 0.0


def test_the_generator_rewrites_only_the_lin_block(tmp_path: Path) -> None:
    js = tmp_path / "ranking.js"
    js.write_text("const A = 1;\n  // LIN:begin\n  const LIN = {};\n  // LIN:end\nconst B = 2;\n", "utf-8")
    search_fit_model.write({"names": 0.25, "unnamed": -0.5}, js)
    assert js.read_text("utf-8") == ("const A = 1;\n  // LIN:begin\n  const LIN = { names: 0.2500, unnamed: -0.5000 };"
                                     "\n  // LIN:end\nconst B = 2;\n")


@pytest.mark.skipif(not shutil.which("node"), reason="node is needed")
def test_rank_pages_gives_one_value_per_feature_and_an_empty_lin_changes_no_score() -> None:
    """Every scored page carries one value per FEATURES name (the list the fit reads from
    ranking.js), and the box's LIN as committed (empty: the fit was left out) adds nothing.
    Round 10: with LIN empty and F.features off (the box) no features are computed at all (no
    page carries x) and every score is the same as with them."""
    script = r"""
const R = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = cases.rank.map((c) => {
  const a = R.analyse(c.query, c.vocab, new Set(cases.vocab.stop[c.lang]));
  const w = R.termWeights(a.terms, c.vocab, a.negated);
  R.F.features = 1;
  R.F.fitted = 1;
  const on = R.rankPages(a.terms, c.compact, w, a.minor, a.defining);
  R.F.fitted = 0;
  const off = R.rankPages(a.terms, c.compact, w, a.minor, a.defining);
  R.F.features = 0;
  R.F.fitted = 1;
  const box = R.rankPages(a.terms, c.compact, w, a.minor, a.defining);
  const scores = (rs) => JSON.stringify(rs.map((r) => [r.url, r.score]));
  return { lengths: on.map((r) => r.x.length), same: JSON.stringify(on.map((r) => r.score)) === JSON.stringify(off.map((r) => r.score)),
           boxBare: box.every((r) => r.x === undefined), boxSame: scores(box) === scores(off) };
});
process.stdout.write(JSON.stringify({ features: R.FEATURES, lin: R.LIN, out }));
"""
    english = {**CASES, "rank": [_rank_inputs(c) for c in CASES["rank"] if c["lang"] == "en"]}  # no jieba to load
    got = json.loads(subprocess.run(["node", "-e", script, str(search_fit.RANKING)], input=json.dumps(english),
                                    capture_output=True, text=True, check=True).stdout)
    assert got["features"] == search_fit_model.features_names()
    assert got["out"] and all(set(o["lengths"]) <= {len(got["features"])} and o["lengths"] for o in got["out"])
    assert all(o["same"] for o in got["out"]) == (not got["lin"])
    if not got["lin"]:
        assert all(o["boxBare"] and o["boxSame"] for o in got["out"])
    assert all(math.isfinite(v) for v in got["lin"].values())
