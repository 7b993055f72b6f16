"""The search box's query analysis and ranking (overrides/assets/search/ranking.js) under node,
on fixture cases beside their expected output (fixtures/search_ranking_cases.json), and the
build steps it reads (sitebuild/search/vocabulary.py, sitebuild/search/sections.py) on small page
records. The ranking cases go the whole way: fixture pages → page records → section table and
vocabulary (Python) → analyse() and rankPages() (node). No build needed."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild.search import sections as search_sections
from sitebuild.search import vocabulary as search_vocabulary

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

RANKING = ROOT / "overrides" / "assets" / "search" / "ranking.js"
CASES = json.loads((HERE / "fixtures" / "search_ranking_cases.json").read_text("utf-8"))
NODE = shutil.which("node")

#: Runs every fixture case through ranking.js; prints one JSON answer.
_RUNNER = r"""
const R = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const stop = (lang) => new Set(cases.vocab.stop[lang]);
const vocab = (lang) => JSON.parse(JSON.stringify(cases.vocab[lang]));
const terms = (r) => ({ terms: r.terms, fixes: r.fixes });
const out = {
  analyse: cases.analyse.map((c) => terms(R.analyse(c.query, vocab(c.lang), stop(c.lang)))),
  minor: cases.minor.map((c) => R.analyse(c.query, vocab(c.lang), stop(c.lang)).minor),
  defining: cases.defining.map((c) => {
    const a = R.analyse(c.query, vocab(c.lang), stop(c.lang));
    return { defining: a.defining, terms: a.terms };
  }),
  weights: cases.weights.map((c) => R.termWeights(c.terms, vocab(c.lang), c.negated || [])),
  stems: cases.stems.map(([w]) => R.stem(w)),
  fuzzy: cases.fuzzy.map(([s]) => R.fuzzy(s)),
  highlight: cases.highlight.map((c) => {
    const terms = R.highlightTerms(c.h, stop(c.lang));
    return terms.length ? (c.text.match(R.highlightPattern(terms)) || []) : [];
  }),
  // A case's "F" sets constants for it alone (a mechanism tested apart from a later one that
  // reorders its small pages: round 11's neighbouring sections), restored after it.
  rank: cases.rank.map((c) => {
    const saved = { ...R.F };
    Object.assign(R.F, c.F || {});
    const v = c.vocab;
    const a = R.analyse(c.query, v, stop(c.lang));
    const ranked = R.rankPages(a.terms, c.compact, R.termWeights(a.terms, v, a.negated), a.minor, a.defining);
    Object.assign(R.F, saved);
    return { order: ranked.map((r) => r.url.replace(/\//g, "")), section: ranked[0]?.section ?? null };
  }),
  // The same queries on the plain table (sections.table) and the file's compact one: every
  // page's score, section and place the same; and the box's expand() gives the plain postings.
  compactSame: cases.rank.map((c) => {
    const a = R.analyse(c.query, c.vocab, stop(c.lang));
    const w = R.termWeights(a.terms, c.vocab);
    const strip = (l) => l.map((r) => [r.url, r.score, r.section]);
    return JSON.stringify(strip(R.rankPages(a.terms, c.table, w, a.minor)))
      === JSON.stringify(strip(R.rankPages(a.terms, c.compact, w, a.minor)));
  }),
  expanded: cases.rank.map((c) => ["title", "syn", "head", "body"].every(
    (f) => JSON.stringify(R.expand(c.compact[f])) === JSON.stringify(c.table[f]))),
};
process.stdout.write(JSON.stringify(out));
"""


def _records(pages: dict[str, dict]) -> list[dict]:
    """Pagefind-like page records of fixture pages: {name: {title, synonyms, rank, sections:
    [[heading ("" for the top), text]]}} ("home" is the page at "/"); the content's words are space-separated, anchors at
    their word index, section k's anchor id "h<k-1>" (the top has none)."""
    out = []
    for name, page in pages.items():
        words = [page["title"], *page["synonyms"]]
        anchors = [{"element": "h1", "id": "t", "text": page["title"], "location": 0}]
        for k, (heading, text) in enumerate(page["sections"]):
            if heading:
                anchors.append({"element": "h2", "id": f"h{k - 1}", "text": heading, "location": len(words)})
                words.append(heading)
            words += text.split()
        meta = {"title": page["title"], "synonyms": "|".join(page["synonyms"]), "rank": str(page["rank"])}
        out.append({"url": "/" if name == "home" else f"/{name}/", "content": " ".join(words), "meta": meta, "anchors": anchors})
    return out


def _rank_inputs(case: dict) -> dict:
    records = _records(case["pages"])
    table = search_sections.table(records, [f"f{i}" for i in range(len(records))], case["lang"],
                                  set(case.get("terms", ())))
    vocab = (search_vocabulary.zh_vocabulary(records) if case["lang"] == "zh"
             else search_vocabulary.en_vocabulary(records))
    return {**case, "table": table, "compact": search_sections.compact(table), "vocab": vocab}


#: The tests reading the node run (and the section tables it was given) share one worker, so the
#: cases' tables and vocabularies are built once per run (each zh case loads jieba's dictionary
#: twice: seconds of CPU), not once on every worker that draws one of them.
ONE_RUN = pytest.mark.xdist_group("search_ranking_unit")
#: Every test here on that worker: the vocabulary and section tests load jieba's dictionary with the
#: user dictionary too (sitebuild/search/jieba_tokenizers.py: once per process), and so do
#: tests/test_search_words.py and tests/sitebuild/test_jieba_tokenizers.py (the same group).
pytestmark = ONE_RUN


@pytest.fixture(scope="module")
def rank_inputs() -> list[dict]:
    """Every ranking case with its section table, compact table and vocabulary, built once."""
    return [_rank_inputs(c) for c in CASES["rank"]]


@pytest.fixture(scope="module")
def answers(rank_inputs: list[dict]) -> dict:
    if NODE is None:
        pytest.fail("node is not installed (./scripts/setup installs the npm packages with it)")
    cases = {**CASES, "rank": rank_inputs}
    done = subprocess.run([NODE, "-e", _RUNNER, str(RANKING)], input=json.dumps(cases), capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


@ONE_RUN
@pytest.mark.parametrize("i", range(len(CASES["analyse"])), ids=[c["query"] for c in CASES["analyse"]])
def test_query_terms_and_corrections(answers: dict, i: int) -> None:
    case, got = CASES["analyse"][i], answers["analyse"][i]
    assert got == {"terms": case["terms"], "fixes": case["fixes"]}, case["why"]


@ONE_RUN
def test_topic_words_weigh_more_than_side_words(answers: dict) -> None:
    assert answers["weights"] == [c["weights"] for c in CASES["weights"]]


@ONE_RUN
def test_stop_words_are_kept_aside_to_count_a_little(answers: dict) -> None:
    assert answers["minor"] == [c["minor"] for c in CASES["minor"]]


@ONE_RUN
@pytest.mark.parametrize("i", range(len(CASES["defining"])), ids=[c["query"] for c in CASES["defining"]])
def test_a_query_asking_what_a_word_means_is_told_apart(answers: dict, i: int) -> None:
    """是什么 / 什么意思 / "what is" / "what does … mean" mark a defining query; the cue words
    (意思, "mean") leave its terms unless nothing else is left."""
    case = CASES["defining"][i]
    assert answers["defining"][i] == {"defining": case["defining"], "terms": case["terms"]}


@ONE_RUN
def test_stem_and_fuzzy_pinyin_are_the_same_in_python_and_javascript(answers: dict) -> None:
    assert answers["stems"] == [want for _, want in CASES["stems"]]
    assert answers["stems"] == [search_sections.stem(w) for w, _ in CASES["stems"]]
    assert answers["fuzzy"] == [want for _, want in CASES["fuzzy"]]
    assert answers["fuzzy"] == [search_vocabulary.fuzzy(s) for s, _ in CASES["fuzzy"]]


@ONE_RUN
@pytest.mark.parametrize("i", range(len(CASES["highlight"])), ids=[c["h"] for c in CASES["highlight"]])
def test_highlight_whole_words_never_stop_words(answers: dict, i: int) -> None:
    assert answers["highlight"][i] == CASES["highlight"][i]["marked"]


@ONE_RUN
@pytest.mark.parametrize("i", range(len(CASES["rank"])), ids=[c["why"][:40] for c in CASES["rank"]])
def test_rank_pages_order_and_answering_section(answers: dict, i: int) -> None:
    case, got = CASES["rank"][i], answers["rank"][i]
    assert got["order"][:len(case["order"])] == case["order"], case["why"]
    assert got["section"] == case["section"], case["why"]


def test_a_section_excerpt_never_starts_with_the_headings_colon() -> None:
    """search.js draws each sub-result's excerpt through ranking.js ``tidyExcerpt``: Pagefind's
    excerpt of a section can begin where its heading ended, with the heading's "：" (诉讼费：谁出、
    多少); punctuation that cannot open a sentence is dropped there, also inside a leading mark,
    and nowhere else."""
    cases = [["：诉讼费先由银行预交", "诉讼费先由银行预交"],
             ["<mark>：</mark>诉讼费", "<mark></mark>诉讼费"],
             [": the court fee is paid first", "the court fee is paid first"],
             ["<mark>诉讼费</mark>：谁出", "<mark>诉讼费</mark>：谁出"],
             ["， 、先还利息", "先还利息"],
             ["先还利息：再还本金", "先还利息：再还本金"]]
    script = ("const R = require(process.argv[1]);"
              "process.stdout.write(JSON.stringify(JSON.parse(require('fs').readFileSync(0, 'utf8'))"
              ".map(([x]) => R.tidyExcerpt(x))));")
    done = subprocess.run([NODE, "-e", script, str(RANKING)], input=json.dumps(cases), capture_output=True,
                          text=True, check=True)
    assert json.loads(done.stdout) == [want for _, want in cases]
    search_js = (ROOT / "overrides" / "assets" / "search" / "search.js").read_text("utf-8")
    assert "excerpt: R.tidyExcerpt(s.excerpt)" in search_js


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
    assert "催收" in vocab["sounds"]["cuisou"] and vocab["sounds"]["weilidai"] == ["微粒贷"]  # fuzzy: sh → s
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
    assert "different" not in vocab["generic"]  # not in the text


def test_en_vocabulary_lists_real_words_near_index_words() -> None:
    """"wrote" (one slip from the index's "write") is a real word: listed, so never corrected;
    "statue" is not among the most used words: a slip for "statute" may still be corrected."""
    records = [_record("About", "Who can write to us. The statute of limitations. Different rules.")]
    vocab = search_vocabulary.en_vocabulary(records)
    assert "wrote" in vocab["common"] and "statue" not in vocab["common"]
    assert "write" not in vocab["common"]  # an index word is never listed
    assert "different" in vocab["generic"] and "statute" not in vocab["generic"]


def test_a_number_in_a_heading_is_a_name_in_both_editions() -> None:
    """Round 5: a hotline or year in a title or heading ("Calling 95384") names that section, so a
    query of it is a topic term (weight 1), not a side word; a number only in the text is not."""
    en = search_vocabulary.en_vocabulary([_record("Negotiating", "Call 12378 or the bank.", "", ("Calling 95384",))])
    assert "95384" in en["names"] and "12378" not in en["names"]
    zh = search_vocabulary.zh_vocabulary([_record("和银行协商", "打12378投诉。", "", ("打 95384",))])
    assert "95384" in zh["names"] and "12378" not in zh["names"]


def test_zh_vocabulary_marks_general_words_that_name_no_page() -> None:
    records = [_record("被催收了怎么办", "催收的人不是法院。有多少人被催收。"), _record("逾期", "逾期多少天。")]
    vocab = search_vocabulary.zh_vocabulary(records)
    assert {"多少", "不是"} <= set(vocab["generic"]) and "催收" not in vocab["generic"]


# -- the section table ---------------------------------------------------------------------------

@ONE_RUN
def test_compact_table_ranks_every_case_as_the_plain_table(answers: dict, rank_inputs: list[dict]) -> None:
    """The file's compact postings (sections.compact) give ranking.js the same postings and every
    fixture query the same pages, scores and sections as the plain table."""
    assert answers["expanded"] == [True] * len(CASES["rank"])
    assert answers["compactSame"] == [True] * len(CASES["rank"])
    assert len(rank_inputs) == len(CASES["rank"])
    for inputs in rank_inputs:
        table = inputs["table"]
        assert search_sections.expand(search_sections.compact(table)) == table



def test_a_posting_counted_once_is_one_number_in_the_file() -> None:
    """v 3 (round 8): a posting whose count is 1 is written -(gap + 1), one number instead of
    two (the zh table had outgrown its cap); others stay gap, count; expand undoes both. v 5
    (round 9): the words joined by a space and each word's numbers one string of 5-bit digits
    (zigzag: -1 → "B", 3 → "G"; a gap of 100 → 200 → "oG", two characters), the strings joined by
    a space; a word holding white space is refused, and a v 3 file still expands."""
    table = {"pages": [], "sections": [], "len": {},
             **{f: {} for f in search_sections.FIELDS},
             "body": {"催收": [0, 1, 3, 2, 4, 1], "起诉": [2, 5], "诉讼费": [100, 2]}}
    packed = search_sections.compact(table)
    assert packed["v"] == 5
    assert packed["body"] == ["催收 诉讼费 起诉", "BGED oGE EK"]
    assert search_sections.expand(packed) == table
    v3 = {**packed, "v": 3, "body": ["催收\n诉讼费\n起诉", [-1, 3, 2, -2], [100, 2], [2, 5]],
          **{f: [""] for f in search_sections.FIELDS if f != "body"}}
    assert search_sections.expand(v3) == table
    assert search_sections._numbers("".join(search_sections._digits(n) for n in range(-5000, 5000, 7))) \
        == list(range(-5000, 5000, 7))
    with pytest.raises(ValueError, match="white space"):
        search_sections.compact({**table, "body": {"unable to": [0, 1]}})


def test_section_table_splits_pages_at_headings_and_keeps_names_apart() -> None:
    records = _records({
        "collection": {"title": "催收与你的权利", "synonyms": ["暴力催收"], "rank": 1,
                       "sections": [["", "催收方只能找你本人。"], ["不要以贷养贷", "借新还旧。"]]},
        "glossary": {"title": "术语表", "synonyms": [], "rank": 0.5, "sections": [["以贷养贷", "借新贷还旧贷。"]]}})
    table = search_sections.table(records, ["a", "b"], "zh")
    assert [p[:4] for p in table["pages"]] == [["/collection/", "催收与你的权利", 1.0, "a"], ["/glossary/", "术语表", 0.5, "b"]]
    def length(field: str, page: int) -> int:  # words of the page's title / synonym line
        return sum(c for posting in table[field].values() for p, c in zip(posting[::2], posting[1::2]) if p == page)
    assert [p[4:] for p in table["pages"]] == [[length("title", i), length("syn", i)] for i in (0, 1)]
    assert table["pages"][0][5] == 3 and table["pages"][1][5] == 0  # 暴力催收: 暴力, 催收 and the whole
    assert [s[:3] for s in table["sections"]] == [[0, "", ""], [0, "h0", "不要以贷养贷"], [1, "", ""],
                                                   [1, "h-1", "以贷养贷"]]
    assert table["title"]["催收"] == [0, 1] and table["syn"]["暴力催收"] == [0, 1]
    assert "暴力催收" not in table["body"] and "权利" not in table["body"]  # title and synonyms are not text
    # A heading's phrase is one word in every page (the box cuts 以贷养贷 so too).
    assert table["head"]["以贷养贷"] == [1, 1, 3, 1]
    assert table["body"]["催收"] == [0, 1]


def test_defining_sections_are_the_glossary_entries_of_the_term_list() -> None:
    """``defines``: the glossary page's sections whose anchor is a [[term]] id of i18n/terms.toml
    (not its section headings, not another page's section of the same id)."""
    records = _records({
        "reference/glossary": {"title": "术语表", "synonyms": [], "rank": 0.5,
                               "sections": [["", "用语。"], ["违约金", "赔偿。"], ["费用", "分组。"]]},
        "costs": {"title": "费用", "synonyms": [], "rank": 1, "sections": [["", "罚息。"], ["违约金", "按合同。"]]}})
    table = search_sections.table(records, ["a", "b"], "zh", {"h0"})
    assert [table["sections"][s][:3] for s in table["defines"]] == [[0, "h0", "违约金"]]
    assert {"overdue", "penalty-interest", "liquidated-damages"} <= search_sections.term_ids()
    assert "overdue-and-charges" not in search_sections.term_ids()  # a [[section]], not a term


def test_char_sounds_keep_a_characters_usual_readings_only() -> None:
    """还 is read hai or huan (pypinyin also lists a rare "fu", which turned 不还 into 不服 and
    还钱 into 付钱): only a character's first two readings count for sound-alike repairs."""
    sounds = search_vocabulary.char_sounds("还不服付")
    assert "还" in sounds["hai"] and "还" in sounds["huan"] and "还" not in sounds.get("fu", "")
    assert "服" in sounds["fu"] and "付" in sounds["fu"] and "不" in sounds["bu"]
