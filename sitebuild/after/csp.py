"""A Content-Security-Policy ``<meta>`` in every built page, right after ``<meta charset>``.

Why after the engine: the policy lists the sha256 of each inline script of the page, which only
the final HTML has. The policy itself comes from sitebuild/security_headers.py (the one source; it
also writes the response header for nginx and sitebuild/serve.py). It is the fallback for a host that
cannot send the header. Idempotent: a page that has the meta already is left alone.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitebuild import security_headers
from sitebuild.after.pages import edit_pages

MARK = '<meta http-equiv="Content-Security-Policy"'
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)


def content_security_policy(page_html: str) -> str:
    """The site's policy for a <meta>: this page's inline-script hashes, no header-only directives."""
    return security_headers.content_security_policy(security_headers.script_hashes(page_html), meta=True)


def with_csp_meta(page_html: str, name: str = "page") -> str:
    if MARK in page_html:
        return page_html
    charset = _CHARSET.search(page_html)
    if charset is None:
        raise ValueError(f"{name}: no <meta charset> / 页面缺少 <meta charset>")
    meta = f'{MARK} content="{content_security_policy(page_html)}">'
    return page_html[:charset.end()] + meta + page_html[charset.end():]


def add_csp_metas(site: Path) -> int:
    """Every page of ``site`` gets its meta; returns the pages changed."""
    return edit_pages(site, lambda path, text: with_csp_meta(text, str(path)))
