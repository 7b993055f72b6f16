"""Make parts of Chinese compound words findable in Material's search.

Why: Material's search plugin segments Chinese with ``jieba.cut`` (precise mode), which keeps
compounds whole (人民法院, 诉讼时效). In the browser a query is split greedily against the
words in the index and each word only matches as a *prefix*, so 法院 cannot find a page that
only says 人民法院. After the build this hook rewrites ``search/search_index.json``: every Chinese
word of three or more characters that can be cut entirely into dictionary words of two or more
characters is cut into the most such parts (人民法院 → 人民 法院, 最高人民法院 → 最高 人民 法院).
Words are joined by U+200B (zero width), so the text readers see in results is unchanged.
A query for the whole compound is then segmented into the same parts and still ranks the page
first. Words with no such cut (被执行人 → 被 + …) stay whole.
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

#: A run of Han characters (no U+200B inside) of three or more: one word as jieba cut it.
LONG_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{3,}")


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


def resegment(text: str, freq: Mapping[str, int]) -> str:
    """Re-cut every long Chinese word in ``text``, joining the parts with U+200B."""
    return LONG_WORD.sub(lambda m: "\u200b".join(finest_parts(m.group(0), freq)), text)


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
