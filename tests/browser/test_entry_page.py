"""An entry page in Chromium: it renders, asks no other host, and passes axe's WCAG 2.2 AA rules."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations


def test_entry_page_renders_without_errors(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/entries/mutuality/")
    expect(page.locator("article h1")).to_have_text("Mutuality")
    page.get_by_role("link", name="where hope comes from").click()
    expect(page).to_have_url(f"{mini_url}/entries/hope/#where-hope-comes-from")


def test_script_in_front_matter_never_runs(page: Page, mini_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{mini_url}/entries/script-title/")
    expect(page.locator("article h1")).to_contain_text("<script>")
    assert dialogs == []


def test_entry_page_has_no_axe_violations(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/entries/wellness-recovery-action-plan/")
    assert axe_violations(page) == []
