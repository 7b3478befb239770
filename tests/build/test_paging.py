"""Index pages stay readable at any size: at most 100 entries a page, numbered pages reachable without
JavaScript, and a link to the catalogue search filtered to the same list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.build.conftest import soup
from tests.conftest import FIXTURES, build_site

EXTRA = 230  # with the fixture's own, the Recovery topic and the Values type need three pages each


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("paged")
    shutil.copytree(FIXTURES / "mini", project, dirs_exist_ok=True)
    folder = project / "library" / "values"
    for i in range(EXTRA):
        (folder / f"many-{i:03d}.md").write_text(
            f"---\nid: many-{i:03d}\ntitle: Many {i:03d}\ntype: value\nsummary: Entry {i}.\n"
            f"topics: [recovery]\naudience: [carer]\n---\n\nBody {i}.\n",
            encoding="utf-8",
        )
    return build_site(project, project / "site")


def linked_entries(page) -> set[str]:  # type: ignore[no-untyped-def]
    return {
        a["href"].rstrip("/").split("/")[-1]
        for a in page.select("article a[href*='entries/']")
        if not a.find_parent(class_="md-nav")
    }


@pytest.mark.parametrize(
    ("folder", "expected_pages", "query"),
    [
        ("topics/recovery", 3, "?topic=Recovery"),
        ("types/values", 3, "?type=Value"),
        ("audiences/carer", 3, "?audience=Carers+and+families"),
    ],
)
def test_long_lists_split_into_numbered_pages(big_site: Path, folder: str, expected_pages: int, query: str) -> None:
    first = soup(big_site / folder / "index.html")
    pages = [first] + [soup(big_site / folder / str(n) / "index.html") for n in range(2, expected_pages + 1)]
    assert not (big_site / folder / str(expected_pages + 1)).exists()
    seen: set[str] = set()
    for number, page in enumerate(pages, 1):
        entries = page.select("article li a.pl-entry-link")
        assert 0 < len(entries) <= 100
        ids = linked_entries(page)
        assert not ids & seen, "each entry on one page only"
        seen |= ids
        nav = page.select_one("nav.pl-pages")
        assert nav.select_one("[aria-current=page]").get_text(strip=True).endswith(str(number))
        assert len(nav.select("a")) >= expected_pages - 1
        assert f"page {number} of {expected_pages}" in page.select_one(".pl-paging p").get_text()
    assert {f"many-{i:03d}" for i in range(EXTRA)} <= seen
    link = first.select_one(".pl-paging a[href*='search']")
    assert link["href"].endswith(f"search/{query}")
    assert "(page 2 of 3)" in pages[1].title.get_text()


def test_the_catalogue_and_a_to_z_are_paged_too(big_site: Path) -> None:
    catalogue = [soup(big_site / "library" / "index.html")] + [
        soup(big_site / "library" / str(n) / "index.html") for n in (2, 3)
    ]
    listed = [li for page in catalogue for li in page.select(".pl-catalogue > ul > li")]
    assert len(listed) == EXTRA + 4 and all(len(p.select(".pl-catalogue > ul > li")) <= 100 for p in catalogue)
    # A type split across pages says so at both ends, under the count of all its entries.
    headings = [[h.get_text() for h in page.select(".pl-catalogue h2")] for page in catalogue]
    split = headings[0][-1]
    assert split.endswith(")") and headings[1][0] == f"{split}, continued"
    assert catalogue[0].select_one(".pl-catalogue__more").get_text().endswith("continue on the next page.")
    a_z = soup(big_site / "a-z" / "index.html")
    m_link = a_z.select_one(".pl-letters a[href$='#letter-m']")
    assert m_link is not None
    target = m_link["href"].split("#")[0]
    page = a_z if not target else soup(big_site / "a-z" / target.removeprefix("./").rstrip("/") / "index.html")
    assert page.select_one("#letter-m")


def test_a_short_list_has_no_page_links(big_site: Path) -> None:
    page = soup(big_site / "topics" / "peer-values" / "index.html")
    assert page.select_one(".pl-paging") is None
