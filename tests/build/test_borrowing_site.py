"""Build the borrowing fixture and check what reaches site/: availability, citations, JSON-LD, feed, catalogue,
and that no borrower identifier planted in the ledger appears in any output file, in availability.json or
in what ``check`` prints.

The ledger is written outside the project, as the circulation commands keep it; ``peer-library purge``
then writes library/circulation/availability.json from it, which is all the build reads."""

from __future__ import annotations

import gzip
import json
import logging
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import feedparser
import pytest
from mkdocs.exceptions import Abort

from peer_library.cli import main
from peer_library.load.library import load_library
from peer_library.site.borrowing import post_build_files
from peer_library.site.page import Options
from tests.build.conftest import build_site, soup
from tests.conftest import FIXTURES

FIXTURE = FIXTURES / "borrowing"
SITE_URL = "https://library.example.org/"


# Planted borrowers: none of them may reach the site, availability.json or check's output.
LEDGER = """\
{"date": "2026-10-01", "event": "loan", "item": "gone", "copy": "c1", "borrower": "archivist-9931", "due": "2026-10-22"}
{"date": "2026-10-20", "event": "return", "item": "gone", "copy": "c1"}
{"date": "2026-11-01", "event": "loan", "item": "wellness-recovery-action-plan", "copy": "c1", "borrower": "borrower-alpha-7731", "due": "2026-11-22"}
{"date": "2026-11-02", "event": "loan", "item": "wellness-recovery-action-plan", "copy": "c2", "borrower": "jsmith@service.example", "due": "2026-11-23"}
{"date": "2026-11-10", "event": "return", "item": "wellness-recovery-action-plan", "copy": "c2"}
{"date": "2026-11-20", "event": "renew", "item": "wellness-recovery-action-plan", "copy": "c1", "due": "2026-12-12"}
{"date": "2026-11-21", "event": "loan", "item": "on-our-own", "copy": "c1", "borrower": "staff.0042", "due": "2026-12-12"}
{"date": "2026-11-21", "event": "loan", "item": "script-holdings", "copy": "c1", "borrower": "x-script-borrower", "due": "2026-12-05"}
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture, with availability.json written by `purge` from the planted ledger kept outside it."""
    project = tmp_path_factory.mktemp("borrowing") / "project"
    shutil.copytree(FIXTURE, project)
    ledger = project.parent / "private" / "loans.jsonl"
    ledger.parent.mkdir()
    ledger.write_text(LEDGER, encoding="utf-8")
    assert main(["purge", "--library", str(project / "library"), "--ledger", str(ledger), "--date", "2026-11-25"]) == 0
    return project


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return build_site(project, project / "site")


def borrowers() -> set[str]:
    found = {json.loads(x)["borrower"] for x in LEDGER.splitlines() if '"borrower"' in x}
    assert len(found) >= 5
    return found


