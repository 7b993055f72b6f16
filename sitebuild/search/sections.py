"""The section table the search box ranks with: per edition, every section's words by field.

Why: Pagefind scores a page by the words it holds anywhere, so a page that only mentions a
query's words can beat the page whose title or section is about them, and its scores cannot be
weighed by field. This step reads the finished Pagefind bundle's page records (so it sees exactly
the text Pagefind indexed, synonym line included) and writes ``<bundle>/wld-sections.json``, which
overrides/assets/search/ranking.js ranks with BM25F (title > synonyms > heading > body, idf from
the site itself) and rolls up to pages:

- ``pages``: [url, title, rank weight, Pagefind fragment id, title length, synonym line length]
  per page (lengths in words);
- ``sections``: [page index, anchor id ("" for the text before the first heading), heading,
  body length in words];
- ``title``, ``syn``: word → the pages whose title / synonym line holds it, as [page, count, …];
- ``head``, ``body``: word → the sections whose heading / text holds it, as [section, count, …];
- ``len``: mean length of title, synonym line, heading and body, in words;
- ``defines``: the sections that define a term: the glossary's entries (``[[term]]`` of
  i18n/terms.toml, by their anchor id on ``GLOSSARY``), for a query that asks what a word means.

The file holds the postings compacted (``compact``, ``"v": 5``: each field's words once, joined by
spaces, and page or section indices as gaps; a posting whose count is 1, most of them, as the one
number -(gap + 1), round 8; the numbers in 5-bit digits, one string per word, round 9); ranking.js ``prepare`` expands them as ``expand`` does, so the
ranking is the same as on the plain table.

Words: zh, jieba (i18n/jieba_userdict.txt and the site's short titles, headings and synonyms; each
word with the dictionary words inside it) of every Han run, 2+ characters, plus a
title's or synonym's whole run (催收电话); en, lower-case words stemmed by ``stem`` (the same rule
as ranking.js ``stem``, checked by tests/site/test_search_ranking_unit.py).

    python -m sitebuild.search.sections --site site
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sitebuild.search.bundles import rewrite_each
from sitebuild.search.vocabulary import USERDICT, fragments

SECTIONS_FILE = "wld-sections.json"
TERMS = Path(__file__).resolve().parents[2] / "i18n" / "terms.toml"
#: The glossary page's URL, relative to the edition root (docs/<lang>/reference/glossary.md).
GLOSSARY = "reference/glossary/"
WORD = re.compile(r"[\u4e00-\u9fff]+|[a-z0-9]+")
SPLIT = re.compile(r"[\s\u200b]+")
HAN = re.compile(r"[\u4e00-\u9fff]")


def stem(word: str) -> str:
    """A light English stem (negotiate, negotiating, negotiated → negotiat; collectors →
    collector; penalties → penalty): enough to match a query's word form to the page's."""
    if len(word) <= 4 or not word.isalpha():
        return word
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def tokenizer(edition: str, phrases: set[str] = frozenset()) -> Callable[[str, bool], list[str]]:
    """``words(text, whole)``: the edition's index words of ``text``; ``whole`` adds each Han run of
    2 to 6 characters as a word of its own (a title's or synonym's phrase). ``phrases`` (zh): the
    site's own short titles, headings and synonyms, known to the cutter so that 以贷养贷 is one word
    in the text too, as the box cuts the query."""
    if edition != "zh":
        return lambda text, whole=False: [stem(w) for w in WORD.findall(text.lower()) if len(w) >= 2]
    from sitebuild.search.jieba_tokenizers import with_userdict

    cut = with_userdict(USERDICT)
    for phrase in sorted(phrases):
        cut.add_word(phrase)

    def words(text: str, whole: bool = False) -> list[str]:
        out: list[str] = []
        for token in WORD.findall(text.lower()):
            if not HAN.match(token):
                if len(token) >= 2:
                    out.append(token)
                continue
            pieces = []
            for w in cut.lcut(token, HMM=False):
                if len(w) < 2:
                    continue
                pieces.append(w)  # and every dictionary word inside it (search mode, any length)
                pieces += [w[i:i + n] for n in range(2, len(w)) for i in range(len(w) - n + 1)
                           if cut.FREQ.get(w[i:i + n])]
            if whole and 2 <= len(token) <= 6 and token not in pieces:
                pieces.append(token)
            out += pieces
        return out

    return words


def site_phrases(records: list[dict]) -> set[str]:
    """Han runs of 2 to 6 characters of the pages' titles, headings and synonyms (以贷养贷)."""
    out: set[str] = set()
    for record in records:
        names = [record["meta"].get("title", ""), *record["meta"].get("synonyms", "").split("|")]
        names += [a["text"] for a in record["anchors"]]
        for name in names:
            out.update(r for r in re.findall(r"[\u4e00-\u9fff]+", name.replace("\u200b", "")) if 2 <= len(r) <= 6)
    return out


