"""How many times each pytest process loads jieba's dictionary, and the CPU of those loads.

Why: a load is ~1 s of CPU; which tests share one load depends on which xdist worker runs them
(dev/ci.md, "Fast-half fixtures built once"). A pytest plugin: each process (controller and
workers) appends one line, ``<worker> loads=N cpu=S``, to the file named by ``JIEBA_LOADS``
when it exits:

    JIEBA_LOADS=/tmp/loads.txt .venv/bin/python -m bench.cpu_time .venv/bin/python -m pytest \\
      -p bench.jieba_loads -n 2 --dist loadgroup tests/site/test_search_ranking_unit.py \\
      tests/test_search_words.py tests/sitebuild/test_jieba_tokenizers.py -q
"""

from __future__ import annotations

import atexit
import os
import time
from typing import Any

import pytest

_counts = {"loads": 0, "cpu": 0.0}


def _report(path: str) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with open(path, "a", encoding="utf-8") as out:
        out.write(f"{worker} loads={_counts['loads']} cpu={_counts['cpu']:.2f}\n")


def pytest_configure(config: pytest.Config) -> None:
    path = os.environ.get("JIEBA_LOADS")
    if not path:
        return
    import jieba

    initialize = jieba.Tokenizer.initialize

    def counted(self: Any, dictionary: Any = None) -> Any:
        if self.initialized and not dictionary:  # already loaded: jieba returns at once
            return initialize(self, dictionary)
        started = time.process_time()
        try:
            return initialize(self, dictionary)
        finally:
            _counts["loads"] += 1
            _counts["cpu"] += time.process_time() - started

    jieba.Tokenizer.initialize = counted
    atexit.register(_report, path)
