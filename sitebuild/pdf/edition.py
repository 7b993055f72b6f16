"""Which built pages go into an edition's PDF, in which order, under which part titles.

The order is the site's own navigation, computed by MkDocs from the edition's config (explicit
``nav`` or the docs folder), so the PDF never needs a second list of pages to keep in sync.
"""

from __future__ import annotations

import logging
import posixpath
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import load_config
from mkdocs.structure import StructureItem
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import Section, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from .labels import Labels, labels_for

#: Pages that exist for the web only: the download page itself.
WEB_ONLY_PAGES: frozenset[str] = frozenset({"handbook.md"})
#: Hosts of a local build's default ``site_url``: not an address a reader of the paper can visit.
LOCAL_HOSTS: frozenset[str] = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0"})
#: Web sections printed after the chapters, in navigation order: letters, glossary, laws, about.
BACK_MATTER: tuple[str, ...] = ("letters/", "reference/")
#: The interactive calculator page; its URL is printed under every calculator example.
CALCULATOR_PAGE = "calculator.md"


@dataclass(frozen=True)
class PageRef:
    """One page of the edition: its source, where its HTML was built, and its place in the nav."""

    src_uri: str
    url: str
    """URL relative to the edition root, as MkDocs writes it (``overdue/costs/``, ``""`` for home)."""
    html_path: Path
    part: str | None
    reviewed: date | None
    nav_title: str | None = None
    """The page's short title in the nav ("What it costs"), used in the running header."""

    @property
    def key(self) -> str:
        """A stable id for the chapter inside the one-document PDF (``c-overdue-costs``)."""
        stem = self.url.strip("/").replace("/", "-") or "home"
        return f"c-{stem}"


@dataclass
class Edition:
    """One language edition: its config, labels, printable pages and where its site lives."""

    config_file: Path
    language: str
    labels: Labels
    site_name: str
    site_description: str
    site_dir: Path
    mount: str
    """Path of the edition root below the site root, e.g. ``""`` (zh) or ``"en/"``."""
    site_url: str | None
    pages: list[PageRef] = field(default_factory=list)
    web_pages: dict[str, PageRef] = field(default_factory=dict)
    """Every built page by its URL, printed or not (link targets)."""

    @property
    def edition_date(self) -> date:
        """The newest ``reviewed:`` date of the printed pages: the date the content is current to."""
        dates = [p.reviewed for p in self.pages if p.reviewed]
        if not dates:
            raise SystemExit(
                f"{self.config_file}: 没有页面带 reviewed: 日期，无法确定手册版本日期 / "
                "no page has a `reviewed:` date, so the handbook has no edition date"
            )
        return max(dates)

    def public_url(self, url: str, fragment: str = "") -> str | None:
        """Where a reader finds an edition-relative URL on the web, for printing on paper.

        None when the site has no public address (``site_url`` unset or a loopback address, as
        in a local build): a path alone cannot be followed from paper, so nothing is printed.
        """
        if not self.site_url:
            return None
        path = posixpath.join(self.mount, url) if url else self.mount
        tail = f"#{fragment}" if fragment else ""
        return self.site_url.rstrip("/") + "/" + path + tail

    @property
    def calculator_url(self) -> str | None:
        """Printed address of the web calculator (the page built from ``calculator.md``)."""
        for page in self.web_pages.values():
            if page.src_uri == CALCULATOR_PAGE:
                return self.public_url(page.url)
        return self.public_url("")


def public_root(site_url: str | None, mount: str) -> str | None:
    """The public address of the site root, from an edition's ``site_url`` and mount path.

    None for no ``site_url`` or a loopback one (a local build's default): not an address a reader
    of the paper can visit.
    """
    if not site_url or urlsplit(site_url).hostname in LOCAL_HOSTS:
        return None
    root = site_url.rstrip("/")
    if mount and root.endswith("/" + mount.rstrip("/")):
        root = root[: -len(mount.rstrip("/")) - 1]
    return root + "/"


def _reviewed(source: Path) -> date | None:
    _, meta = get_data(source.read_text(encoding="utf-8"))
    value = meta.get("reviewed")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def load_edition(config_file: Path, root_site_dir: Path) -> Edition:
    """Read an edition's config with MkDocs' loader and list its pages in navigation order."""
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(str(config_file))
    site_dir = Path(config.site_dir).resolve()
    try:
        mount = site_dir.relative_to(root_site_dir.resolve()).as_posix()
    except ValueError:
        raise SystemExit(
            f"{config_file}: site_dir {site_dir} 不在 {root_site_dir} 之内 / is not inside the site root"
        ) from None
    mount = "" if mount == "." else mount + "/"
    language = str(config.theme["language"])
    edition = Edition(
        config_file=config_file,
        language=language,
        labels=labels_for(language),
        site_name=config.site_name,
        site_description=config.site_description or "",
        site_dir=site_dir,
        mount=mount,
        site_url=public_root(config.site_url, mount),
    )
    files = get_files(config)
    nav = get_navigation(files, config)
    docs_dir = Path(config.docs_dir)

    def ref(page: Page, part: str | None) -> PageRef:
        return PageRef(
            src_uri=page.file.src_uri,
            url=page.url,
            html_path=site_dir / page.file.dest_uri,
            part=part,
            reviewed=_reviewed(docs_dir / page.file.src_uri),
            nav_title=page.title,
        )

    def walk(items: list[StructureItem], part: str | None) -> None:
        for item in items:
            if isinstance(item, Section):
                walk(item.children, part or item.title)
            elif isinstance(item, Page):
                page = ref(item, part)
                edition.web_pages[page.url] = page
                if page.src_uri not in WEB_ONLY_PAGES:
                    edition.pages.append(page)

    walk(nav.items, None)
    # The order for paper: chapters first, then letters, glossary and legal references.
    edition.pages.sort(key=lambda p: p.src_uri.startswith(BACK_MATTER))
    for file in files.documentation_pages():
        # Pages outside the nav are still link targets (printed as web addresses).
        if file.url not in edition.web_pages:
            edition.web_pages[file.url] = PageRef(
                file.src_uri, file.url, site_dir / file.dest_uri, None, None
            )
    missing = [str(p.html_path) for p in edition.pages if not p.html_path.is_file()]
    if missing:
        raise SystemExit(
            f"{config_file}: 找不到已构建的页面，请先运行 mkdocs build / built pages missing, "
            f"run mkdocs build first: {', '.join(missing[:5])}"
        )
    return edition
