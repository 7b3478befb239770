"""Index pages and an entry's Related / Referenced by lists in Chromium: axe-clean in both palettes, usable by keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, set_palette

PAGES = ["topics/", "topics/peer-values/", "a-z/", "types/values/", "audiences/staff/", "authors/", "entries/hope/"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_index_pages_have_no_axe_violations(page: Page, mini_url: str, path: str, scheme: str) -> None:
    page.goto(f"{mini_url}/{path}")
    if scheme != "default":  # the fixture has no palette toggle: switch the way the toggle does
        set_palette(page, scheme)
    assert axe_violations(page) == []


def test_a_to_z_letter_links_work_from_the_keyboard(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/a-z/")
    link = page.get_by_role("navigation", name="Jump to a letter").get_by_role("link", name="W")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{mini_url}/a-z/#letter-w")
    page.get_by_role("link", name="Wellness Recovery Action Plan").first.click()
    expect(page.locator("article h1")).to_have_text("Wellness Recovery Action Plan")


def test_old_id_redirects_to_the_entry(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/entries/mutual-support/")
    expect(page).to_have_url(f"{mini_url}/entries/mutuality/")
    expect(page.locator("article h1")).to_have_text("Mutuality")


def test_old_id_redirect_keeps_the_heading_anchor(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/entries/mutual-support/#in-practice")
    expect(page).to_have_url(f"{mini_url}/entries/mutuality/#in-practice")
