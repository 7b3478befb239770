"""Script written into content never runs: every page of the hostile catalogue, opened in Chromium
with dialog and console listeners (the ``page`` fixture also fails on any page error).

The catalogue has an entry with script and HTML in every field and its body, javascript: and data:
links, entity-disguised links and attr_list event handlers. Every built page is visited, so pages
that later features add (indexes, catalogue, search, shelf, feeds) are covered as they land.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Dialog, Page, expect

from tests.browser.conftest import serve
from tests.build.test_hostile import make_project
from tests.conftest import build_site

# Every element's inline event handlers and every script-capable URL, found by the browser itself.
FIND_SCRIPT = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value.replace(/[\\x00-\\x20]/g, '').toLowerCase();
      if (a.name.startsWith('on')) bad.push(`${el.tagName} ${a.name}`);
      // The one allowed data: URL: a citation download (a reference file browsers save, never show).
      const citation = el.tagName === 'A' && el.hasAttribute('download') && a.name === 'href'
          && /^data:application\\/(x-bibtex|x-research-info-systems|vnd\\.citationstyles\\.csl\\+json);/.test(v);
      if (['href', 'src', 'action', 'formaction', 'srcset'].includes(a.name) && !citation
          && /^(javascript|vbscript|data):/.test(v)) bad.push(`${el.tagName} ${a.name}=${a.value}`);
    }
  }
  for (const s of document.querySelectorAll('script')) {
    if (s.type === 'application/ld+json') {
      // Data, never run: it must parse, and hold no '<' that could close its element early.
      try { JSON.parse(s.textContent); } catch (e) { bad.push('json-ld does not parse'); }
      if (s.textContent.includes('<')) bad.push('json-ld holds a raw <');
      continue;
    }
    if (/alert\\(/.test(s.textContent)) bad.push('script: ' + s.textContent.slice(0, 80));
  }
  return bad;
}"""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    project = make_project(tmp_path_factory.mktemp("xss"))
    site = build_site(project, project / "site", strict=False)  # the catalogue has errors on purpose
    for url in serve(site):
        yield url, site


def _watch(page: Page) -> tuple[list[str], list[str]]:
    dialogs: list[str] = []
    console: list[str] = []

    def on_dialog(d: Dialog) -> None:
        dialogs.append(d.message)
        d.dismiss()

    def on_console(m: ConsoleMessage) -> None:
        console.append(f"{m.type}: {m.text}")

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    return dialogs, console


def test_script_in_every_field_never_runs(page: Page, hostile_url: tuple[str, Path]) -> None:
    url, _ = hostile_url
    dialogs, console = _watch(page)
    page.goto(f"{url}/entries/script-everywhere/")
    expect(page.locator("article h1")).to_contain_text("<script>alert(document.domain)</script>")
    # the escaped markup reads as text wherever it was written
    expect(page.locator("article .pl-body")).to_contain_text("<img src=x onerror=alert(1)>")
    expect(page.locator("article .pl-meta")).to_contain_text("source title")
    for link in page.locator("article a").all():
        link.hover()  # onmouseover payloads would fire here
    page.keyboard.press("Tab")
    assert page.evaluate(FIND_SCRIPT) == []
    assert dialogs == [] and console == []


def test_links_with_script_urls_lose_their_address(page: Page, hostile_url: tuple[str, Path]) -> None:
    url, _ = hostile_url
    page.goto(f"{url}/entries/script-everywhere/")
    body = page.locator("article .pl-body")
    for name in ["a javascript link", "entity link", "reference link"]:
        assert body.get_by_text(name, exact=True).get_attribute("href") is None, name
    assert body.locator("img").count() == 0 or body.locator("img[src^='data:']").count() == 0
    assert body.get_by_role("link", name="https://example.org/ok").get_attribute("href") == "https://example.org/ok"


def test_no_page_of_the_hostile_site_runs_content_script(page: Page, hostile_url: tuple[str, Path]) -> None:
    url, site = hostile_url
    dialogs, console = _watch(page)
    pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
    assert len(pages) >= 20
    for rel in pages:
        page.goto(f"{url}/{'' if rel == '.' else rel + '/'}")
        assert page.evaluate(FIND_SCRIPT) == [], rel
    assert dialogs == [] and console == []


def test_search_results_and_the_shelf_show_script_as_text(page: Page, hostile_url: tuple[str, Path]) -> None:
    url, _ = hostile_url
    dialogs, console = _watch(page)
    page.goto(f"{url}/search/?q=alert")
    results = page.locator("[data-pl-search-app] [data-pl-results] li")
    expect(results.first).to_be_visible()
    expect(page.locator("[data-pl-search-app] [data-pl-results]")).to_contain_text("<script>")  # as text
    assert page.evaluate(FIND_SCRIPT) == []
    page.locator(".md-search__input").fill("alert")  # the header box renders results its own way
    expect(page.locator("[data-pl-search] [data-pl-results] li").first).to_be_visible()
    assert page.evaluate(FIND_SCRIPT) == []
    page.goto(f"{url}/shelf/#items=script-everywhere")
    expect(page.locator(".pl-shelf-list li")).to_have_count(1)
    expect(page.locator(".pl-shelf-list")).to_contain_text("<script>")
    assert page.evaluate(FIND_SCRIPT) == []
    assert dialogs == [] and console == []


def test_feed_and_catalogue_carry_script_only_as_escaped_text(hostile_url: tuple[str, Path]) -> None:
    _, site = hostile_url
    feed = ET.parse(site / "feed.xml").getroot()
    assert not [el for el in feed.iter() if el.tag.rsplit("}", 1)[-1].lower() == "script"]
    titles = [el.text or "" for el in feed.iter() if el.tag.endswith("title")]
    assert any("<script>" in t for t in titles)  # the text survives, escaped in the XML
    for el in feed.iter():
        if el.get("type") == "html":  # HTML-typed content must not carry live markup either
            assert "<script" not in (el.text or "").lower()
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    assert any("<script>" in str(item) for item in catalogue["entries"])
