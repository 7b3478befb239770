"""My shelf and the copy-citation button in Chromium: localStorage only, exports, a share link on another machine."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations, serve
from tests.build.conftest import build_site
from tests.conftest import FIXTURES

IDS = ["hope", "on-our-own", "journey-of-the-heart"]
TITLES = {
    "hope": "Hope",
    "on-our-own": "On Our Own",
    "journey-of-the-heart": "Recovery as a journey of the heart",
}


@pytest.fixture(scope="module")
def borrowing_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("borrowing-browser")
    shutil.copytree(FIXTURES / "borrowing", project, dirs_exist_ok=True)
    yield from serve(build_site(project, project / "site"))


def shelf_titles(page: Page) -> list[str]:
    return page.locator(".pl-shelf-list h3").all_inner_texts()


def add(page: Page, base: str, entry_id: str) -> None:
    page.goto(f"{base}/entries/{entry_id}/")
    button = page.get_by_role("button", name="Add to my shelf")
    button.click()
    expect(page.locator("[data-pl-shelf]")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".pl-actions .pl-shelf-status")).to_have_text("Added to your shelf.")


def test_build_reorder_remove_reload_export_and_share_a_shelf(page: Page, browser: Browser, borrowing_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    for entry_id in IDS:
        add(page, borrowing_url, entry_id)
    page.goto(f"{borrowing_url}/shelf/")
    expect(page.locator(".pl-shelf-list li")).to_have_count(3)
    assert shelf_titles(page) == [TITLES[i] for i in IDS]
    first = page.locator(".pl-shelf-list li").first
    expect(first.locator(".pl-kicker")).to_have_text("Value")
    expect(first).to_contain_text("Believing that recovery is possible for everyone.")

    page.get_by_role("button", name="Move up: Recovery as a journey of the heart").click()
    assert shelf_titles(page) == ["Hope", "Recovery as a journey of the heart", "On Our Own"]
    expect(page.locator(".pl-shelf-status")).to_have_text(
        "Moved Recovery as a journey of the heart to position 2 of 3."
    )
    page.get_by_role("button", name="Remove: Hope").click()
    assert shelf_titles(page) == ["Recovery as a journey of the heart", "On Our Own"]

    page.reload()
    expect(page.locator(".pl-shelf-list li")).to_have_count(2)
    assert shelf_titles(page) == ["Recovery as a journey of the heart", "On Our Own"]
    assert page.context.cookies() == []

    exports: dict[str, str] = {}
    for label in ["Markdown", "CSV", "BibTeX", "RIS", "CSL-JSON"]:
        with page.expect_download() as info:
            page.get_by_role("button", name=label, exact=True).click()
        download = info.value
        exports[download.suggested_filename] = Path(download.path()).read_text(encoding="utf-8")
    assert exports["my-shelf.md"].splitlines() == [
        "# My shelf",
        "",
        f"- [Recovery as a journey of the heart]({borrowing_url}/entries/journey-of-the-heart/) (Resource): "
        "A short article on recovery as a personal journey rather than a clinical outcome.",
        f"- [On Our Own]({borrowing_url}/entries/on-our-own/) (Writing): "
        "A founding book of the consumer/survivor movement about patient-controlled alternatives.",
    ]
    assert exports["my-shelf.csv"].splitlines()[0] == "id,title,type,summary,url"
    assert exports["my-shelf.csv"].splitlines()[2].startswith("on-our-own,On Our Own,Writing,")
    assert exports["my-shelf.bib"].startswith("@article{journey-of-the-heart,")
    assert "@book{on-our-own," in exports["my-shelf.bib"]
    assert exports["my-shelf.ris"].count("ER  - ") == 2
    assert [i["id"] for i in json.loads(exports["my-shelf.json"])] == ["journey-of-the-heart", "on-our-own"]

    page.get_by_role("button", name="Copy share link").click()
    link = page.locator("#pl-share-url").input_value()
    assert link == f"{borrowing_url}/shelf/#items=journey-of-the-heart,on-our-own"
    assert page.evaluate("navigator.clipboard.readText()") == link

    # Another machine: a fresh context with nothing stored sees the same list, and can save it.
    other = browser.new_context()
    errors: list[str] = []
    try:
        them = other.new_page()
        them.on("pageerror", lambda exc: errors.append(str(exc)))
        them.goto(link)
        expect(them.get_by_role("heading", name="A reading list shared with you")).to_be_visible()
        expect(them.locator(".pl-shelf-list li")).to_have_count(2)
        assert shelf_titles(them) == ["Recovery as a journey of the heart", "On Our Own"]
        assert them.locator(".pl-shelf-list button").count() == 0
        them.get_by_role("button", name="Save these to my shelf").click()
        expect(them.locator(".pl-shelf-status")).to_have_text("Saved 2 new entries to your shelf.")
        assert json.loads(them.evaluate("localStorage.getItem('peer-library:shelf')")) == [
            "journey-of-the-heart",
            "on-our-own",
        ]
    finally:
        other.close()
    assert errors == []


def test_copy_citation_puts_the_apa_reference_on_the_clipboard(page: Page, borrowing_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{borrowing_url}/entries/on-our-own/")
    page.get_by_role("button", name="Copy citation").click()
    expect(page.locator(".pl-copy-status")).to_have_text("Citation copied.")
    assert page.evaluate("navigator.clipboard.readText()") == (
        "Chamberlin, J. (1978). On our own: Patient-controlled alternatives to the mental health system. Hawthorn Books. "
        "https://example.org/on-our-own"
    )


@pytest.mark.parametrize(
    ("label", "name", "start"),
    [("BibTeX", "on-our-own.bib", "@book{on-our-own,"), ("RIS", "on-our-own.ris", "TY  - BOOK")],
)
def test_an_entry_reference_downloads_as_a_file(
    page: Page, borrowing_url: str, label: str, name: str, start: str
) -> None:
    page.goto(f"{borrowing_url}/entries/on-our-own/")
    with page.expect_download() as info:
        page.locator(".pl-downloads").get_by_role("link", name=label, exact=True).click()
    download = info.value
    assert download.suggested_filename == name
    assert Path(download.path()).read_text(encoding="utf-8").startswith(start)


def test_without_javascript_the_buttons_are_absent(browser: Browser, borrowing_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{borrowing_url}/entries/hope/")
        expect(page.get_by_role("button", name="Add to my shelf")).to_have_count(0)
        expect(page.get_by_role("button", name="Copy citation")).to_have_count(0)
        page.goto(f"{borrowing_url}/shelf/")
        # (Playwright's switch leaves Chromium parsing <noscript> as if scripts ran; the build test reads it.)
        expect(page.locator("#pl-shelf")).to_be_hidden()
        expect(page.get_by_role("button", name="Copy share link")).to_have_count(0)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_shelf_and_entry_pages_pass_axe(page: Page, borrowing_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    add(page, borrowing_url, "wellness-recovery-action-plan")
    assert axe_violations(page) == []
    page.goto(f"{borrowing_url}/shelf/")
    expect(page.locator(".pl-shelf-list li")).to_have_count(1)
    assert axe_violations(page) == []


def test_shelf_is_keyboard_usable(page: Page, borrowing_url: str) -> None:
    add(page, borrowing_url, "hope")
    add(page, borrowing_url, "on-our-own")
    page.goto(f"{borrowing_url}/shelf/")
    down = page.get_by_role("button", name="Move down: Hope")
    down.focus()
    page.keyboard.press("Enter")
    assert shelf_titles(page) == ["On Our Own", "Hope"]
    # focus follows the moved item, so a keyboard user can keep moving it
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Move up: Hope"
