"""The front door: generated from the library at every build, complete without JavaScript."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from peer_library.derive.pathways import format_minutes, pathway_minutes
from peer_library.load.library import load_library
from peer_library.site.home import newest
from tests.build.conftest import soup
from tests.conftest import FIXTURES, ROOT, build_site


@pytest.fixture(scope="module")
def starter():
    library, problems = load_library(ROOT / "library", root=ROOT)
    assert not [p for p in problems if p.is_error]
    return library


@pytest.fixture(scope="module")
def home(starter_site: Path):  # type: ignore[no-untyped-def]
    return soup(starter_site / "index.html")


def entry_ids(section) -> list[str]:  # type: ignore[no-untyped-def]
    return [a["href"].rstrip("/").split("/")[-1] for a in section.select(".pl-home__title a")]


def test_the_search_box_works_without_javascript(home) -> None:  # type: ignore[no-untyped-def]
    form = home.select_one("form.pl-home__search")
    assert form["method"] == "get" and form["action"] == "search/"
    field = form.select_one("input[name=q]")
    assert home.select_one(f"label[for={field['id']}]").get_text(strip=True) == "Search the library"


def test_the_six_newest_additions_by_added(home, starter) -> None:  # type: ignore[no-untyped-def]
    section = home.select_one("[aria-labelledby=new-in-the-library]")
    ids = entry_ids(section)
    assert len(ids) == 6 and ids == [e.id for e in newest(starter)]
    dates = [e.added for e in starter.public if e.added]
    assert all(starter.by_id[i].added == max(dates) for i in ids[:1])


def test_newest_puts_later_additions_first_and_undated_last(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    hope = tmp_path / "library" / "values" / "hope.md"
    hope.write_text(hope.read_text().replace("added: 2026-11-27", "added: 2030-01-02"))
    wrap = tmp_path / "library" / "practices" / "wrap.md"
    wrap.write_text(re.sub(r"(?m)^added: .*\n", "", wrap.read_text()))
    library, _ = load_library(tmp_path / "library", root=tmp_path)
    order = [e.id for e in newest(library)]
    assert order[0] == "hope"
    assert order[-1] == "wellness-recovery-action-plan"
    assert len(order) == len(library.public)


def test_every_pathway_with_its_time(home, starter) -> None:  # type: ignore[no-untyped-def]
    items = home.select("[aria-labelledby=pathways] li")
    assert [li.a.get_text() for li in items] == [p.title for p in starter.pathways]
    for li, p in zip(items, starter.pathways, strict=True):
        assert li.select_one(".pl-count").get_text() == f"({format_minutes(pathway_minutes(p, starter.by_id))})"


def test_top_level_topics_with_counts(home, starter) -> None:  # type: ignore[no-untyped-def]
    items = home.select("[aria-labelledby=topics] li")
    roots = {t.label for t in starter.topics if not t.broader}
    assert {li.a.get_text() for li in items} == roots
    for li in items:
        n = int(re.search(r"\((\d+) entr", li.get_text())[1])  # type: ignore[index]
        assert n > 0


def test_featured_writing_is_chosen_in_mkdocs_yml_in_its_order(home) -> None:  # type: ignore[no-untyped-def]
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    chosen = next(p["peer-library"] for p in config["plugins"] if isinstance(p, dict) and "peer-library" in p)
    assert entry_ids(home.select_one("[aria-labelledby=featured-writing]")) == chosen["featured"]


def test_how_to_contribute_links_the_hand_written_pages(home, starter_site: Path) -> None:  # type: ignore[no-untyped-def]
    links = {a.get_text(): a["href"] for a in home.select("[aria-labelledby=contribute] a")}
    assert links["How to contribute an entry"] == "contribute/"
    assert (starter_site / "contribute" / "index.html").is_file()


def test_a_site_with_its_own_home_page_keeps_it(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    site = build_site(tmp_path, tmp_path / "site")
    assert soup(site / "index.html").select_one("h1").get_text() == "Mini library"
    (tmp_path / "docs" / "index.md").unlink()
    (tmp_path / "docs" / "about.md").write_text("# About\n")
    (tmp_path / "docs" / "contribute.md").write_text("# Contribute\n")
    site = build_site(tmp_path, tmp_path / "site2")
    page = soup(site / "index.html")
    assert page.select_one(".pl-home h1").get_text() == "Mini library"  # the site name
    assert page.select_one("[aria-labelledby=new-in-the-library]")
    # No featured ids in its mkdocs.yml: its newest writings instead.
    assert entry_ids(page.select_one("[aria-labelledby=featured-writing]")) == ["script-title"]
