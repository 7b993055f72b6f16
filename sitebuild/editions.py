"""The one registry of language editions: everything a build step, a test or the nginx map needs
to know about an edition is defined here, once.

Adding a language = one :class:`Edition` entry here, plus ``docs/<code>/``, its config file
(``mkdocs.<code>.yml`` INHERITing mkdocs.yml), ``includes/glossary.<code>.md`` and its labels
(``extra.ui`` in the config, ``i18n`` strings). See dev/adding-a-language.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Edition:
    """One language edition of the site."""

    code: str          # language code used in file names and by the calculators ("zh", "en")
    html_lang: str     # <html lang> and hreflang ("zh-CN")
    prefix: str        # path of the edition under the site root: "" or "en/"
    site_name: str     # the config's site_name
    short_name: str    # home-screen name (web app manifest)
    config: str        # config file, relative to the repository root
    theme_color: str = "#00695c"  # --md-primary-fg-color in overrides/assets/stylesheets/site.css
    docs: str = ""     # docs folder if not docs/<code> (tests build an edition from a temporary folder)

    @property
    def docs_dir(self) -> Path:
        return ROOT / (self.docs or f"docs/{self.code}")

    @property
    def glossary(self) -> str:
        """The tooltip snippet pymdownx.snippets appends to every page of the edition."""
        return f"glossary.{self.code}.md"

    def site_dir(self, site: Path) -> Path:
        """Where this edition is built inside the site root ``site``."""
        return site / self.prefix if self.prefix else site

    @property
    def shared_root(self) -> str:
        """Relative path from the edition's root to the site root (Pyodide, wheels): "" or "../"."""
        return "../" * self.prefix.count("/")


#: In build order: the root edition first (building it empties the site folder).
EDITIONS: tuple[Edition, ...] = (
    Edition("zh", "zh-CN", "", "微粒贷逾期指南", "逾期指南", "mkdocs.yml"),
    Edition("en", "en", "en/", "Weilidai Overdue Guide", "Overdue Guide", "mkdocs.en.yml"),
)


def by_code(code: str, editions: tuple[Edition, ...] = EDITIONS) -> Edition:
    for edition in editions:
        if edition.code == code:
            return edition
    raise KeyError(f"no edition {code!r} / 没有这个语言版本: {[e.code for e in editions]}")


def codes(editions: tuple[Edition, ...] = EDITIONS) -> tuple[str, ...]:
    return tuple(e.code for e in editions)


def nginx_not_found_map(editions: tuple[Edition, ...] = EDITIONS) -> str:
    """The nginx ``map`` that gives each edition its own 404 page (deepest prefix first)."""
    lines = ["map $uri $weilidai_not_found {"]
    for e in sorted((e for e in editions if e.prefix), key=lambda e: -len(e.prefix)):
        lines.append(f"    ~^/{e.prefix}   /{e.prefix}404.html;")
    root = next(e for e in editions if not e.prefix)
    lines += [f"    default  /{root.prefix}404.html;", "}"]
    return "\n".join(lines) + "\n"