def test_no_borrower_in_the_availability_file_or_what_check_prints(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    published = (project / "library" / "circulation" / "availability.json").read_text(encoding="utf-8")
    assert '"on-loan"' in published
    monkeypatch.chdir(project)
    printed = ""
    for fmt in ("text", "github", "json"):
        assert main(["check", "library", "--no-cache", "--format", fmt]) == 0
        out = capsys.readouterr()
        printed += out.out + out.err
    for name in borrowers():
        assert name not in published and name not in printed


def test_no_borrower_identifier_in_any_output_file(site: Path) -> None:
    names = borrowers()
    checked = 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # gzip (sitemap.xml.gz, Pagefind's index files)
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace").lower()
        for name in names:
            assert name.lower() not in text, f"{name} found in {path.relative_to(site)}"
        checked += 1
    assert checked > 20


def test_availability_counts_copies_and_names_places(site: Path) -> None:
    page = soup(site / "entries" / "wellness-recovery-action-plan" / "index.html")
    section = page.select_one("section.pl-availability")
    assert section.select_one(".pl-availability-status").get_text() == "2 of 3 copies available"
    assert section["data-availability"] == "available"
    assert section["data-pagefind-filter"] == "availability:Available now"
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")][:3] for tr in section.select("tbody tr")]
    assert rows == [
        ["c1", "Library shelf, level 2", "On loan, due back 12 December 2026"],
        ["c2", "Team room, Footscray", "Available"],
        ["c3", "Library shelf, level 2", "Available"],
    ]
    request = section.select("tbody a")[1]
    assert request.get_text(" ", strip=True).startswith("Request this copy")
    assert request["href"] == (
        "mailto:library@example.org?subject=Request%20Wellness%20Recovery%20Action%20Plan"
        "%20(wellness-recovery-action-plan%2C%20copy%20c2)"
    )


def test_entries_say_how_often_they_were_borrowed_and_link_the_privacy_page(site: Path) -> None:
    page = soup(site / "entries" / "wellness-recovery-action-plan" / "index.html")
    assert page.select_one(".pl-times-lent").get_text() == "Borrowed 2 times so far."
    assert page.select_one(".pl-privacy-note a")["href"] == "../../privacy/"
    assert page.select_one(".pl-privacy-link a")["href"] == "../../privacy/"  # the footer
    assert soup(site / "index.html").select_one(".pl-privacy-link a")["href"] == "privacy/"
    catalogue = soup(site / "library" / "index.html")
    label = catalogue.select_one('[data-pl-availability="wellness-recovery-action-plan"]').get_text()
    assert label == "2 of 3 copies available; borrowed 2 times"
    assert soup(site / "entries" / "on-our-own" / "index.html").select_one(".pl-times-lent").get_text() == (
        "Borrowed 1 time so far."
    )


def test_a_single_copy_on_loan_shows_its_due_date(site: Path) -> None:
    section = soup(site / "entries" / "on-our-own" / "index.html").select_one("section.pl-availability")
    assert section.select_one(".pl-availability-status").get_text() == "On loan, due back 12 December 2026"
    assert section["data-pagefind-filter"] == "availability:On loan"


def test_entries_without_holdings_have_no_availability(site: Path) -> None:
    assert soup(site / "entries" / "hope" / "index.html").select_one(".pl-availability") is None


def test_holding_locations_are_escaped(site: Path) -> None:
    page = soup(site / "entries" / "script-holdings" / "index.html")
    assert not page.select("img[onerror]")
    assert "<img src=x" in page.select_one("section.pl-availability td:nth-of-type(2)").get_text()


def json_ld(path: Path) -> dict[str, object]:
    scripts = soup(path).select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].get_text())  # type: ignore[no-any-return]


def test_json_ld_parses_and_describes_the_entry(site: Path) -> None:
    data = json_ld(site / "entries" / "journey-of-the-heart" / "index.html")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ScholarlyArticle"
    assert data["identifier"] == "journey-of-the-heart"
    assert data["name"] == "Recovery as a journey of the heart"
    assert data["description"].startswith("A short article on recovery")
    assert data["url"] == f"{SITE_URL}entries/journey-of-the-heart/"
    assert data["about"] == [{"@type": "DefinedTerm", "termCode": "recovery", "name": "Recovery"}]
    assert data["author"] == [{"@type": "Person", "name": "Deegan, P. E."}, {"@type": "Person", "name": "Anonymous"}]
    assert json_ld(site / "entries" / "on-our-own" / "index.html")["@type"] == "Book"


def test_json_ld_cannot_close_its_script_element(site: Path) -> None:
    html = (site / "entries" / "script-holdings" / "index.html").read_text(encoding="utf-8")
    raw = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in raw and "\\u003c/script\\u003e" in raw
    assert (
        json_ld(site / "entries" / "script-holdings" / "index.html")["name"] == "</script><script>alert('t')</script>"
    )


def test_anonymous_authors_are_not_named_in_citations_json_ld_feed_or_catalogue(site: Path) -> None:
    folder = site / "entries" / "journey-of-the-heart"
    for path in folder.iterdir():
        if path.name != "index.html":
            assert "Quiet" not in path.read_text(encoding="utf-8"), path.name
    page = soup(folder / "index.html")
    assert "Quiet" not in page.select_one("section.pl-cite").decode()
    assert "Anonymous" in page.select_one(".pl-apa-ref").get_text()
    assert "Quiet" not in (site / "catalogue.json").read_text(encoding="utf-8")
    assert "Quiet" not in (site / "feed.xml").read_text(encoding="utf-8")


def test_cite_panel_and_downloads(site: Path) -> None:
    folder = site / "entries" / "on-our-own"
    panel = soup(folder / "index.html").select_one("section.pl-cite")
    apa = (
        "Chamberlin, J. (1978). On our own: Patient-controlled alternatives to the mental health system. "
        "Hawthorn Books. https://example.org/on-our-own"
    )
    assert panel.select_one(".pl-apa-ref").get_text() == apa
    assert panel.select_one(".pl-apa-ref i").get_text().startswith("On our own")
    assert panel.select_one("button[data-pl-copy]")["data-pl-copy"] == apa
    assert panel.select_one("button[data-pl-copy]").has_attr("hidden")  # shown by JavaScript only
    links = {a.get_text(): a for a in panel.select(".pl-downloads a")}
    assert {k: a["download"] for k, a in links.items()} == {
        "BibTeX": "on-our-own.bib",
        "RIS": "on-our-own.ris",
        "CSL-JSON": "on-our-own.json",
    }
    files = {k: data_url_text(a["href"]) for k, a in links.items()}
    assert files["BibTeX"].startswith("@book{on-our-own,\n")
    assert files["RIS"].startswith("TY  - BOOK")
    assert json.loads(files["CSL-JSON"])[0]["publisher"] == "Hawthorn Books"
    assert sorted(p.name for p in folder.iterdir()) == ["index.html"]  # no file per entry per format


