"""What every measured area gets: the options, a private temp dir and lazily shared resources.

Shared resources (a copy of site/, a bare Material build of the real docs, servers, Chromium)
are created the first time an area asks for them and closed once at the end.
"""

from __future__ import annotations

import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.benchmark import paths


@dataclass
class Options:
    quick: bool = False
    pages: tuple[int, ...] = (10, 100, 500)
    runs: int = 5
    only: tuple[str, ...] = ()
    verbose: bool = True


@dataclass
class Context:
    options: Options
    work: Path
    stack: ExitStack = field(default_factory=ExitStack)
    _cache: dict[str, Any] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    def log(self, message: str) -> None:
        """Progress goes to stderr so stdout holds only the report."""
        if self.options.verbose:
            print(f"[bench {time.monotonic() - self.started:6.1f}s] {message}", file=sys.stderr, flush=True)

    def site_copy(self) -> Path:
        """A private copy of the real built site/, taken under /tmp/site.lock."""
        if "site" not in self._cache:
            self.log("copying site/ (under /tmp/site.lock)")
            self._cache["site"] = paths.copy_site(self.work)
        return self._cache["site"]

    def site_url(self) -> str:
        if "site_url" not in self._cache:
            self._cache["site_url"] = self.stack.enter_context(paths.serve(self.site_copy()))
        return self._cache["site_url"]

    def bare_site(self) -> Path:
        """Bare Material build (no project extensions, hooks or overrides) of the real docs."""
        if "bare" not in self._cache:
            from scripts.benchmark.site_build import build_bare_site

            self.log("building a bare Material site of the real docs (baseline)")
            self._cache["bare"] = build_bare_site(self.work / "bare-real")
        return self._cache["bare"]

    def bare_url(self) -> str:
        if "bare_url" not in self._cache:
            self._cache["bare_url"] = self.stack.enter_context(paths.serve(self.bare_site()))
        return self._cache["bare_url"]

    def browser(self) -> Any:
        """Debian's Chromium through Playwright, with the flags the test suite uses."""
        if "browser" not in self._cache:
            from playwright.sync_api import sync_playwright

            pw = self.stack.enter_context(sync_playwright())
            browser = pw.chromium.launch(executable_path=paths.CHROMIUM, args=paths.CHROMIUM_ARGS, headless=True)
            self.stack.callback(browser.close)
            self._cache["browser"] = browser
        return self._cache["browser"]

    def close(self) -> None:
        self.stack.close()
