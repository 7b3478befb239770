"""'Suggest a change' on entry pages and 'Propose a new entry' on the contribute page, only when mkdocs.yml
names the repository; and an entry made by `peer-library from-issue` builds in strict mode."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from peer_library.cli.form_commands import make_entry
from peer_library.derive import issue_form
from peer_library.load.library import load_topics
from peer_library.site.contribute_links import PROPOSE, edit_root
from tests.build.conftest import soup
from tests.conftest import FIXTURES, build_site
from tests.unit.test_from_issue import render_body

REPO = "https://github.com/example/peer-library"


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini library with repo_url and edit_uri set, a contribute page, and an entry from the form."""
    project = tmp_path_factory.mktemp("linked")
    shutil.copytree(FIXTURES / "mini", project, dirs_exist_ok=True)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(f"repo_url: {REPO}\nedit_uri: edit/trunk/docs/\n{config}", encoding="utf-8")
    (project / "docs" / "contribute.md").write_text(f"# Contribute\n\n{PROPOSE}\n\nMore.\n", encoding="utf-8")
    lib = project / "library"
    topics, _ = load_topics(lib / "topics.yml", project)
    answers = {
        issue_form.TYPE: "Value",
        issue_form.TITLE: "Courage <3 & care",
        issue_form.SUMMARY: "Acting on what matters to you, even when it is hard.",
        issue_form.TOPICS: topics[0].label,
        issue_form.TEXT: "## What it is\n\nTaking a step when you are not sure. See [[hope]].",
        issue_form.CONFIRM: list(issue_form.CONFIRMATIONS),
    }
    outcome = make_entry(
        render_body(issue_form.form_fields(topics), answers), lib, project, "issue.md", dt.date.today()
    )
    assert outcome.path and not outcome.problems, outcome.problems
    return build_site(project, project / "site")


def test_an_entry_from_the_form_builds_in_strict_mode(linked_site: Path) -> None:
    page = soup(linked_site / "entries" / "courage-3-and-care" / "index.html")
    assert page.select_one("article h1").get_text() == "Courage <3 & care"
    assert page.select_one(".pl-body a")["href"] == "../hope/"


def test_entry_pages_link_to_their_own_files_edit_page(linked_site: Path) -> None:
    links = soup(linked_site / "entries" / "wellness-recovery-action-plan" / "index.html").select(".pl-suggest a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Suggest a change", f"{REPO}/edit/trunk/library/practices/wrap.md")
    ]
    made = soup(linked_site / "entries" / "courage-3-and-care" / "index.html").select_one(".pl-suggest a")
    assert made["href"] == f"{REPO}/edit/trunk/library/values/courage-3-and-care.md"


def test_contribute_page_links_to_the_form(linked_site: Path) -> None:
    buttons = soup(linked_site / "contribute" / "index.html").select("a.pl-propose")
    assert [(a.get_text(), a["href"]) for a in buttons] == [
        ("Propose a new entry", f"{REPO}/issues/new?template=new-entry.yml")
    ]


def test_without_repo_url_neither_link_appears(starter_site: Path, mini_site: Path) -> None:
    contribute = soup(starter_site / "contribute" / "index.html")
    assert not contribute.select("a.pl-propose") and "Propose a new entry" not in contribute.get_text()
    for site in (starter_site, mini_site):
        for page in (site / "entries").glob("*/index.html"):
            assert "Suggest a change" not in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "docs_dir", "root"),
    [
        ("", "edit/main/docs/", "docs", ""),
        (REPO, "edit/master/docs/", "docs", f"{REPO}/edit/master/"),
        (REPO + "/", "edit/main/docs", "docs", f"{REPO}/edit/main/"),
        (REPO, "blob/main/site/docs/", "docs", f"{REPO}/blob/main/site/"),  # mkdocs.yml in a subfolder
        (REPO, "edit/main/content/pages/", "content/pages", f"{REPO}/edit/main/"),
        (REPO, "", "docs", f"{REPO}/edit/main/"),
        (
            REPO,
            "https://gitlab.example.org/a/b/-/edit/main/docs/",
            "docs",
            "https://gitlab.example.org/a/b/-/edit/main/",
        ),
    ],
)
def test_edit_root_honours_edit_uri(repo_url: str, edit_uri: str, docs_dir: str, root: str) -> None:
    assert edit_root(repo_url, edit_uri, docs_dir) == root
