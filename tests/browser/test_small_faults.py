"""Small faults a reader meets: the 404 page's skip link, single-key shortcuts that can be turned off
(and never fire while typing), and maintainers' pages kept out of the staff navigation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect


def test_the_404_pages_skip_link_reaches_its_target(page: Page, starter_url: str) -> None:
    page.goto(f"{starter_url}/404.html")
    skip = page.locator("a.md-skip")
    expect(skip).to_have_attribute("href", "#pl-content")
    assert page.locator("#pl-content").count() == 1
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#pl-content")).to_be_focused()


def test_the_404_page_says_what_happened_and_offers_a_way_on(page: Page, starter_url: str) -> None:
    page.goto(f"{starter_url}/404.html")
    expect(page).to_have_title("Page not found - Peer Library")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    page.get_by_label("Search the library for").fill("peer respite")
    page.get_by_label("Search the library for").press("Enter")
    expect(page).to_have_url(f"{starter_url}/search/?q=peer+respite")
    expect(page.locator(".pl-results .pl-result").first).to_be_visible()


def search_open(page: Page) -> bool:
    return bool(page.evaluate("document.getElementById('__search').checked"))


def test_shortcuts_open_search_and_can_be_turned_off_for_good(page: Page, starter_url: str) -> None:
    page.goto(f"{starter_url}/entries/hope/")
    header_input = page.locator(".md-search__input")
    expect(header_input).to_have_attribute("aria-keyshortcuts", "/ s f")
    page.keyboard.press("s")
    assert search_open(page)
    expect(header_input).to_be_focused()
    # The setting is visible in the search panel; turning it off is kept in this browser.
    setting = page.get_by_label("Open search with the /, s or f key")
    expect(setting).to_be_visible()
    expect(setting).to_be_checked()
    setting.uncheck()
    assert page.evaluate("localStorage.getItem('pl-shortcuts')") == "off"
    expect(header_input).not_to_have_attribute("aria-keyshortcuts", "/ s f")
    page.keyboard.press("Escape")
    page.goto(f"{starter_url}/entries/mutuality/")
    page.locator("body").click(position={"x": 5, "y": 300})
    for key in ("s", "f", "/"):
        page.keyboard.press(key)
        assert not search_open(page), f"{key!r} opened search with shortcuts off"
    # The search page shows the same setting, and turns them back on.
    page.goto(f"{starter_url}/search/")
    page_setting = page.locator(".pl-search-form + .pl-search__settings input")
    expect(page_setting).not_to_be_checked()
    page_setting.check()
    page.goto(f"{starter_url}/entries/mutuality/")
    page.keyboard.press("/")
    assert search_open(page)


def test_shortcuts_are_off_while_typing_in_any_text_field(page: Page, starter_url: str) -> None:
    page.goto(f"{starter_url}/search/")
    field = page.get_by_label("Search for")
    field.click()
    page.keyboard.type("sf/s")
    expect(field).to_have_value("sf/s")
    assert not search_open(page)
    # A text field the site did not make (an editable region) is as safe.
    page.evaluate("""() => { const d = document.createElement('div'); d.contentEditable = 'true'; d.id = 'ed';
        document.querySelector('article').append(d); d.focus(); }""")
    page.keyboard.type("fs")
    assert not search_open(page)
    expect(page.locator("#ed")).to_have_text("fs")


def test_maintainers_pages_sit_in_their_own_section_at_the_end(page: Page, starter_url: str) -> None:
    page.goto(f"{starter_url}/")
    nav = page.locator("nav.md-nav--primary > ul > li")
    last = nav.last
    expect(last).to_contain_text("For maintainers")
    expect(last.get_by_role("link", name="Performance")).to_have_count(1)
    shelf = page.locator("nav.md-nav--primary").get_by_role("link", name="My shelf")
    expect(shelf).to_have_count(1)
    staff = [t.strip() for t in nav.all_inner_texts()[:-1]]
    assert not any("Performance" in t or "Architecture" in t for t in staff)


@pytest.mark.parametrize("path", ["/", "/library/", "/entries/hope/", "/pathways/", "/pathways/peer-workforce-orientation/"])
def test_skip_to_content_lands_before_the_title_not_on_the_first_heading(page: Page, starter_url: str, path: str) -> None:
    # Material's skip link goes to the first table-of-contents item: on generated pages that was the first
    # h2, past the page's title, the home page's search box and an entry's "Add to my shelf".
    page.goto(f"{starter_url}{path}")
    page.keyboard.press("Tab")
    expect(page.locator("a.md-skip")).to_be_focused()
    expect(page.locator("a.md-skip")).to_have_attribute("href", "#pl-content")
    page.keyboard.press("Enter")
    expect(page.locator("#pl-content")).to_be_focused()
    before_title = "document.getElementById('pl-content').compareDocumentPosition(document.querySelector('article h1')) & 4"
    assert page.evaluate(before_title)
    # The table of contents in the sidebar is unchanged: the page's headings, not an item for the page.
    assert "pl-content" not in (page.locator(".md-nav--secondary").first.inner_html())