def _strip_prefix(text: str, prefix: str) -> str:
    return text[len(prefix):] if prefix and text.startswith(prefix) else text


def _postings(counters: list[Counter[str]]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, counts in enumerate(counters):
        for word, n in counts.items():
            out.setdefault(word, []).extend((i, n))
    return dict(sorted(out.items()))


def term_ids(path: Path = TERMS) -> set[str]:
    """The anchor ids of the glossary's entries (``[[term]]`` ``id`` in i18n/terms.toml)."""
    import tomllib

    return {t["id"] for t in tomllib.loads(path.read_text("utf-8")).get("term", [])}


def defining_sections(pages: list[list], sections: list[list], terms: set[str]) -> list[int]:
    """Indices of the sections that define a term: the glossary page's sections whose anchor is
    a term id."""
    glossary = {p for p, page in enumerate(pages) if page[0].strip("/") + "/" == GLOSSARY}
    return [s for s, sec in enumerate(sections) if sec[0] in glossary and sec[1] in terms]


def table(records: list[dict], ids: list[str], edition: str, terms: set[str] = frozenset()) -> dict:
    """The section table of one edition's page records (``ids``: their Pagefind fragment ids)."""
    words = tokenizer(edition, site_phrases(records) if edition == "zh" else set())
    glue = "" if edition == "zh" else " "
    pages, sections = [], []
    title_tf: list[Counter[str]] = []
    syn_tf: list[Counter[str]] = []
    head_tf: list[Counter[str]] = []
    body_tf: list[Counter[str]] = []
    for p, (record, fid) in enumerate(zip(records, ids)):
        meta = record["meta"]
        title = meta.get("title", "").replace("\u200b", "")
        synonyms = [s for s in meta.get("synonyms", "").split("|") if s]
        title_tf.append(Counter(words(title, True)))
        syn_tf.append(Counter(w for s in synonyms for w in words(s, True)))
        pages.append([record["url"], title, float(meta.get("rank", 1)), fid,
                      sum(title_tf[-1].values()), sum(syn_tf[-1].values())])
        tokens = [t for t in SPLIT.split(record["content"]) if t]
        anchors = sorted((a for a in record["anchors"] if a["element"] != "h1"), key=lambda a: a["location"])
        bounds = [(0, "", "")] + [(a["location"], a["id"], a["text"].replace("\u200b", "")) for a in anchors]
        for k, (start, anchor, heading) in enumerate(bounds):
            end = bounds[k + 1][0] if k + 1 < len(bounds) else len(tokens)
            text = glue.join(tokens[start:end])
            if k == 0:  # the title, then the hidden synonym line, open the first section's text
                text = _strip_prefix(text, title).lstrip(". ")
                text = _strip_prefix(text, glue.join(synonyms).replace(" ", glue)).lstrip(". ")
            else:
                text = _strip_prefix(text, heading.replace(" ", glue) if glue == "" else heading)
            body = Counter(words(text))
            sections.append([p, anchor, heading, sum(body.values())])
            head_tf.append(Counter(words(heading, True)))
            body_tf.append(body)

    def mean(counters: list[Counter[str]]) -> float:
        return round(sum(sum(c.values()) for c in counters) / max(1, len(counters)), 2)

    return {"pages": pages, "sections": sections,
            "title": _postings(title_tf), "syn": _postings(syn_tf), "head": _postings(head_tf),
            "body": _postings(body_tf), "defines": defining_sections(pages, sections, terms),
            "len": {"title": mean(title_tf), "syn": mean(syn_tf), "head": mean(head_tf), "body": mean(body_tf)}}


FIELDS = ("title", "syn", "head", "body")


#: v 5's digits: 5 bits each, the last 32 marking "more digits follow" (never a JSON escape).
DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _digits(n: int) -> str:
    """One number of a posting list in v 5's digits: zigzag (0, -1, 1, -2 … → 0, 1, 2, 3 …), then
    5 bits a character, low bits first; a character of the last 32 says another one follows."""
    z, out = (n * 2 if n >= 0 else -n * 2 - 1), []
    while True:
        z, d = z >> 5, z & 31
        out.append(DIGITS[d + (32 if z else 0)])
        if not z:
            return "".join(out)


def _numbers(text: str) -> list[int]:
    """The numbers of one word's v 5 posting string (the inverse of :func:`_digits`)."""
    out, z, shift = [], 0, 0
    for c in text:
        d = DIGITS.index(c)
        z |= (d & 31) << shift
        if d >= 32:
            shift += 5
            continue
        out.append(z // 2 if z % 2 == 0 else -(z + 1) // 2)
        z, shift = 0, 0
    return out


def compact(data: dict) -> dict:
    """The table as written to the file (``"v": 5``), fewer bytes, same postings: each field is
    [the words joined by spaces, their posting strings joined by spaces]. A word's postings are
    its page or section indices written as the gap from the previous one (small numbers), a
    posting counted once (most body postings) as the one number -(gap + 1), not gap, 1 (round 8:
    the zh table had outgrown its cap); round 9 (content rounds 8a-8c had taken it over again):
    the numbers are written in 5-bit digits (:func:`_digits`: a gap under 16 is one character)
    and the words joined by a space, where v 3 wrote a JSON array per word and joined the words by
    newlines: over a third fewer raw bytes, a little fewer under brotli. No index word holds a space
    (both editions' words are cut at spaces); one that did would fail here, not split in the box."""
    out = {**data, "v": 5}
    for field in FIELDS:
        words = sorted(data[field])
        spaced = [w for w in words if not w or any(c.isspace() for c in w)]
        if spaced:
            raise ValueError(f"{field}: index words with white space or empty: {spaced[:5]}")
        lists = []
        for word in words:
            postings, prev = data[field][word], 0
            coded = []
            for i in range(0, len(postings), 2):
                gap, count = postings[i] - prev, postings[i + 1]
                coded += [-(gap + 1)] if count == 1 else [gap, count]
                prev = postings[i]
            lists.append("".join(_digits(n) for n in coded))
        out[field] = [" ".join(words), " ".join(lists)]
    return out


def expand(data: dict) -> dict:
    """The postings of a compact table as :func:`table` gives them (ranking.js ``expand`` does
    the same in the box); v 3 (JSON arrays, newline-joined words) is still read."""
    if data.get("v") not in (2, 3, 5):
        return data
    out = {k: v for k, v in data.items() if k != "v"}
    for field in FIELDS:
        if data["v"] >= 5:
            joined, strings = data[field]
            words = joined.split(" ") if joined else []
            lists = [_numbers(t) for t in strings.split(" ")] if words else []
        else:
            joined, *lists = data[field]
            words = joined.split("\n") if joined else []
        postings = {}
        for word, coded in zip(words, lists):
            plain, at, i = [], 0, 0
            while i < len(coded):
                if coded[i] < 0:  # counted once (v 3)
                    at += -coded[i] - 1
                    plain += [at, 1]
                    i += 1
                else:
                    at += coded[i]
                    plain += [at, coded[i + 1]]
                    i += 2
            postings[word] = plain
        out[field] = postings
    return out


def write(bundle: Path, edition: str) -> Path:
    """Write ``<bundle>/wld-sections.json`` for the edition's bundle; return its path."""
    files = sorted((bundle / "fragment").glob("*.pf_fragment"))
    records = list(fragments(bundle))
    out = bundle / SECTIONS_FILE
    data = compact(table(records, [f.name.removesuffix(".pf_fragment") for f in files], edition, term_ids()))
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    return rewrite_each(write, "python -m sitebuild.search.sections", __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    raise SystemExit(main())
