"""MkDocs hook for the in-page calculator (```calculator fences running on Pyodide).

* on_config: registers the fence with pymdownx.superfences (config, not patching), bound to
  this edition's language, and makes the repository importable (for ``calculators``).
* on_page_content: turns the fence's path placeholders into page-relative paths and links the
  stylesheet once on pages with a widget, the module script only where one is interactive.
* on_post_page: gives every page the site's Content-Security-Policy as a <meta>, with the sha256 of
  each inline script Material writes, so no 'unsafe-inline' or 'unsafe-eval' is needed. It is the
  fallback for a host that cannot send the header (scripts/security_headers.py, the one source of
  the policy, writes the header for nginx and scripts/serve.py after the build).
* on_post_build: copies the shared renderer (calculator_render.py) next to the widget assets,
  where the Pyodide worker loads it.
Pyodide and the wheel themselves are put into the site by scripts/calculator_runtime.py.
"""

from __future__ import annotations

import functools
import posixpath
import re
import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the calculators package and scripts/ live at the repository root
    sys.path.insert(0, str(ROOT))

from calculator_fence import (  # noqa: E402
    ANY_WIDGET_MARK, EDITION_TOKEN, ROOT_TOKEN, WIDGET_MARK, PageIds, format_fence)
from mkdocs.exceptions import PluginError  # noqa: E402

from scripts import security_headers  # noqa: E402
from scripts.calculator_runtime import runtime_paths  # noqa: E402

RENDERER = Path(__file__).with_name("calculator_render.py")
SHARED_SITE = ROOT / "site"  # where ./scripts/build puts Pyodide and the wheel, once for both editions

_ids = PageIds()


def on_config(config: Any) -> Any:
    if "pymdownx.superfences" not in config.markdown_extensions:
        raise PluginError("calculator hook: add pymdownx.superfences to markdown_extensions")
    lang = "zh" if str(config.theme["language"]).lower().startswith("zh") else "en"
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
    fences[:] = [f for f in fences if f.get("name") != "calculator"]
    fences.append({
        "name": "calculator",
        "class": "calculator",
        "format": functools.partial(format_fence, lang=lang, ids=_ids, runtime=runtime_paths()),
    })
    return config


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    _ids.used.clear()  # widget ids are unique per page
    return markdown


def _up(page_url: str) -> str:
    """Relative path from a page's URL to its edition's root, '' or ending in '/'."""
    folder = posixpath.dirname(page_url)
    return "" if not folder else posixpath.relpath(".", folder) + "/"


def _edition_to_shared(site_dir: str) -> str:
    """Relative path from this edition's root to the shared root (``../`` for site/en)."""
    site = Path(site_dir).resolve()
    if site == SHARED_SITE or SHARED_SITE not in site.parents:
        return ""  # the zh edition, or a private build: the runtime sits at the edition's root
    return posixpath.relpath(SHARED_SITE.as_posix(), site.as_posix()) + "/"


def on_page_content(html: str, page: Any, config: Any, **kwargs: Any) -> str:
    """Resolve the fence's paths; link the stylesheet before the first widget of any kind (worked
    examples need it too: their tables scroll on phones) and the script only for interactive ones."""
    if ANY_WIDGET_MARK not in html:
        return html
    edition = _up(page.url)
    html = html.replace(ROOT_TOKEN, edition + _edition_to_shared(config.site_dir)).replace(EDITION_TOKEN, edition)
    assets = f'<link rel="stylesheet" href="{edition}assets/calculator/calculator.css">'
    if WIDGET_MARK in html:
        assets += f'<script type="module" src="{edition}assets/calculator/widget.js"></script>'
    first = html.index(ANY_WIDGET_MARK)
    return html[:first] + assets + html[first:]


def content_security_policy(page_html: str) -> str:
    """The site's policy for a <meta>: this page's inline-script hashes, no header-only directives."""
    return security_headers.content_security_policy(security_headers.script_hashes(page_html), meta=True)


def _with_csp_meta(output: str, name: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(output)}">'
    charset = re.search(r"<meta charset=[^>]*>", output, re.I)
    if charset is None:
        raise PluginError(f"calculator hook: no <meta charset> in {name}")
    return output[:charset.end()] + meta + output[charset.end():]


def on_post_page(output: str, page: Any, config: Any, **kwargs: Any) -> str:
    return _with_csp_meta(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The 404 page is a static template, not a page: it gets the same <meta> policy."""
    return _with_csp_meta(output_content, template_name) if template_name.endswith(".html") else output_content


def on_post_build(config: Any, **kwargs: Any) -> None:
    target = Path(config.site_dir) / "assets" / "calculator"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(RENDERER, target / RENDERER.name)
