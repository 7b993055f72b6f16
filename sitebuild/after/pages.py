"""The one helper that edits built pages: every post-build change to HTML goes through here, so
there is one place to read, one place that writes, and a count of what changed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path


def html_pages(site: Path) -> Iterator[Path]:
    """Every HTML file under ``site`` (all editions), in a stable order."""
    yield from sorted(site.rglob("*.html"))


def edit_pages(site: Path, edit: Callable[[Path, str], str]) -> int:
    """Apply ``edit(path, html) -> html`` to every page; write only those that change; return how many."""
    changed = 0
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        new = edit(page, text)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed
