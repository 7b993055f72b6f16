"""Make parts of Chinese words findable in Material's search (measured, see README).

Material's search plugin cuts Chinese into words with ``jieba.cut`` (precise mode) and separates
them with U+200B. In the browser each word is a search key that matches by *prefix*, and a query
is cut greedily against the keys, but never into a piece that ends at its last character
(``segment()`` in Material's search worker). Two consequences, fixed here after the build by
rewriting ``search/search_index.json`` (the visible text is unchanged):

1. Compounds hide their parts: 法院 cannot find 人民法院, 时效 cannot find 诉讼时效. Every word that
   can be cut entirely into dictionary words of two or more characters is cut into the most such
   parts (人民法院 → 人民 法院, 最高人民法院 → 最高 人民 法院). Others (微粒贷) stay whole.
2. A query whose first character is also a one-character word somewhere (时, 还) is cut down to
   that character (时效 → 时*, 还款 → 还*), which matches every word starting with it. So each
   one-character word is joined to the word before it (诉讼时效是 → 诉讼 时效是; 时效* still finds
   it), and is no key of its own unless it starts a stretch of Chinese text.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from pathlib import Path

import jieba
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" chatter is not build output

HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
#: Chinese words as the search plugin wrote them: Han characters, words separated by U+200B.
HAN_RUN = re.compile(f"{HAN}+(?:\u200b{HAN}+)*")


def finest_parts(word: str, freq: Mapping[str, int]) -> list[str]:
    """Cut ``word`` into the most dictionary words of >= 2 characters, or return ``[word]``."""
    n = len(word)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        parts = best[i]
        if parts is None:
            continue
        for j in range(i + 2, n + 1):
            if (i, j) == (0, n) or freq.get(word[i:j], 0) <= 0:
                continue
            candidate = [*parts, word[i:j]]
            current = best[j]
            if current is None or len(candidate) > len(current):
                best[j] = candidate
    return best[n] or [word]


def glue_single_characters(words: list[str]) -> list[str]:
    """Join each one-character word to the word before it, so that it is no search key of its
    own (a prefix query for that word still matches); a run's first word stays as it is."""
    glued: list[str] = []
    for word in words:
        if glued and len(word) == 1:
            glued[-1] += word
        else:
            glued.append(word)
    return glued


def resegment(text: str, freq: Mapping[str, int]) -> str:
    """Re-cut long Chinese words into their parts and join one-character words to the word
    before them; words stay separated by U+200B (zero width): the visible text does not change."""
    def run(match: re.Match[str]) -> str:
        words = [part for word in match.group(0).split("\u200b") for part in finest_parts(word, freq)]
        return "\u200b".join(glue_single_characters(words))
    return HAN_RUN.sub(run, text)


def jieba_frequencies() -> Mapping[str, int]:
    """jieba's word frequencies, including the user dictionary the search plugin loaded."""
    jieba.dt.check_initialized()
    return jieba.dt.FREQ


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config: MkDocsConfig) -> None:
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    if not index_path.is_file():
        return
    index = json.loads(index_path.read_text("utf-8"))
    freq = jieba_frequencies()
    for doc in index["docs"]:
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = resegment(doc[field], freq)
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
