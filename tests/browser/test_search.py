"""Search and the catalogue in Chromium against the built starter library: the header box, the
/search/ page with filters and sorting, the catalogue with and without JavaScript, keyboard only,
axe in both palettes. The `page` fixture fails any test whose page asks another host for anything."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from peer_library.load.library import load_library
from peer_library.model import vocab
from tests.browser.conftest import AXE, axe_violations, serve
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def starter():
    library, _ = load_library(ROOT / "library", root=ROOT)
    return library


def results(page: Page) -> list[str]:
    return page.locator("[data-pl-results] .pl-result__title").all_inner_texts()


def status_count(page: Page) -> int:
    text = page.locator(".pl-search-app [data-pl-status]").inner_text()
    match = re.match(r"(\d+) entr", text)
    assert match, text
    return int(match.group(1))


def facet_box(page: Page, facet: str, value: str):  # type: ignore[no-untyped-def]
    return page.locator(f'[data-pl-facet="{facet}"] label', has_text=re.compile(rf"^\s*{re.escape(value)} \(\d+\)"))


def facet_count(page: Page, facet: str, value: str) -> int:
    text = facet_box(page, facet, value).inner_text()
    return int(re.search(r"\((\d+)\)", text).group(1))  # type: ignore[union-attr]


def test_header_search_finds_an_acronym_and_opens_the_entry(page: Page, engine_url: str) -> None:
    page.goto(f"{engine_url}/entries/hope/")
    page.get_by_role("textbox", name="Search").fill("WRAP")
    first = page.locator("[data-pl-search] .md-search-result__item").first
    expect(first.locator("h1")).to_have_text("Wellness Recovery Action Plan")
    assert first.locator(".pl-result__type").text_content() == "Practice"
    expect(first.locator(".pl-result__summary")).to_contain_text("A plan that a person writes for themselves")
    expect(page.locator("[data-pl-search] [data-pl-status]")).to_contain_text("matching")
    first.locator("a").click()
    expect(page).to_have_url(f"{engine_url}/entries/wellness-recovery-action-plan/")


def test_header_search_by_keyboard_only(page: Page, engine_url: str) -> None:
    page.goto(f"{engine_url}/entries/hope/")
    page.keyboard.press("/")  # Material's shortcut
    search = page.get_by_role("textbox", name="Search")
    expect(search).to_be_focused()
    page.keyboard.type("intentional peer support")
    expect(page.locator("[data-pl-search] .md-search-result__item h1").first).to_have_text("Intentional Peer Support")
    page.keyboard.press("ArrowDown")
    expect(page.locator("[data-pl-search] .md-search-result__link").first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{engine_url}/entries/intentional-peer-support/")
    page.wait_for_load_state()
    # Escape closes the search again
    page.keyboard.press("s")
    expect(search).to_be_focused()
    expect(page.locator("#__search")).to_be_checked()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()


def test_header_enter_goes_to_the_best_result_and_the_link_to_all_results_keeps_the_query(
    page: Page, starter_url: str
) -> None:
    page.goto(f"{starter_url}/")
    search = page.get_by_role("textbox", name="Search")
    search.fill("peer supervision")
    all_link = page.locator("[data-pl-all]")
    expect(all_link).to_have_attribute("href", re.compile(r"search/\?q=peer\+supervision$"))
    expect(page.locator("[data-pl-search] .md-search-result__item").first).to_be_visible()
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/entries/(peer-supervisor|group-peer-supervision)/$"))


def test_search_page_reads_the_query_from_the_url_and_filters_with_counts(page: Page, engine_url: str, starter) -> None:
    page.goto(f"{engine_url}/search/?q=peer+support")
    expect(page.get_by_label("Search for")).to_have_value("peer support")
    expect(page.locator(".pl-search-app [data-pl-status]")).to_contain_text("for “peer support”")
    total = status_count(page)
    assert total > 10
    expected = facet_count(page, "type", "Resource")
    assert 0 < expected < total
    facet_box(page, "type", "Resource").locator("input").check()
    expect(page.locator(".pl-search-app [data-pl-status]")).to_have_text(re.compile(rf"^{expected} entr"))
    # the status line updates before the list renders: wait for the list itself
    types = page.locator("[data-pl-results] .pl-result__type")
    expect(types).not_to_have_count(0)
    expect(types.filter(has_not_text="Resource")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"\?q=peer\+support&type=Resource$"))
    # counts within a facet stay "what ticking this too would add"; other facets narrow
    assert facet_count(page, "type", "Resource") == expected
    assert facet_count(page, "audience", "All staff") <= expected


def test_filters_work_without_a_query_all_terms_for_carers(page: Page, starter_url: str, starter) -> None:
    carers = vocab.AUDIENCES["carer"]
    want = sorted((e.title for e in starter.public if e.type == "term" and "carer" in e.audience), key=str.casefold)
    assert want
    page.goto(f"{starter_url}/search/")
    expect(page.locator(".pl-search-app [data-pl-status]")).to_contain_text("choose filters")
    facet_box(page, "type", "Term").locator("input").check()
    expect(page.locator(".pl-search-app [data-pl-status]")).to_have_text(re.compile(r"^\d+ entr"))
    assert facet_count(page, "audience", carers) == len(want)
    facet_box(page, "audience", carers).locator("input").check()
    expect(page.locator(".pl-search-app [data-pl-status]")).to_have_text(re.compile(rf"^{len(want)} entr"))
    # browsing without words lists titles A to Z (the status line updates before the list renders)
    expect(page.locator("[data-pl-results] .pl-result__title")).to_have_text(want[:20])


def test_sort_by_title_and_by_year(page: Page, starter_url: str, starter) -> None:
    page.goto(f"{starter_url}/search/?type=Resource&sort=year")
    expect(page.locator(".pl-search-app [data-pl-status]")).to_have_text(re.compile(r"^\d+ entr"))
    expect(page.locator("[data-pl-results] > li").first).to_be_visible()
    years = sorted((e.year or 0 for e in starter.public if e.type == "resource"), reverse=True)
    by_title = {e.title: e.year or 0 for e in starter.public}
    assert [by_title[t] for t in results(page)] == years[:20]
    page.get_by_label("Sort by").select_option("title")
    expect(page).to_have_url(re.compile(r"sort=title"))
    expect(page.locator("[data-pl-results] .pl-result__title").first).to_be_visible()
    titles = sorted((e.title for e in starter.public if e.type == "resource"), key=str.casefold)
    expect(page.locator("[data-pl-results] .pl-result__title")).to_have_text(titles[:20])


def test_show_more_loads_the_next_results(page: Page, starter_url: str, starter) -> None:
    page.goto(f"{starter_url}/search/?type=Term")
    terms = [e for e in starter.public if e.type == "term"]
    assert len(terms) > 20
    expect(page.locator("[data-pl-results] > li")).to_have_count(20)
    page.get_by_role("button", name="Show more results").click()
    expect(page.locator("[data-pl-results] > li")).to_have_count(min(40, len(terms)))


def test_browsing_by_filters_alone_fetches_one_index_chunk_not_the_whole_index(page: Page, starter_url: str) -> None:
    chunks: list[str] = []
    page.on("response", lambda r: chunks.append(r.url) if "/pagefind/index/" in r.url else None)
    page.goto(f"{starter_url}/search/?type=Term")
    expect(page.locator(".pl-search-app [data-pl-status]")).to_contain_text("entries")
    page.wait_for_load_state("networkidle")
    assert 1 <= len(chunks) <= 2, chunks  # Pagefind's own word-less search would fetch every chunk


def test_catalogue_without_javascript_lists_every_entry(browser: Browser, starter_url: str, starter) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{starter_url}/library/")
    expect(page.locator(".pl-search-app")).to_be_hidden()
    # At most 100 entries a page: the rest are one plain link away, page by page.
    lines: list[str] = []
    headings: list[str] = []
    while True:
        rows = page.locator("[data-pl-catalogue] > ul > li")
        assert rows.count() <= 100
        lines += rows.all_inner_texts()
        headings += [h.split(" (")[0] for h in page.locator("[data-pl-catalogue] h2").all_inner_texts()]
        following = page.locator("nav.pl-pages a[rel=next]").first
        if not following.count():
            break
        following.click()
    assert len(lines) == len(starter.public)
    assert list(dict.fromkeys(headings)) == [
        label for t, (_, label) in vocab.TYPES.items() if any(e.type == t for e in starter.public)
    ]
    wrap = next(line for line in lines if "Wellness Recovery Action Plan" in line)
    assert "A plan that a person writes for themselves" in wrap
    context.close()


def test_catalogue_facets_filter_with_pagefind_and_clear(page: Page, engine_url: str, starter) -> None:
    page.goto(f"{engine_url}/library/")
    expect(page.locator(".pl-search-app")).to_be_visible()
    values = [e for e in starter.public if e.type == "value"]
    expect(facet_box(page, "type", "Value")).to_contain_text(f"({len(values)})")
    facet_box(page, "type", "Value").locator("input").check()
    expect(page.locator("[data-pl-catalogue]")).to_be_hidden()
    expect(page.locator("[data-pl-results] > li")).to_have_count(len(values))
    page.get_by_role("button", name="Clear filters").click()
    expect(page.locator("[data-pl-catalogue]")).to_be_visible()
    expect(page.locator("[data-pl-results] > li")).to_have_count(0)
    # nothing to match here, so no "best match" order
    assert page.get_by_label("Sort by").locator("option").all_text_contents() == ["Title, A to Z", "Year, newest first"]


def test_on_a_phone_the_filters_start_folded_so_the_results_are_on_the_first_screen(
    browser: Browser, starter_url: str, starter
) -> None:
    phone = browser.new_page(viewport={"width": 360, "height": 740})
    phone.goto(f"{starter_url}/search/?q=peer+worker")
    first = phone.locator("[data-pl-results] > li").first
    expect(first).to_be_visible()
    panel = phone.locator("[data-pl-facets]")
    assert panel.evaluate("d => !d.open")
    assert first.bounding_box()["y"] < 740  # type: ignore[index]
    phone.locator("[data-pl-facets] > summary").click()
    facet_box(phone, "type", "Value").locator("input").check()
    expect(phone.locator("[data-pl-facets] > summary")).to_have_text("Filter (1 chosen)")
    # An address with filters in it opens them: the reader chose them.
    phone.goto(f"{starter_url}/library/?type=Value")
    expect(phone.locator("[data-pl-results] > li").first).to_be_visible()
    assert panel.evaluate("d => d.open")
    phone.close()


def test_a_hand_typed_filter_value_in_other_case_still_filters(page: Page, starter_url: str, starter) -> None:
    page.goto(f"{starter_url}/library/?type=value")
    values = [e for e in starter.public if e.type == "value"]
    expect(page.locator("[data-pl-results] > li")).to_have_count(len(values))
    expect(facet_box(page, "type", "Value").locator("input")).to_be_checked()
    assert page.url.endswith("/library/?type=Value")


def test_catalogue_is_linked_from_home_and_nav(page: Page, starter_url: str) -> None:
    page.goto(f"{starter_url}/")
    page.locator("article").get_by_role("link", name="the library catalogue").click()
    expect(page).to_have_url(f"{starter_url}/library/")
    expect(page.locator(".md-nav--primary").get_by_role("link", name="Library")).to_be_visible()


def test_site_served_from_a_subfolder_still_finds_its_index(page: Page, engine_site: Path) -> None:
    # Pagefind's bundle and result links are found from the page's own path to the site root
    server = serve(engine_site.parent)
    base = next(server)
    try:
        page.goto(f"{base}/{engine_site.name}/search/?q=WRAP")
        link = page.locator("[data-pl-results] .pl-result__title a").first
        expect(link).to_have_attribute("href", f"{base}/{engine_site.name}/entries/wellness-recovery-action-plan/")
    finally:
        server.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_and_catalogue_pass_axe(page: Page, starter_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(f"{starter_url}/search/?q=peer&type=Practice")
    expect(page.locator("[data-pl-results] > li").first).to_be_visible()
    assert axe_violations(page) == []
    page.goto(f"{starter_url}/library/")
    facet_box(page, "type", "Role").locator("input").check()
    expect(page.locator("[data-pl-results] > li").first).to_be_visible()
    for details in page.locator("details.pl-facet").all():
        details.evaluate("d => d.open = true")
    assert axe_violations(page) == []
    page.goto(f"{starter_url}/entries/hope/")
    page.get_by_role("textbox", name="Search").fill("hope")
    expect(page.locator("[data-pl-search] .md-search-result__item").first).to_be_visible()
    # Material fades the results in over 0.4 s; mid-fade the text is paler than it will be
    expect(page.locator("[data-pl-search] .md-search__output")).to_have_css("opacity", "1")
    assert axe_in(page, "[data-pl-search]") == []  # the search box; entry pages are tested on their own


def axe_in(page: Page, selector: str) -> list[dict[str, object]]:
    """axe's WCAG 2.2 A/AA violations inside one part of the page."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(  # type: ignore[no-any-return]
        """async (selector) => (await axe.run({include: [selector]}, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
            resultTypes: ['violations']})).violations""",
        selector,
    )


def test_search_pages_ask_no_other_host(browser: Browser, starter_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(f"{starter_url}/")
    page.get_by_role("textbox", name="Search").fill("hope")
    expect(page.locator("[data-pl-search] .md-search-result__item").first).to_be_visible()
    page.goto(f"{starter_url}/search/?q=peer&type=Practice&sort=year")
    expect(page.locator("[data-pl-results] > li").first).to_be_visible()
    page.goto(f"{starter_url}/library/")
    facet_box(page, "type", "Value").locator("input").check()
    expect(page.locator("[data-pl-results] > li").first).to_be_visible()
    context.close()
    assert any("/pagefind/" in url for url in seen)
    assert [url for url in seen if not url.startswith(f"{starter_url}/")] == []
