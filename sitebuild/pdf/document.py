"""Assemble an edition's printed pages into one HTML document: cover, colophon, contents, chapters."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .chapter import Chapter, Heading, LinkContext, page_to_chapter
from .edition import Edition
from .page_refs import internal_targets, page_number_css

TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = TEMPLATES / "print.css"


#: A section title used by this many chapters or more ("Legal basis") is left out of the printed
#: contents: listed under every chapter it would only lengthen the TOC. It stays in the bookmarks.
REPEATED_HEADING = 3


@dataclass
class TocEntry:
    """A chapter in the contents, with the section headings worth listing under it."""

    key: str
    title: str
    headings: list[Heading]


@dataclass
class TocGroup:
    """Consecutive chapters under the same navigation section (``part`` is None at top level)."""

    part: str | None
    chapters: list[TocEntry] = field(default_factory=list)


def build_chapters(edition: Edition) -> list[Chapter]:
    """Convert every printed page of the edition, in navigation order."""
    printed = {page.url: page.key for page in edition.pages}
    chapters = []
    for page in edition.pages:
        ctx = LinkContext(
            page_url=page.url,
            printed=printed,
            public_url=edition.public_url,
            site_dir=edition.site_dir,
        )
        html = page.html_path.read_text(encoding="utf-8")
        chapters.append(
            page_to_chapter(
                html,
                key=page.key,
                part=page.part,
                ctx=ctx,
                calculator_note=edition.labels.calculator_note,
                calculator_url=edition.calculator_url,
                # The home page's nav title ("Home") means nothing on paper, and its <h1> is the
                # book title already shown on the left: its pages carry the book title alone.
                running_title=(page.nav_title or None) if page.url else "",
                # Only Chinese: there WeasyPrint's min-content measuring of a cell costs one shaping
                # per character; English cells break at spaces and it is cheap (columns.py).
                fixed_tables=edition.labels.lang.startswith("zh"),
                page_ref=f"{edition.labels.page_ref}000{edition.labels.page_ref_end}",
            )
        )
    return chapters


def toc_groups(chapters: list[Chapter]) -> list[TocGroup]:
    """Group chapters by part, keeping navigation order; drop section titles every chapter has."""
    uses = Counter(title for c in chapters for title in {h.text for h in c.headings})
    groups: list[TocGroup] = []
    for chapter in chapters:
        if not groups or groups[-1].part != chapter.part:
            groups.append(TocGroup(chapter.part))
        headings = [h for h in chapter.headings if uses[h.text] < REPEATED_HEADING]
        groups[-1].chapters.append(TocEntry(chapter.key, chapter.title, headings))
    return groups


def handbook_html(edition: Edition, chapters: list[Chapter]) -> str:
    """The complete document WeasyPrint renders."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    labels = edition.labels
    html = env.get_template("handbook.html").render(
        labels=labels,
        site_name=edition.site_name,
        description=edition.site_description,
        edition_date=labels.format_date(edition.edition_date),
        edition_iso=edition.edition_date.isoformat(),
        home_url=edition.public_url("") or "",
        toc=toc_groups(chapters),
        chapters=chapters,
    )
    # Page numbers per target (see page_refs.py): after the template's generic rules, before </head>.
    rules = page_number_css(internal_targets(html), labels.page_ref, labels.page_ref_end)
    return html.replace("</head>", f"<style>\n{rules}\n</style>\n</head>", 1)
