"""Every page type of the built starter library, in Chromium: zero axe WCAG 2.2 A/AA violations in the
light and dark palettes, a working skip link, and a visible focus ring for keyboard users."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, set_palette

# (name, path, what to do before checking so the page shows its interactive state)
PAGES: list[tuple[str, str, str]] = [
    ("home", "/", ""),
    ("entry", "/entries/mutuality/", ""),
    ("entry with content notes", "/entries/trauma-frame/", ""),
    ("entry with copies (circulation)", "/entries/peer-work-in-australia/", ""),
    ("topic tree", "/topics/", ""),
    ("topic page", "/topics/peer-values/", ""),
    ("type page", "/types/values/", ""),
    ("audience page", "/audiences/carer/", ""),
    ("a-z", "/a-z/", ""),
    ("catalogue with filters open", "/library/", "filters"),
    ("the catalogue as data", "/data/", ""),
    ("search with results", "/search/?q=hope", "results"),
    ("search with 'Did you mean'", "/search/?q=intentonal+peer+suport", "suggestion"),
    ("catalogue, page 2 of the numbered pages", "/library/2/", ""),
    ("404 page", "/404.html", ""),
    ("shelf with items", "/shelf/#items=mutuality,hope,wellness-recovery-action-plan", "shelf"),
    ("pathway list", "/pathways/", ""),
    ("pathway overview", "/pathways/peer-workforce-orientation/", ""),
    ("pathway module", "/pathways/peer-workforce-orientation/peer-values/", "tick"),
    ("print handout", "/pathways/peer-workforce-orientation/print/", ""),
    ("privacy page (and the footer link on every page)", "/privacy/", ""),
]


def prepare(page: Page, action: str) -> None:
    if action == "filters":
        expect(page.locator("[data-pl-facet]").first).to_be_visible()
        page.evaluate("document.querySelectorAll('[data-pl-facet]').forEach(d => d.open = true)")
        page.locator("[data-pl-facet] input[type=checkbox]").first.check()
        expect(page.locator("[data-pl-results] li a").first).to_be_visible()
    elif action == "results":
        expect(page.locator("[data-pl-search-app] [data-pl-results] li a").first).to_be_visible()
    elif action == "suggestion":
        expect(page.locator("[data-pl-search-app] [data-pl-suggestion]")).to_be_visible()
        expect(page.locator("[data-pl-search-app] [data-pl-results] li a").first).to_be_visible()
    elif action == "shelf":
        expect(page.locator(".pl-shelf-list li")).to_have_count(3)
    elif action == "tick":
        page.get_by_role("checkbox").first.check()


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize(("name", "path", "action"), PAGES, ids=[p[0] for p in PAGES])
def test_page_type_has_no_axe_violations(
    page: Page, engine_url: str, name: str, path: str, action: str, scheme: str
) -> None:
    page.goto(f"{engine_url}{path}")
    set_palette(page, scheme)
    prepare(page, action)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in violations]  # type: ignore[index]


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_tombstone_has_no_axe_violations(page: Page, mini_url: str, scheme: str) -> None:
    page.goto(f"{mini_url}/entries/gone/")
    set_palette(page, scheme)
    assert axe_violations(page) == []


@pytest.mark.parametrize(("name", "path", "action"), PAGES[:-1], ids=[p[0] for p in PAGES[:-1]])
def test_first_tab_reaches_a_skip_link_that_moves_focus_to_the_content(
    page: Page, starter_url: str, name: str, path: str, action: str
) -> None:
    page.goto(f"{starter_url}{path}")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({cls: document.activeElement.className, text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert "md-skip" in focused["cls"] and focused["text"] == "Skip to content", focused
    expect(page.locator("a.md-skip")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == focused["href"]


FOCUS_RING = """() => {
  let el = document.activeElement;
  // A visually hidden control (Material's palette radio) shows its focus on the label after it.
  const box = el.getBoundingClientRect();
  if (box.width <= 1 || getComputedStyle(el).opacity === '0') {
    const next = el.nextElementSibling;
    el = next && next.tagName === 'LABEL' ? next : (document.querySelector(`label[for="${el.id}"]`) || el);
  }
  const s = getComputedStyle(el);
  const outline = s.outlineStyle === 'auto' || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0);
  return {tag: el.tagName, cls: String(el.className), outline, shadow: s.boxShadow !== 'none'};
}"""


@pytest.mark.parametrize(
    "path", ["/entries/mutuality/", "/library/", "/pathways/peer-workforce-orientation/peer-values/"]
)
def test_keyboard_focus_is_always_visible(page: Page, starter_url: str, path: str) -> None:
    page.goto(f"{starter_url}{path}")
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring["tag"] == "BODY":
            continue
        seen += 1
        assert ring["outline"] or ring["shadow"], ring
    assert seen >= 20


def test_a_catalogue_filter_can_be_used_by_keyboard_alone(page: Page, starter_url: str) -> None:
    page.goto(f"{starter_url}/library/")
    expect(page.locator("[data-pl-facet] input[type=checkbox]").first).to_be_visible()
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-pl-facet] input[type=checkbox]')"):
            break
    else:
        pytest.fail("no filter can be reached with Tab")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    expect(page.locator("[data-pl-results] li a").first).to_be_visible()
