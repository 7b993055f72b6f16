"""The pages a reader opens first, looked at on a phone during the crawl's one phone visit of each
page (``at_phone_width`` of tests/site_crawl.py): their screenshots, and on each home page where
the crisis line, the court-papers box, the first step and the calculator button lie; on each
collection page, where the call script lies and what it says (tests/content/test_collection_phone.py).

Why in the crawl: the crawl already opens every page through nginx at 375×812 (touch, 2× pixels)
and waits until it has settled; opening the same four pages again in another phone context for
the screenshots and the first-screen check loaded them a second time to look at the same layout.
tests/site/test_site_browser.py (``test_phone_screenshot``, ``test_home_first_phone_screen``)
asserts on what is recorded here. The collection page's check loaded each edition's page in a
fresh phone context of its own (375×812, touch, 2× pixels, as the crawl's): a service worker
install, a precache of the edition and a page load, to read the same first screen."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.site.site_html import EDITIONS

ARTIFACTS = Path(os.environ.get("SITE_ARTIFACTS", "/tmp/site-test-artifacts"))
#: One article per language besides the home page.
ARTICLE = "overdue/costs/"
#: (edition, path under the edition's home) of the pages looked at on a phone.
PHONE_PAGES = [(e, p) for e in EDITIONS for p in ("", ARTICLE)]
#: What a frightened reader must see on the home page's first phone screen, without scrolling.
FIRST_SCREEN = {
    "crisis line": "a[href='tel:12356']",
    "first step": "#first-steps + ol > li:first-child",
    "court papers box": ".admonition.warning a[href='tel:12368']",
}
CALCULATOR_BUTTON = "a.md-button[href*='calculator']"
#: The collection page (under the edition's home), read by a reader who has just had a collection call.
COLLECTION = "overdue/collection/"
#: The call script: the article's first tip box.
CALL_SCRIPT = "article .admonition.tip"
#: The call script's first element: its box in the viewport (as Playwright's ``bounding_box``:
#: null when it is missing or not rendered), its ``innerText``, and how many links in it call 95384.
_CALL_SCRIPT = """(selector) => {
  const el = document.querySelector(selector);
  if (!el || !el.getClientRects().length) return {box: null, text: el ? el.innerText : '', tel95384: 0};
  const r = el.getBoundingClientRect();
  return {box: {x: r.x, y: r.y, width: r.width, height: r.height}, text: el.innerText,
          tel95384: el.querySelectorAll("a[href='tel:95384']").length};
}"""
#: Each selector's first element's box in the viewport (as Playwright's ``bounding_box``: null
#: when it is missing or not rendered), in one call.
_BOXES = """(selectors) => Object.fromEntries(Object.entries(selectors).map(([what, selector]) => {
  const el = document.querySelector(selector);
  if (!el || !el.getClientRects().length) return [what, null];
  const r = el.getBoundingClientRect();
  return [what, {x: r.x, y: r.y, width: r.width, height: r.height}];
}))"""


def home(edition: str) -> str:
    folder = EDITIONS[edition][0]
    return f"/{folder}/" if folder else "/"


def collection_shot(edition: str) -> Path:
    """Where the collection page's first phone screen is written (the name the test wrote before)."""
    return ARTIFACTS / f"phone-{edition}-collection-first-screen.png"


def screenshot_name(edition: str, path: str) -> str:
    return f"phone-{edition}-{path.strip('/').replace('/', '-') or 'home'}.png"


@dataclass
class PhoneLook:
    """One of PHONE_PAGES as the crawl's phone showed it, before anything scrolled or resized it."""

    edition: str
    path: str
    screenshots: list[Path] = field(default_factory=list)  # written to ARTIFACTS, to look at
    viewport: dict[str, int] = field(default_factory=dict)
    scroll_y: float = 0.0
    boxes: dict[str, dict[str, float] | None] = field(default_factory=dict)  # FIRST_SCREEN, home pages only
    calculator_buttons: int = 0  # home pages only
    call_script: dict[str, Any] | None = None  # collection pages only: _CALL_SCRIPT's record


def look_on_a_phone(url: str, page: Any) -> PhoneLook | None:
    """For the crawl (``at_phone_width``): screenshots of PHONE_PAGES, the first screen at 2×
    and the whole page at one device pixel per CSS pixel (the 2× full-page image cost more CPU
    than the page's load); on a home page, the first-screen boxes too. On a collection page, its
    first screen (at CSS-pixel scale) and the call script (``_CALL_SCRIPT``). Other pages: None."""
    collection = {home(e) + COLLECTION: e for e in EDITIONS}.get(url)
    if collection is not None:
        return look_at_the_call_script(collection, page)
    found = {home(e) + p: (e, p) for e, p in PHONE_PAGES}.get(url)
    if found is None:
        return None
    edition, path = found
    look = PhoneLook(edition, path, viewport=dict(page.viewport_size), scroll_y=page.evaluate("window.scrollY"))
    if path == "":
        look.boxes = page.evaluate(_BOXES, FIRST_SCREEN)
        look.calculator_buttons = page.locator(CALCULATOR_BUTTON).count()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = screenshot_name(edition, path)
    first_screen = page.screenshot()
    names = [name, name.replace(".png", "-first-screen.png")] if path == "" else [name]
    for each in names:  # the home page's first screen under both names the tests wrote before
        (ARTIFACTS / each).write_bytes(first_screen)
        look.screenshots.append(ARTIFACTS / each)
    full = ARTIFACTS / name.replace(".png", "-full.png")
    page.screenshot(path=str(full), full_page=True, scale="css")
    look.screenshots.append(full)
    return look


def look_at_the_call_script(edition: str, page: Any) -> PhoneLook:
    """The collection page's first phone screen, photographed at CSS-pixel scale, and its call script."""
    look = PhoneLook(edition, COLLECTION, viewport=dict(page.viewport_size), scroll_y=page.evaluate("window.scrollY"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = collection_shot(edition)
    page.screenshot(path=str(shot), scale="css")
    look.screenshots.append(shot)
    look.call_script = page.evaluate(_CALL_SCRIPT, CALL_SCRIPT)
    return look
