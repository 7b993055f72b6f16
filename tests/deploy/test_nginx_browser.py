"""The built site through nginx (deploy/nginx.conf) in Debian's Chromium: the site-wide
Content-Security-Policy header breaks nothing.

Every page of both editions is opened through nginx with a listener for
``securitypolicyviolation`` events (installed before any page script runs) and for the console
messages Chromium writes for blocked content. The calculator computing under the header in both
languages (its module worker runs under the header's policy, brotli-compressed Pyodide, figures
equal to the package's in CPython) is checked by
tests/widget/test_widget_browser.py::test_cases_match_cpython_and_share, which runs through nginx.
"""

from __future__ import annotations

import pytest


@pytest.mark.xdist_group("site_crawl")  # one crawl per run: keep its readers on one worker
def test_no_csp_violation_on_any_page(site_crawl: list) -> None:
    """Every page of both editions through nginx (the session's one crawl): the header is sent,
    the status is right (404 for the not-found page) and nothing is blocked."""
    for visit in site_crawl:
        assert visit.has_csp_header, visit.url
        assert visit.status == (404 if visit.url.endswith("no-such-page/") else 200), visit.url
    found = [f"{visit.url}: {v}" for visit in site_crawl for v in visit.violations]
    assert len(site_crawl) >= 2 * 10, f"only {len(site_crawl)} pages visited"
    assert not found, "CSP violations through nginx:\n" + "\n".join(found)
