"""The search index's own vocabulary, for typo and homophone tolerance in the search box.

Why: a reader on a phone keyboard picks the wrong candidate (崔收 for 催收, 微利贷 for 微粒贷) or
mistypes a letter ("statue" for "statute"). Pagefind matches words exactly, so such a query finds
nothing useful. This step reads the words of the finished Pagefind bundle (its page fragments:
title, headings, text and the synonym line) and writes ``<bundle>/wld-vocab.json`` beside it,
which overrides/assets/search/ranking.js uses to segment and correct a query:

- zh: ``words``, every word of 2+ characters the pages use (jieba with i18n/jieba_userdict.txt),
  so the box can cut a query into the site's own words; ``topics``, the words of page titles and
  synonyms (a query's topic words weigh more than its side words); ``names``, the other words of
  headings and of the user dictionary (topic words too: a section is about them); ``generic``, words of general
  Chinese (frequent in jieba's dictionary) that no title or synonym has; ``sounds``, fuzzy pinyin → the words
  that sound so (pypinyin), for words used twice or more or in a title, heading or synonym; and
  ``chars``, toneless pinyin → the common characters (GB2312) that sound so (their first two
  readings), to spell the
  reader's query in pinyin in the browser;
- en: ``words``, every word of 3+ letters with its count; ``names``, the words of titles,
  headings and synonyms (the edit-distance fallback prefers a named word, then the most used);
  ``topics``, the words of titles and synonyms; ``generic``, index words among the most used
  English words that no title or synonym has; ``common``, real English words the fallback must
  leave alone (``common_near``: "wrote" is not "write"; pyspellchecker's frequency list).

    python -m sitebuild.search.vocabulary --site site
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from sitebuild.search.bundles import rewrite_each

ROOT = Path(__file__).resolve().parents[2]
USERDICT = ROOT / "i18n" / "jieba_userdict.txt"
VOCAB_FILE = "wld-vocab.json"
#: Pagefind's fragments: gzip of a 12-byte signature, then the page record as JSON.
SIGNATURE = b"pagefind_dcd"
HAN = re.compile(r"[\u4e00-\u9fff]+")
LATIN = re.compile(r"[a-z]+")
#: A number of 3+ digits in a title or heading (热线 95384, 12378; 2025) names what that section is
#: about, as its words do: a query of it is a topic term, not a side word.
NUMBER = re.compile(r"\d{3,}")


def fragments(bundle: Path) -> Iterator[dict]:
    """Every page record of a Pagefind bundle."""
    for f in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(f.read_bytes())
        if not data.startswith(SIGNATURE):
            raise ValueError(f"{f.name}: not a Pagefind fragment / 不是 Pagefind 片段")
        yield json.loads(data[len(SIGNATURE):])


def page_texts(record: dict) -> tuple[str, list[str], list[str]]:
    """(the page's whole text, its titles: title and synonyms, its section headings)."""
    text = record["content"].replace("\u200b", "")
    titles = [record["meta"].get("title", ""), *record["meta"].get("synonyms", "").split("|")]
    headings = [a["text"] for a in record["anchors"] if a["element"] != "h1"]
    clean = lambda names: [n.replace("\u200b", "") for n in names if n]  # noqa: E731
    return text, clean(titles), clean(headings)


def fuzzy(syllable: str) -> str:
    """A syllable as many Chinese speakers' keyboards confuse it (zh/z, ch/c, sh/s, ing/in,
    eng/en, ang/an: 征性 for 征信), the same rule as ranking.js ``fuzzy``."""
    return re.sub(r"(?<=[iea])ng$", "n", re.sub(r"^([zcs])h", r"\1", syllable))


def pinyin_key(word: str) -> str:
    """Toneless, fuzzy pinyin of ``word``, syllables joined (催收 → cuisou, 征信 → zenxin), read in
    context."""
    from pypinyin import Style, lazy_pinyin

    return "".join(fuzzy(s) for s in lazy_pinyin(word, style=Style.NORMAL, errors="ignore"))


def common_chars() -> Iterator[str]:
    """The 6,763 characters of GB2312 (what a phone keyboard offers first)."""
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                ch = bytes([hi, lo]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            if HAN.fullmatch(ch):
                yield ch


#: Readings of a character that count for sound-alike repairs: pypinyin lists the usual ones
#: first; a rare third one made false repairs (还 read "fu": 不还 → 不服).
READINGS = 2


def char_sounds(chars: Iterable[str]) -> dict[str, str]:
    """Toneless pinyin → characters with that reading (a character's first ``READINGS`` readings)."""
    from pypinyin import Style, pinyin

    table: dict[str, list[str]] = {}
    for ch in chars:
        for reading in list(dict.fromkeys(pinyin(ch, style=Style.NORMAL, heteronym=True)[0]))[:READINGS]:
            if LATIN.fullmatch(reading):
                table.setdefault(reading, []).append(ch)
    return {k: "".join(v) for k, v in sorted(table.items())}


@cache
def common_char_sounds() -> dict[str, str]:
    """``char_sounds`` of the GB2312 characters: the same for every bundle, made once per process
    (~0.4 s of CPU; the search ranking unit cases make a zh vocabulary per case). Read-only:
    callers copy it."""
    return char_sounds(common_chars())


def zh_vocabulary(records: list[dict], userdict: Path = USERDICT) -> dict:
    """Words, their sounds and the character sound table of the Chinese edition."""
    from sitebuild.search.jieba_tokenizers import with_userdict

    tokenizer = with_userdict(userdict)
    counts: Counter[str] = Counter()
    named: set[str] = set()
    topics: set[str] = set()
    for record in records:
        text, titles, headings = page_texts(record)
        for run in HAN.findall(text):
            counts.update(w for w in tokenizer.lcut(run, HMM=False) if len(w) >= 2)
        for name in (*titles, *headings):
            for run in HAN.findall(name):
                cut = {w for w in tokenizer.lcut(run, HMM=False) if len(w) >= 2}
                if 2 <= len(run) <= 6:
                    cut.add(run)  # a synonym such as 催收电话 is a word of its own
                named |= cut
                if name in titles:
                    topics |= cut
            named |= set(NUMBER.findall(name))
    for line in userdict.read_text("utf-8").splitlines():
        if line.split():
            named.add(line.split()[0])
    words = set(counts) | named
    sounds: dict[str, list[str]] = {}
    for w in sorted(words, key=lambda w: (-counts[w], w)):
        if len(w) <= 6 and (counts[w] >= 2 or w in named):
            sounds.setdefault(pinyin_key(w), []).append(w)
    generic = sorted(w for w in words if w not in topics and tokenizer.FREQ.get(w, 0) >= GENERIC_FREQ)
    return {"words": sorted(words), "topics": sorted(topics), "names": sorted(named - topics),
            "generic": generic, "sounds": sounds, "chars": dict(common_char_sounds())}


def en_vocabulary(records: list[dict]) -> dict:
    """Every word of 3+ letters of the English edition, with how often the pages use it."""
    counts: Counter[str] = Counter()
    named: set[str] = set()
    topics: set[str] = set()
    for record in records:
        text, titles, headings = page_texts(record)
        counts.update(w for w in LATIN.findall(text.lower()) if len(w) >= 3)
        for name in (*titles, *headings):
            cut = {w for w in LATIN.findall(name.lower()) if len(w) >= 3}
            named |= cut | set(NUMBER.findall(name))
            if name in titles:
                topics |= cut
    counts.update({w: 0 for w in named})
    frequent = set(most_used_english(COMMON_WORDS))
    generic = sorted(w for w in counts if w in frequent and w not in topics)
    return {"words": dict(sorted(counts.items())), "names": sorted(named), "topics": sorted(topics),
            "generic": generic, "common": common_near(counts)}


#: How many of the most used general English words count as real words the box never corrects.
COMMON_WORDS = 3000
#: A word of general Chinese at least this frequent in jieba's dictionary (多少 10457, 有人 15007,
#: 不是 46856; 催收 12, 逾期 119) that no title or synonym has is "generic": it says little about
#: what the query is about.
GENERIC_FREQ = 3000


def most_used_english(top: int) -> list[str]:
    """The ``top`` most used English words (pyspellchecker's frequency list), most used first."""
    return list(_most_used_english(top))


@cache
def _most_used_english(top: int) -> tuple[str, ...]:
    """Loading and sorting the list costs ~0.4 s of CPU: once per process, not twice per bundle."""
    from spellchecker import SpellChecker

    freq = SpellChecker(language="en").word_frequency.dictionary
    return tuple(sorted((w for w in freq if w.isalpha() and w.isascii()), key=lambda w: (-freq[w], w))[:top])


def _osa_rows(a: str, b: str) -> Iterator[list[int]]:
    """The rows of the edit-distance table with transpositions (ranking.js ``distance``), one per
    character of ``a`` after the first row: both callers read them, one stops early."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    yield prev
    for i in range(1, len(a) + 1):
        row = [i]
        for j in range(1, len(b) + 1):
            d = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
            if prev2 and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d = min(d, prev2[j - 2] + 1)
            row.append(d)
        yield row
        prev2, prev = prev, row


def osa_distance(a: str, b: str) -> int:
    """Edit distance with transpositions (the same as ranking.js ``distance``, uncapped)."""
    for row in _osa_rows(a, b):
        pass
    return row[len(b)]


def within(a: str, b: str, reach: int) -> bool:
    """``osa_distance(a, b) <= reach``, stopping once two rows in a row are all beyond ``reach``: a
    cell is never less than the least of the two rows above it (its first cell, the row's number, is
    beyond ``reach`` by then too). common_near asks this of ~18,000 pairs per English build."""
    if abs(len(a) - len(b)) > reach:
        return False
    prev: list[int] = []
    for row in _osa_rows(a, b):
        if prev and min(row) > reach and min(prev) > reach:
            return False
        prev = row
    return prev[len(b)] <= reach


def common_near(index_words: Iterable[str], top: int = COMMON_WORDS) -> list[str]:
    """The general English words (the ``top`` most used) that the box would otherwise "correct"
    to an index word ("wrote" is not "write"): absent from the index, 5+ letters, within one slip
    (two beyond 7 letters) of an index word with the same first two letters. Only these are
    shipped, so the file stays small."""
    common = most_used_english(top)
    index = set(index_words)
    by_start: dict[str, list[str]] = {}
    for w in index:
        if len(w) >= 4:
            by_start.setdefault(w[:2], []).append(w)
    out = []
    for w in common:
        if len(w) < 5 or w in index:
            continue
        reach = 1 if len(w) <= 7 else 2
        if any(within(w, x, reach) for x in by_start.get(w[:2], [])):
            out.append(w)
    return sorted(out)


def write(bundle: Path, edition: str) -> Path:
    """Write ``<bundle>/wld-vocab.json`` for the edition's bundle; return its path."""
    records = list(fragments(bundle))
    vocab = zh_vocabulary(records) if edition == "zh" else en_vocabulary(records)
    out = bundle / VOCAB_FILE
    out.write_text(json.dumps(vocab, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    return rewrite_each(write, "python -m sitebuild.search.vocabulary", __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    raise SystemExit(main())
