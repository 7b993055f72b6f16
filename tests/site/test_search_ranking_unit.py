"""The search box's query analysis and scoring (overrides/assets/search/ranking.js) under node,
on fixture cases beside their expected output (fixtures/search_ranking_cases.json), and the
vocabulary build step (sitebuild/search/vocabulary.py) on small page records. No build needed."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild.search import vocabulary as search_vocabulary

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

RANKING = ROOT / "overrides" / "assets" / "search" / "ranking.js"
CASES = json.loads((HERE / "fixtures" / "search_ranking_cases.json").read_text("utf-8"))
NODE = shutil.which("node")

#: Runs every fixture case through ranking.js; prints one JSON answer.
_RUNNER = """
const R = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const stop = (lang) => new Set(cases.vocab.stop[lang]);
const vocab = (lang) => JSON.parse(JSON.stringify(cases.vocab[lang]));
const out = {
  analyse: cases.analyse.map((c) => R.analyse(c.query, vocab(c.lang), stop(c.lang))),
  weights: cases.weights.map((c) => R.termWeights(c.terms, vocab(c.lang))),
  highlight: cases.highlight.map((c) => {
    const terms = R.highlightTerms(c.h, stop(c.lang));
    return terms.length ? (c.text.match(R.highlightPattern(terms)) || []) : [];
  }),
  score: cases.score.map((c) => Object.entries(c.pages)
    .map(([name, p]) => [name, R.score(p, c.terms, c.best, c.weights).score])
    .sort((a, b) => b[1] - a[1]).map(([name]) => name)),
};
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def answers() -> dict:
    if NODE is None:
        pytest.fail("node is not installed (./scripts/setup installs the npm packages with it)")
    done = subprocess.run([NODE, "-e", _RUNNER, str(RANKING)], input=json.dumps(CASES), capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("i", range(len(CASES["analyse"])), ids=[c["query"] for c in CASES["analyse"]])
def test_query_terms_and_corrections(answers: dict, i: int) -> None:
    case, got = CASES["analyse"][i], answers["analyse"][i]
    assert got == {"terms": case["terms"], "fixes": case["fixes"]}, case["why"]


def test_topic_words_weigh_more_than_side_words(answers: dict) -> None:
    assert answers["weights"] == [c["weights"] for c in CASES["weights"]]


@pytest.mark.parametrize("i", range(len(CASES["highlight"])), ids=[c["h"] for c in CASES["highlight"]])
def test_highlight_whole_words_never_stop_words(answers: dict, i: int) -> None:
    assert answers["highlight"][i] == CASES["highlight"][i]["marked"]


def _score_case(i: int) -> object:
    case = CASES["score"][i]
    if case.get("known_failure"):  # strict: the day it passes, the mark must go
        return pytest.param(i, marks=pytest.mark.xfail(strict=True, reason=case["known_failure"]))
    return i


@pytest.mark.parametrize("i", [_score_case(i) for i in range(len(CASES["score"]))],
                         ids=[c["why"][:40] for c in CASES["score"]])
def test_score_order(answers: dict, i: int) -> None:
    assert answers["score"][i] == CASES["score"][i]["order"], CASES["score"][i]["why"]


# -- the vocabulary build step ------------------------------------------------------------------

def _record(title: str, text: str, synonyms: str = "", headings: tuple[str, ...] = ()) -> dict:
    anchors = [{"element": "h1", "id": "t", "text": title, "location": 0}]
    anchors += [{"element": "h2", "id": f"h{i}", "text": h, "location": i + 1} for i, h in enumerate(headings)]
    return {"content": text, "meta": {"title": title, "synonyms": synonyms}, "anchors": anchors}


def test_zh_vocabulary_maps_sounds_to_the_pages_words() -> None:
    records = [_record("被催收了怎么办", "催收\u200b电话打来，催收方不得骚扰家人。催收投诉。", "催收电话",
                       ("催收方不可以做什么",)),
               _record("微粒贷逾期", "微粒贷逾期后，征信会记录。微粒贷。")]
    vocab = search_vocabulary.zh_vocabulary(records)
    assert "催收" in vocab["sounds"]["cuishou"] and vocab["sounds"]["weilidai"] == ["微粒贷"]
    assert {"催收", "催收电话", "微粒贷"} <= set(vocab["words"])
    assert "催收电话" in vocab["topics"] and "骚扰" not in vocab["topics"]
    assert "崔" in vocab["chars"]["cui"] and "催" in vocab["chars"]["cui"]
    assert "还" in vocab["chars"]["huan"] and "还" in vocab["chars"]["hai"]  # every reading


def test_en_vocabulary_counts_words_and_names() -> None:
    records = [_record("Collection calls", "Collectors may not call at night. Harassment is banned.",
                       "harassment|debt collector", ("What collectors may not do",))]
    vocab = search_vocabulary.en_vocabulary(records)
    assert vocab["words"]["collectors"] == 1 and "at" not in vocab["words"]  # text only, 3+ letters
    assert {"collection", "calls", "harassment", "collector", "collectors"} <= set(vocab["names"])
    assert "collectors" in vocab["names"] and "collectors" not in vocab["topics"]
    assert {"collection", "harassment"} <= set(vocab["topics"])
