"""A reader who has just had a collection call opens the collection page on a phone: the first
375×812 screen must hold the call script (content-review-2.md §8). Needs the built site/.

The screenshots go to $SITE_ARTIFACTS (default /tmp/site-test-artifacts) to be looked at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ARTIFACTS = Path(os.environ.get("SITE_ARTIFACTS", "/tmp/site-test-artifacts"))
PAGE = {"zh": "/overdue/collection/", "en": "/en/overdue/collection/"}
#: The script's four steps, as the reader sees them (the bold words of each step).
STEPS = {"zh": ("问清是谁", "自己核实", "不答应做不到的事", "记下时间"),
         "en": ("Ask who it is", "Check for yourself", "Agree to nothing you cannot afford", "Note the time")}


@pytest.mark.parametrize("edition", ["zh", "en"])
def test_call_script_is_on_the_first_phone_screen(phone_page: object, base_url: str, edition: str) -> None:
    phone_page.goto(base_url + PAGE[edition], wait_until="networkidle")  # type: ignore[attr-defined]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"phone-{edition}-collection-first-screen.png"
    phone_page.screenshot(path=str(shot), scale="css")  # type: ignore[attr-defined]
    script = phone_page.locator("article .admonition.tip").first  # type: ignore[attr-defined]
    box = script.bounding_box()
    assert box is not None, f"{edition}: no call script box on the collection page"
    viewport = phone_page.viewport_size  # type: ignore[attr-defined]
    bottom = box["y"] + box["height"]
    print(f"\n{edition}: call script from {box['y']:.0f} to {bottom:.0f} px of {viewport['height']}; {shot}")
    assert 0 <= box["y"] and bottom <= viewport["height"], (
        f"{edition}: the call script ends at {bottom:.0f}px, below the first {viewport['height']}px screen")
    text = script.inner_text()
    missing = [s for s in STEPS[edition] if s not in text]
    assert not missing, f"{edition}: call script lacks {missing}"
    assert script.locator("a[href='tel:95384']").count() == 1, f"{edition}: 95384 is not tap-to-call in the script"
