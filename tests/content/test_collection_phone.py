"""A reader who has just had a collection call opens the collection page on a phone: the first
375×812 screen must hold the call script (content-review-2.md §8). Needs the built site/.

Read from the crawl's phone visit of each edition's collection page (``site_crawl``: through nginx,
375×812, touch, 2× pixels, settled before it widens; tests/phone_look.py records the call script's
box, text and links there and writes the first screen's screenshot), not from a fresh phone context
of its own that loaded the same page to read the same screen. The screenshots go to
$SITE_ARTIFACTS (default /tmp/site-test-artifacts) to be looked at.
"""

from __future__ import annotations

import pytest

from tests.phone_look import CALL_SCRIPT, COLLECTION, home

#: The script's four steps, as the reader sees them (the bold words of each step).
STEPS = {"zh": ("问清是谁", "自己核实", "不答应做不到的事", "记下时间"),
         "en": ("Ask who it is", "Check for yourself", "Agree to nothing you cannot afford", "Note the time")}


@pytest.mark.xdist_group("site_crawl")  # reads the crawl's phone visit: one crawl per run
@pytest.mark.parametrize("edition", ["zh", "en"])
def test_call_script_is_on_the_first_phone_screen(site_crawl: list, edition: str) -> None:
    url = home(edition) + COLLECTION
    visit = next(v for v in site_crawl if v.url == url)
    look = visit.phone_look
    assert look is not None and look.call_script is not None, f"the crawl did not look at {url} on a phone"
    assert visit.status == 200, (url, visit.status)
    shot = look.screenshots[0]
    assert shot.stat().st_size > 1000, shot
    assert look.scroll_y == 0, "the page is not at its top: it was scrolled before it was measured"
    viewport = look.viewport
    assert viewport == {"width": 375, "height": 812}, viewport
    script = look.call_script
    box = script["box"]
    assert box is not None, f"{edition}: no call script box ({CALL_SCRIPT}) on the collection page"
    bottom = box["y"] + box["height"]
    print(f"\n{edition}: call script from {box['y']:.0f} to {bottom:.0f} px of {viewport['height']}; {shot}")
    assert 0 <= box["y"] and bottom <= viewport["height"], (
        f"{edition}: the call script ends at {bottom:.0f}px, below the first {viewport['height']}px screen")
    missing = [s for s in STEPS[edition] if s not in script["text"]]
    assert not missing, f"{edition}: call script lacks {missing}"
    assert script["tel95384"] == 1, f"{edition}: 95384 is not tap-to-call in the script"
