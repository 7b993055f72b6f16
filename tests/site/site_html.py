"""Read the built site: which pages each edition has, and each page's lang, ids and links."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from sitebuild import editions

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"

#: Edition → (folder under site/, expected <html lang>).
EDITIONS: dict[str, tuple[str, str]] = {e.code: (e.prefix.rstrip("/"), e.html_lang) for e in editions.EDITIONS}

#: Attributes that make the browser fetch or navigate to a URL.
URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",), "link": ("href",), "script": ("src",), "img": ("src",), "source": ("src",),
    "iframe": ("src",), "video": ("src", "poster"), "audio": ("src",), "form": ("action",),
}


@dataclass
class HtmlPage:
    lang: str | None = None
    ids: set[str] = field(default_factory=set)
    urls: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, rel, url)
    text_classes: set[str] = field(default_factory=set)  # every class attribute value seen
    abbreviations: int = 0


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = HtmlPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v for k, v in attrs if v is not None}
        if tag == "html":
            self.page.lang = values.get("lang")
        for key in ("id", "name"):
            if key in values and tag != "meta":
                self.page.ids.add(values[key])
        if tag == "abbr" and values.get("title"):
            self.page.abbreviations += 1
        self.page.text_classes.update(values.get("class", "").split())
        for attr in URL_ATTRIBUTES.get(tag, ()):
            if attr in values:
                self.page.urls.append((tag, values.get("rel", ""), values[attr]))


@functools.cache
def read(path: Path) -> HtmlPage:
    reader = _Reader()
    reader.feed(path.read_text("utf-8"))
    return reader.page


def edition_root(site: Path, edition: str) -> Path:
    folder = EDITIONS[edition][0]
    return site / folder if folder else site


def edition_pages(site: Path, edition: str) -> list[str]:
    """HTML files of one edition, relative to its root (the zh edition excludes en/)."""
    root = edition_root(site, edition)
    found = []
    for path in root.rglob("*.html"):
        rel = path.relative_to(root).as_posix()
        if edition == "zh" and rel.split("/", 1)[0] in {e[0] for e in EDITIONS.values() if e[0]}:
            continue
        if rel.startswith(("assets/", "pyodide/", "wheels/")):
            continue
        found.append(rel)
    return sorted(found)


def all_pages(site: Path) -> list[Path]:
    return [edition_root(site, e) / rel for e in EDITIONS for rel in edition_pages(site, e)]


def url_of(site: Path, path: Path) -> str:
    """The URL path a built file is served at ("/en/overdue/costs/" for its index.html)."""
    rel = path.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def target_file(site: Path, url_path: str) -> Path | None:
    """The file a same-site URL path is served from, or None."""
    candidate = site / unquote(url_path).lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def internal_target(page_url: str, url: str) -> tuple[str, str] | None:
    """(path, fragment) of a same-site URL relative to ``page_url``; None for other schemes/hosts."""
    if url.startswith(("mailto:", "tel:", "javascript:", "data:", "blob:")):
        return None
    parts = urlsplit(urljoin("http://site.invalid" + page_url, url))
    if parts.netloc != "site.invalid":
        return None
    return parts.path, unquote(parts.fragment)
