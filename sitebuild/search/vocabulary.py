"""The search index's own vocabulary, for typo and homophone tolerance in the search box.

Why: a reader on a phone keyboard picks the wrong candidate (崔收 for 催收, 微利贷 for 微粒贷) or
mistypes a letter ("statue" for "statute"). Pagefind matches words exactly, so such a query finds
nothing useful. This step reads the words of the finished Pagefind bundle (its page fragments:
title, headings, text and the synonym line) and writes ``<bundle>/wld-vocab.json`` beside it,
which overrides/assets/search/ranking.js uses to segment and correct a query:

- zh: ``words``, every word of 2+ characters the pages use (jieba with i18n/jieba_userdict.txt),
  so the box can cut a query into the site's own words; ``topics``, the words of page titles and
  synonyms (a query's topic words weigh more than its side words); ``sounds``, toneless pinyin → the words
  that sound so (pypinyin), for words used twice or more or in a title, heading or synonym; and
  ``chars``, toneless pinyin → the common characters (GB2312) that sound so, to spell the
  reader's query in pinyin in the browser;
- en: ``words``, every word of 3+ letters with its count; ``names``, the words of titles,
  headings and synonyms (the edit-distance fallback prefers a named word, then the most used);
  ``topics``, the words of titles and synonyms.

    python -m sitebuild.search.vocabulary --site site
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USERDICT = ROOT / "i18n" / "jieba_userdict.txt"
VOCAB_FILE = "wld-vocab.json"
#: Pagefind's fragments: gzip of a 12-byte signature, then the page record as JSON.
SIGNATURE = b"pagefind_dcd"
HAN = re.compile(r"[\u4e00-\u9fff]+")
LATIN = re.compile(r"[a-z]+")


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


def pinyin_key(word: str) -> str:
    """Toneless pinyin of ``word``, syllables joined (催收 → cuishou), read in context."""
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(word, style=Style.NORMAL, errors="ignore"))


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


def char_sounds(chars: Iterable[str]) -> dict[str, str]:
    """Toneless pinyin → characters with that reading (every reading of a character counts)."""
    from pypinyin import Style, pinyin

    table: dict[str, list[str]] = {}
    for ch in chars:
        for reading in dict.fromkeys(pinyin(ch, style=Style.NORMAL, heteronym=True)[0]):
            if LATIN.fullmatch(reading):
                table.setdefault(reading, []).append(ch)
    return {k: "".join(v) for k, v in sorted(table.items())}


def zh_vocabulary(records: list[dict], userdict: Path = USERDICT) -> dict:
    """Words, their sounds and the character sound table of the Chinese edition."""
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(userdict))
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
    for line in userdict.read_text("utf-8").splitlines():
        if line.split():
            named.add(line.split()[0])
    words = set(counts) | named
    sounds: dict[str, list[str]] = {}
    for w in sorted(words, key=lambda w: (-counts[w], w)):
        if len(w) <= 6 and (counts[w] >= 2 or w in named):
            sounds.setdefault(pinyin_key(w), []).append(w)
    return {"words": sorted(words), "topics": sorted(topics), "sounds": sounds, "chars": char_sounds(common_chars())}


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
            named |= cut
            if name in titles:
                topics |= cut
    counts.update({w: 0 for w in named})
    return {"words": dict(sorted(counts.items())), "names": sorted(named), "topics": sorted(topics)}


def write(bundle: Path, edition: str) -> Path:
    """Write ``<bundle>/wld-vocab.json`` for the edition's bundle; return its path."""
    records = list(fragments(bundle))
    vocab = zh_vocabulary(records) if edition == "zh" else en_vocabulary(records)
    out = bundle / VOCAB_FILE
    out.write_text(json.dumps(vocab, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    from sitebuild.search.index import BUNDLE, EDITIONS

    parser = argparse.ArgumentParser(prog="python -m sitebuild.search.vocabulary",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    for edition, folder in EDITIONS.items():
        out = write(args.site / folder / BUNDLE, edition)
        print(f"[search] {edition}: {out} ({out.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
