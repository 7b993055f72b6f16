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

from bench import paths
from bench.synthetic import Mirror, make_mirror


@dataclass
class Options:
    quick: bool = False
    pages: tuple[int, ...] = (10, 100, 500)
    runs: int = 5
    only: tuple[str, ...] = ()
    verbose: bool = True
    build_site: bool = False  # run ./scripts/build (under the lock) before copying site/
    lock: bool = True  # take /tmp/site.lock (False when the caller already holds it)
    search_sets: tuple[str, ...] = ()  # query sets the search area ranks (default: every set found)


@dataclass
class Context:
    options: Options
    work: Path
    stack: ExitStack = field(default_factory=ExitStack)
    _cache: dict[str, Any] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)
    #: Facts for the report header learnt while measuring (how site/ was obtained).
    facts: dict[str, str] = field(default_factory=dict)

    def log(self, message: str) -> None:
        """Progress goes to stderr so stdout holds only the report."""
        if self.options.verbose:
            print(f"[bench {time.monotonic() - self.started:6.1f}s] {message}", file=sys.stderr, flush=True)

    def snapshot(self) -> Mirror:
        """A private copy of the project with the real built site/ and the docs it was built from.

        Taken under /tmp/site.lock (after running ./scripts/build there, with --build), so the
        site, the docs the baselines are built from and the PDF inputs belong together.
        """
        if "snapshot_error" in self._cache:  # fail once, not once per area
            raise self._cache["snapshot_error"]
        if "snapshot" not in self._cache:
            try:
                self._cache["snapshot"] = self._take_snapshot()
            except Exception as exc:
                self._cache["snapshot_error"] = exc
                raise
        return self._cache["snapshot"]

    def _take_snapshot(self) -> Mirror:
        """(Optionally) build site/, then copy it and the docs beside it, all under the lock."""
        import datetime as dt
        import shutil

        with paths.site_lock(self.options.lock):
            if self.options.build_site:
                self.log("running ./scripts/build (under /tmp/site.lock)")
                seconds = paths.run_build()
                self.facts["site"] = f"built by ./scripts/build in this run ({seconds:.0f} s wall, incl. setup check)"
            if not (paths.SITE / "index.html").is_file():
                raise FileNotFoundError(
                    "未找到已构建的网站，请先运行 ./scripts/build 或加 --build / "
                    "site/ is not built: run ./scripts/build first, or pass --build")
            self.log("copying site/ and docs/ (under /tmp/site.lock)")
            built = paths.site_built_at()
            mirror = make_mirror(self.work / "snapshot", None)
            shutil.copytree(paths.SITE, mirror.root / "site")
        if "site" not in self.facts:
            stale = [p for p in (paths.ROOT / "docs").rglob("*.md") if p.stat().st_mtime > built]
            when = dt.datetime.fromtimestamp(built, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
            self.facts["site"] = (f"site/ as found, built {when}"
                                  + (f"; {len(stale)} docs pages changed since (baselines use the current docs)"
                                     if stale else "; docs unchanged since"))
        return mirror

    def site_copy(self) -> Path:
        """The copy of the built site/ inside the snapshot (served and measured instead of site/)."""
        return self.snapshot().root / "site"

    def site_url(self) -> str:
        if "site_url" not in self._cache:
            self._cache["site_url"] = self.stack.enter_context(paths.serve(self.site_copy()))
        return self._cache["site_url"]

    def bare_site(self) -> Path:
        """Bare Material build (no project extensions, hooks or overrides) of the real docs."""
        if "bare" not in self._cache:
            from bench.site_build import build_bare_site

            self.log("building a bare Material site of the same docs (baseline)")
            self._cache["bare"] = build_bare_site(self.work / "bare-real", self.snapshot())
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
