"""Subprocess that builds one MkDocs config several times and prints one JSON line per build.

The first build of a fresh process is the "cold" build (imports, theme and jieba dictionary
loading, empty output dir); later builds in the same process are "warm", as in ``mkdocs serve``.
Builds are not strict, so a page that lost a link target in a synthetic copy costs a warning,
which is counted, instead of aborting the measurement.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        self.first: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if len(self.first) < 3:
            self.first.append(record.getMessage()[:200])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("config")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    counter = _Counter()
    log = logging.getLogger("mkdocs")
    log.addHandler(counter)
    log.propagate = False
    log.setLevel(logging.WARNING)

    for i in range(args.repeat):
        counter.count = 0
        start = time.monotonic()
        cfg = load_config(config_file=args.config, strict=False)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg, dirty=False)
        finally:
            cfg.plugins.on_shutdown()
        end = time.monotonic()
        pages = len(get_files(cfg).documentation_pages())
        print(json.dumps({"build": i, "start": start, "end": end, "seconds": end - start,
                          "pages": pages, "warnings": counter.count, "first_warnings": counter.first}),
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
