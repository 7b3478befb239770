"""'How to get it' on every entry page, in catalogue rows and in the search index as a filter."""

from __future__ import annotations

from pathlib import Path

from tests.build.conftest import soup
from tests.build.test_search_pages import fragments


def ways(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [li.get_text(" ", strip=True) for li in page.select(".pl-get li")]


def test_every_entry_page_says_how_to_get_it(starter_site: Path) -> None:
    for path in (starter_site / "entries").glob("*/index.html"):
        page = soup(path)
        if page.select_one("meta[http-equiv=refresh]"):
            continue  # a redirect from an old id
        assert page.select_one(".pl-get strong").get_text() == "How to get it", path
        assert ways(page), path


def test_online_print_with_availability_and_reference_only(starter_site: Path) -> None:
    both = soup(starter_site / "entries" / "repper-2013-peer-support-workers" / "index.html")
    online, held = both.select(".pl-get li")
    url = "https://imroc.org/resource/5-peer-support-workers-theory-and-practice/"
    assert online.a.get_text() == "Read online, free" and online.a["href"] == url
    assert held.a["href"] == "#pl-copies" and both.select_one("#pl-copies")
    assert held.get_text(" ", strip=True).endswith("copies available")
    assert ways(soup(starter_site / "entries" / "hope" / "index.html"))[0].startswith("Reference only")


def test_catalogue_rows_and_the_search_filter(starter_site: Path) -> None:
    pages = [starter_site / "library" / "index.html", *sorted((starter_site / "library").glob("*/index.html"))]
    rows = [li for page in pages for li in soup(page).select(".pl-catalogue > ul > li")]
    get = {li.a["href"].rstrip("/").split("/")[-1]: li.select_one(".pl-catalogue__get").get_text() for li in rows}
    assert get["repper-2013-peer-support-workers"] == "Read online, free · Print copy in the library"
    assert get["hope"] == "Reference only"
    indexed = {p["url"]: p["filters"]["access"] for p in fragments(starter_site / "pagefind")}
    assert indexed["/entries/repper-2013-peer-support-workers/"] == [
        "Read online, free",
        "Print copy in the library",
    ]
    assert indexed["/entries/hope/"] == ["Reference only"]
    labels = soup(starter_site / "search" / "index.html").select("[data-pl-facet] summary")
    assert "How to get it" in [s.get_text() for s in labels]
