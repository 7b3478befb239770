"""The front door in Chromium: laid out for a phone (360 px) and a desktop (1280 px), in both palettes,
with JavaScript on and off. Screenshots are kept in the test's folder to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

SECTIONS = ("New in the library", "Featured writing", "Pathways", "Topics", "Contribute")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_home_page_screenshot_fits_the_width_and_shows_every_section(
    browser: Browser, starter_url: str, tmp_path: Path, width: int, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(f"{starter_url}/")
    for name in SECTIONS:
        expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search the library")).to_be_visible()
    # Nothing wider than the screen: no sideways scrolling, no card cut off.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for box in page.locator(".pl-home__card").all():
        bounds = box.bounding_box()
        assert bounds is not None and bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= width
    cards = page.locator("[aria-labelledby=new-in-the-library] .pl-home__card")
    expect(cards).to_have_count(6)
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert first and second
    if width == 360:
        assert second["y"] > first["y"], "one column on a phone"
    else:
        assert second["y"] == first["y"], "cards side by side on a desktop"
    page.screenshot(path=str(tmp_path / f"home-{width}-{scheme}.png"), full_page=True)
    assert (tmp_path / f"home-{width}-{scheme}.png").stat().st_size > 10_000
    context.close()


def test_home_page_without_javascript_searches(browser: Browser, starter_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{starter_url}/")
    expect(page.locator("[aria-labelledby=new-in-the-library] .pl-home__card")).to_have_count(6)
    page.get_by_role("searchbox", name="Search the library").fill("hope")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(f"{starter_url}/search/?q=hope")
    context.close()
