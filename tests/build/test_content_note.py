"""Content notes and writing checks in a real MkDocs build: the notice, its skip link, and strict failures."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from tests.build.conftest import soup
from tests.conftest import FIXTURES, ROOT, build_site
from tests.helpers import entry_text


def test_notice_comes_before_the_body_with_support_and_a_skip_link(mini_site: Path) -> None:
    article = soup(mini_site / "entries" / "wellness-recovery-action-plan" / "index.html").select_one("article")
    note = article.select_one("aside.pl-content-note")
    assert note["aria-labelledby"] == "pl-content-note-label"
    assert note.select_one("#pl-content-note-label").get_text() == "Content note: this entry discusses suicide."
    assert "contact your local crisis or support service" in note.select_one(".pl-support").get_text()
    skip = note.select_one("a.pl-skip-body")
    assert skip["href"] == "#pl-after-body"
    target = article.select_one("#pl-after-body")
    body = article.select_one(".pl-body")
    # the skip target sits after the body and before the details about the entry
    assert body in target.find_all_previous(class_="pl-body")
    assert article.select_one(".pl-meta") in target.find_all_next("section")
    assert target["tabindex"] == "-1"


def test_entries_without_notes_have_no_notice_or_target(mini_site: Path) -> None:
    page = soup(mini_site / "entries" / "mutuality" / "index.html")
    assert not page.select(".pl-content-note") and not page.select("#pl-after-body")


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", root)
    return root


def test_support_message_comes_from_mkdocs_yml(tmp_path: Path) -> None:
    root = project(tmp_path)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "  - peer-library\n",
        "  - peer-library:\n      support_message: Call the Example Service <on duty> & talk it through.\n",
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = build_site(root, root / "site")
    note = soup(site / "entries" / "wellness-recovery-action-plan" / "index.html").select_one(".pl-support")
    assert note.get_text() == "Call the Example Service <on duty> & talk it through."


@pytest.mark.expected_warnings
@pytest.mark.parametrize(
    ("entry", "warning"),
    [
        (entry_text(body="She suffers from it.\n", id="lang"), 'library/lang.md:9: body: "suffers from"'),
        (entry_text(body="Seclusion rooms.\n", id="note"), "library/note.md:9: content_notes: the entry mentions"),
    ],
)
def test_strict_build_fails_on_a_writing_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, entry: str, warning: str
) -> None:
    root = project(tmp_path)
    (root / "library" / "style").mkdir()
    shutil.copy(ROOT / "library" / "style" / "language.yml", root / "library" / "style" / "language.yml")
    (root / "library" / f"{warning.split('/')[1].split('.')[0]}.md").write_text(entry, encoding="utf-8")
    with pytest.raises(Abort):
        build_site(root, root / "site")
    logged = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert [m for m in logged if m.startswith(warning)], logged
