"""Pathways in Chromium: progress ticks survive a reload and reset, notes toggle, the handout prints."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, serve
from tests.build.conftest import build_site
from tests.conftest import FIXTURES

BASE = "/pathways/peer-orientation/"


@pytest.fixture(scope="session")
def pathways_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("pathways-browser")
    shutil.copytree(FIXTURES / "pathways", project, dirs_exist_ok=True)
    yield from serve(build_site(project, project / "site"))


def test_tick_reload_and_reset_by_keyboard(page: Page, pathways_url: str) -> None:
    page.goto(f"{pathways_url}{BASE}disclosure/")
    first = page.get_by_role("checkbox", name="Done: Purposeful disclosure › Considering what is purposeful")
    # keyboard only: from the step's link, Tab reaches its checkbox and Space ticks it
    page.locator("#step-1 a").focus()
    page.keyboard.press("Tab")
    expect(first).to_be_focused()
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    status = page.get_by_role("status")
    expect(status).to_have_text(re.compile(r"^Done: Purposeful disclosure .* 1 of 3 steps done in this module\.$"))

    page.reload()
    expect(first).to_be_checked()
    expect(page.get_by_role("checkbox", name="Done: Peer boundaries")).not_to_be_checked()

    page.goto(f"{pathways_url}{BASE}")
    row = page.locator(".pl-progress[data-pl-module=disclosure]")
    expect(row).to_be_visible()
    expect(row.locator("[data-pl-count]")).to_have_text("1 of 3 steps done")
    expect(row.locator("progress")).to_have_js_property("value", 1)
    expect(page.locator(".pl-progress[data-pl-module=values] [data-pl-count]")).to_have_text(
        "Not started: 0 of 2 steps done"
    )
    # The main button goes on from the module begun, not back to the first.
    start = page.locator("[data-pl-start]")
    expect(start).to_have_text("Continue: Disclosure and boundaries")
    expect(start).to_have_attribute("href", "disclosure/")

    reset = page.get_by_role("button", name="Reset my progress")
    reset.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Your progress in this pathway has been reset.")
    expect(row.locator("[data-pl-count]")).to_have_text("Not started: 0 of 3 steps done")
    expect(reset).to_be_focused()
    expect(start).to_have_text("Start: Peer values")

    page.goto(f"{pathways_url}{BASE}disclosure/")
    expect(first).not_to_be_checked()


def test_facilitator_notes_can_be_shown_and_hidden(page: Page, pathways_url: str) -> None:
    page.goto(f"{pathways_url}{BASE}disclosure/")
    note = page.locator("[data-pl-note]").first
    toggle = page.get_by_role("button", name="Show facilitator notes")
    expect(note).to_be_hidden()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(note).to_be_visible()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(page.locator("[data-pl-note]").first).to_be_visible()
    page.get_by_role("button", name="Show facilitator notes").click()
    expect(page.locator("[data-pl-note]").first).to_be_hidden()


def test_handout_prints_every_module_without_site_chrome(page: Page, pathways_url: str, tmp_path: Path) -> None:
    page.goto(f"{pathways_url}{BASE}print/")
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_visible()
    pdf = tmp_path / "handout.pdf"
    page.pdf(path=str(pdf), format="A4")
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, text=True)
    text = " ".join(raw.stdout.split())
    for expected in [
        "Peer orientation <fixture>",
        "Module 1: Peer values",
        "Describe mutuality in your own words.",
        "Peer relationships where both people learn from each other and share power.",
        "Think of a time someone with shared experience helped you. What made it different?",
        "Module 2: Disclosure and boundaries",
        "Agree boundaries with the people you support.",
        "Purposeful disclosure › Considering what is purposeful",
        "In pairs, one person asks a personal question; the other practises a purposeful answer.",
        "Module 3: Bringing it together",
        "What will you take into your first week?",
    ]:
        assert expected in text, expected
    for chrome in ["Pathways fixture", "Switch to", "Back to the pathway", "Print or save as PDF", "Facilitator note"]:
        assert chrome not in text, chrome


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/pathways/", BASE, f"{BASE}disclosure/", f"{BASE}print/", "/entries/mutuality/"])
def test_pathway_pages_have_no_axe_violations(page: Page, pathways_url: str, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(f"{pathways_url}{path}")
    if path.endswith("disclosure/"):
        page.get_by_role("checkbox").first.check()
        page.get_by_role("button", name="Show facilitator notes").click()
    assert axe_violations(page) == []