def data_url_text(href: str) -> str:
    """The text a ``data:...;charset=utf-8,...`` link downloads."""
    head, _, data = href.partition(",")
    assert head.startswith("data:application/") and head.endswith(";charset=utf-8"), head
    return unquote(data)


def test_feed_is_valid_atom_newest_first_without_withdrawn(site: Path) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [e.link for e in feed.entries] == [
        f"{SITE_URL}entries/{i}/"
        for i in ["hope", "journey-of-the-heart", "on-our-own", "script-holdings", "wellness-recovery-action-plan"]
    ]
    assert feed.entries[0].summary == "Believing that recovery is possible for everyone."
    assert "gone" not in (site / "feed.xml").read_text(encoding="utf-8")


def test_catalogue_json_lists_public_entries_with_availability(site: Path) -> None:
    data = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    ids = [e["id"] for e in data["entries"]]
    assert ids == sorted(ids) and "gone" not in ids and len(ids) == 5
    wrap = next(e for e in data["entries"] if e["id"] == "wellness-recovery-action-plan")
    assert wrap["availability"] == {
        "status": "available",
        "label": "2 of 3 copies available",
        "copies": 3,
        "available": 2,
        "next_due": "2026-12-12",
        "times_lent": 2,
    }
    assert wrap["url"] == "entries/wellness-recovery-action-plan/" and wrap["type_label"] == "Practice"
    assert next(e for e in data["entries"] if e["id"] == "hope")["availability"] is None


def test_withdrawn_entries_get_no_downloads_or_shelf_button(site: Path) -> None:
    folder = site / "entries" / "gone"
    assert sorted(p.name for p in folder.iterdir()) == ["index.html"]
    page = soup(folder / "index.html")
    assert not page.select("[data-pl-shelf], .pl-cite, .pl-availability")


def test_post_build_files_are_deterministic(site: Path, project: Path) -> None:
    library, problems = load_library(project / "library", root=project)
    assert problems == []
    options = Options(site_name="Borrowing library", site_url=SITE_URL)
    first = post_build_files(library, options)
    assert first == post_build_files(library, options)
    for path in ("feed.xml", "catalogue.json"):
        assert (site / path).read_bytes() == first[path].encode("utf-8")


def test_shelf_page_and_button_are_hidden_without_javascript(site: Path) -> None:
    entry = soup(site / "entries" / "hope" / "index.html")
    button = entry.select_one("button[data-pl-shelf]")
    assert button["data-pl-shelf"] == "hope" and button.has_attr("hidden")
    shelf = soup(site / "shelf" / "index.html")
    assert shelf.select_one("#pl-shelf").has_attr("hidden")
    assert "needs JavaScript" in shelf.select_one("noscript").get_text()
    assert entry.select_one('script[src$="assets/peer-library.bundle.js"]') is not None


def test_the_source_line_never_names_an_anonymous_author(site: Path) -> None:
    page = soup(site / "entries" / "journey-of-the-heart" / "index.html")
    source = page.select_one(".pl-source").get_text()
    assert source.startswith("Deegan, P. E., Anonymous (1996).")
    assert "Quiet" not in page.decode()


@pytest.mark.expected_warnings
def test_the_build_stops_before_building_when_a_tracked_or_published_file_holds_a_borrower(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    legacy = project / "library" / "circulation" / "loans.jsonl"
    legacy.parent.mkdir()
    legacy.write_text(LEDGER, encoding="utf-8")
    subprocess.run(["git", "-C", str(project), "init", "-q"], check=True)
    subprocess.run(["git", "-C", str(project), "add", "library"], check=True)
    (project / "docs" / "export.csv").write_text("item,borrower\nhope,borrower-alpha-7731\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_site(project, project / "site")
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(m.startswith("library/circulation/loans.jsonl:1: borrower: this file is tracked by git") for m in logged)
    assert any(m.startswith("docs/export.csv:2: borrower: the site would publish this file") for m in logged)
    assert not (project / "site" / "index.html").exists()
    everything = " ".join(r.getMessage() for r in caplog.records)
    assert not [name for name in borrowers() if name in everything]
