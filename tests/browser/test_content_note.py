"""The content-note notice in Chromium: the keyboard skip link lands after the body; axe-clean in both palettes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import AXE, set_palette

WCAG_AA = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']"


def test_skip_link_moves_focus_past_the_body(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/entries/wellness-recovery-action-plan/")
    skip = page.get_by_role("link", name="Skip past the entry text")
    expect(skip).to_be_visible()
    skip.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{mini_url}/entries/wellness-recovery-action-plan/#pl-after-body")
    assert page.evaluate("document.activeElement.id") == "pl-after-body"
    # the next Tab goes on from after the body, not back into it
    page.keyboard.press("Tab")
    assert not page.evaluate("!!document.activeElement.closest('.pl-body, .pl-content-note')")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_notice_has_no_axe_violations_in_either_palette(page: Page, starter_url: str, scheme: str) -> None:
    page.goto(f"{starter_url}/entries/trauma-frame/")
    set_palette(page, scheme)
    expect(page.locator(".pl-content-note")).to_be_visible()
    page.add_script_tag(path=str(AXE))
    # Scoped to the notice: link styling in entry bodies is the site-wide palette's business.
    violations = page.evaluate(
        f"""async () => (await axe.run({{include: [['.pl-content-note']]}}, {{
            runOnly: {{type: 'tag', values: {WCAG_AA}}}, resultTypes: ['violations']}})).violations"""
    )
    assert [(v["id"], [(n["html"][:80], n["failureSummary"]) for n in v["nodes"]]) for v in violations] == []
