"""The ```calculator fence as a Python-Markdown extension (engine-neutral: no MkDocs hook).

Config (mkdocs.yml; the English config restates the list with ``lang: en``)::

    markdown_extensions:
      - sitebuild.markdown.calculator:
          lang: zh
      - pymdownx.superfences:
          custom_fences:
            - name: calculator
              class: calculator
              format: !!python/name:sitebuild.markdown.calculator.fence

The extension keeps the edition's language and the page's widget ids on the ``Markdown`` instance
(each engine makes one per page; ``reset()`` clears the ids anyway); :func:`fence` is the
SuperFences formatter that reads them. A postprocessor links the widget stylesheet before the first
widget of a page, and the widget script only when one is interactive. Paths inside the widgets are
``@@calc-root@@``/``@@calc-edition@@``; the page template (overrides/partials/content.html)
makes them page-relative from ``base_url``, so a plain engine build gives final pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from pymdownx.superfences import SuperFencesException

from sitebuild.before import runtime_manifest
from sitebuild.markdown.calculator_fence import (ANY_WIDGET_MARK, EDITION_TOKEN, WIDGET_MARK, PageIds,
                                                 parse_options, widget_html)

LANGS = ("zh", "en")


@dataclass
class CalculatorState:
    """Per-Markdown-instance state the formatter needs."""

    lang: str
    manifest: str = ""  # a RuntimeManifest JSON file (fixture tests); "" = the current one
    ids: PageIds = field(default_factory=PageIds)

    def runtime(self) -> runtime_manifest.RuntimeManifest:
        if not self.manifest:
            return runtime_manifest.current()
        return runtime_manifest.RuntimeManifest(**json.loads(Path(self.manifest).read_text("utf-8")))


class CalculatorAssets(Postprocessor):
    """Stylesheet before the first widget of any kind (worked examples need it too: their tables
    scroll on phones); the module script only where a widget is interactive."""

    def run(self, text: str) -> str:
        if ANY_WIDGET_MARK not in text:
            return text
        assets = f'<link rel="stylesheet" href="{EDITION_TOKEN}assets/calculator/calculator.css">'
        if WIDGET_MARK in text:
            assets += f'<script type="module" src="{EDITION_TOKEN}assets/calculator/widget.js"></script>'
        first = text.index(ANY_WIDGET_MARK)
        return text[:first] + assets + text[first:]


class CalculatorExtension(Extension):
    """Registers the per-page state and the assets postprocessor.

    Options: ``lang`` (zh or en), ``manifest`` (a runtime manifest JSON file instead of the computed
    one: fixture tests use a fixed one so their expected HTML does not follow the wheel's hash)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"lang": ["zh", "the edition's language for labels and messages: zh or en"],
                       "manifest": ["", "runtime manifest JSON file; empty: computed for the current sources"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        lang = str(self.getConfig("lang"))
        if lang not in LANGS:
            raise ValueError(f"sitebuild.markdown.calculator: lang must be one of {LANGS}, got {lang!r}")
        md.calculator = CalculatorState(lang, str(self.getConfig("manifest")))  # type: ignore[attr-defined]
        md.registerExtension(self)
        md.postprocessors.register(CalculatorAssets(md), "calculator_assets", 0)  # after raw HTML is back
        self.md = md

    def reset(self) -> None:
        state: CalculatorState | None = getattr(getattr(self, "md", None), "calculator", None)
        if state is not None:
            state.ids.used.clear()  # widget ids are unique per page


def fence(source: str, language: str, class_name: str, options: dict[str, Any], md: Markdown,
          **kwargs: Any) -> str:
    """pymdownx.superfences custom ``format`` callable for ```calculator."""
    state: CalculatorState | None = getattr(md, "calculator", None)
    if state is None:
        raise SuperFencesException("calculator fence: add sitebuild.markdown.calculator to markdown_extensions")
    run = state.runtime()
    return widget_html(parse_options(source), state.lang, state.ids, run.wheel, run.pyodide_dir, run.lock,
                       download=run.download, download_mb=run.download_mb)


def makeExtension(**kwargs: Any) -> CalculatorExtension:  # noqa: N802 (Python-Markdown's entry point)
    return CalculatorExtension(**kwargs)
