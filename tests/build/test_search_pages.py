"""Search in a built site: Pagefind's bundle, what entry pages tell it, the header box, /search/ and /library/."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from peer_library.site.search import EVERY_ENTRY
from tests.build.conftest import soup
from tests.conftest import FIXTURES

PUBLIC = ["hope", "mutuality", "script-title", "wellness-recovery-action-plan"]


def fragments(bundle: Path) -> list[dict[str, object]]:
    """Every indexed page as Pagefind stored it (gzip of 'pagefind_dcd' + JSON)."""
    out = []
    for path in (bundle / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        out.append(json.loads(data.removeprefix(b"pagefind_dcd")))
    return out


def test_the_build_ends_with_a_pagefind_index_of_entry_pages_only(mini_site: Path) -> None:
    bundle = mini_site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    pages = fragments(bundle)
    assert sorted(p["url"] for p in pages) == sorted(f"/entries/{i}/" for i in PUBLIC)
    assert not (mini_site / "search" / "search_index.json").exists()  # Material's search is not there


def test_entry_pages_give_pagefind_their_filters_metadata_and_sort_keys(mini_site: Path) -> None:
    page = {p["url"]: p for p in fragments(mini_site / "pagefind")}["/entries/mutuality/"]
    assert page["filters"] == {
        "type": ["Value"],
        "topic": ["Peer values"],
        "audience": ["All staff", "Peer workers"],
        "access": ["Reference only"],
    }
    assert page["meta"]["listed"] == EVERY_ENTRY  # the every-entry word: metadata, never text
    assert EVERY_ENTRY not in str(page["content"])
    assert page["meta"]["title"] == "Mutuality"
    assert page["meta"]["type"] == "Value"
    assert page["meta"]["summary"].startswith("Peer relationships")
    assert page["meta"]["aliases"] == "mutual-support · Shared power"
    html = soup(mini_site / "entries" / "mutuality" / "index.html")
    sort = {s["data-pagefind-sort"]: s.get_text() for s in html.select("[data-pagefind-sort]")}
    assert sort == {"title": "mutuality", "year": "0"}
    assert html.select_one(".pl-search-data")["hidden"] == ""  # readers never see it


def test_only_the_entry_article_is_indexed(mini_site: Path) -> None:
    page = {p["url"]: p for p in fragments(mini_site / "pagefind")}["/entries/wellness-recovery-action-plan/"]
    text = str(page["content"])
    assert "WRAP" in text  # the alias, weighted like the title
    assert "A person writes their own plan" in text
    for furniture in ("Mini library", "Table of contents", "Content note", "¶"):
        assert furniture not in text
    html = soup(mini_site / "entries" / "wellness-recovery-action-plan" / "index.html")
    body = html.select("[data-pagefind-body]")
    assert len(body) == 1 and body[0].find_parent("article") is not None
    assert html.select_one("h1")["data-pagefind-weight"] == "10"
    assert not soup(mini_site / "index.html").select("[data-pagefind-body]")
    assert not soup(mini_site / "library" / "index.html").select("[data-pagefind-body]")


def test_withdrawn_entries_are_not_searchable(mini_site: Path) -> None:
    assert "/entries/gone/" not in {p["url"] for p in fragments(mini_site / "pagefind")}
    assert not soup(mini_site / "entries" / "gone" / "index.html").select("[data-pagefind-body]")


def test_header_search_box_is_materials_markup_submitting_to_the_search_page(mini_site: Path) -> None:
    html = soup(mini_site / "entries" / "hope" / "index.html")
    form = html.select_one("header .md-search form")
    assert form["action"] == "../../search/"
    assert form.select_one("input.md-search__input")["name"] == "q"
    assert html.select_one('label[for="__search"]') is not None
    assert not html.select('[data-md-component="search"]')  # Material's own search JS stays idle
    scripts = [s.get("src", "") for s in html.select("script")]
    assert "../../assets/peer-library.bundle.js" in scripts


def test_search_page_has_a_query_form_and_facet_groups(mini_site: Path) -> None:
    html = soup(mini_site / "search" / "index.html")
    assert html.select_one("form.pl-search-form input[name=q]") is not None
    assert [d["data-pl-facet"] for d in html.select("[data-pl-facet]")] == [
        "type",
        "topic",
        "audience",
        "access",
        "format",
        "jurisdiction",
        "criteria",
        "year",
        "availability",
    ]
    assert html.select_one("noscript a")["href"] == "../library/"


def test_catalogue_lists_every_public_entry_grouped_by_type_with_an_availability_slot(mini_site: Path) -> None:
    html = soup(mini_site / "library" / "index.html")
    catalogue = html.select_one("[data-pl-catalogue]")
    assert [h.get_text(strip=True) for h in catalogue.select("h2")] == ["Practices (1)", "Values (2)", "Writings (1)"]
    links = {a.get_text(): a["href"] for a in catalogue.select(".pl-catalogue__title a")}
    assert links["Hope"] == "../entries/hope/"
    assert len(links) == len(PUBLIC)
    assert "A withdrawn piece" not in catalogue.get_text()
    slots = [s["data-pl-availability"] for s in catalogue.select(".pl-availability")]
    assert sorted(slots) == sorted(PUBLIC)
    item = catalogue.select_one('[data-pl-availability="hope"]').find_parent("li")
    assert "Believing that recovery is possible" in item.select_one(".pl-catalogue__summary").get_text()
    # escaped in the list like everywhere else
    assert "<script>" not in str(catalogue) and "&lt;script&gt;" in str(catalogue)


def test_every_serve_rebuild_reindexes(tmp_path: Path) -> None:
    """`mkdocs serve` rebuilds through the same build(); the index follows each edit."""
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    hope = tmp_path / "library" / "values" / "hope.md"
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
        hope.write_text(hope.read_text(encoding="utf-8").replace("Believing", "Trusting"), encoding="utf-8")
        build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_shutdown()
    page = {p["url"]: p for p in fragments(tmp_path / "site" / "pagefind")}["/entries/hope/"]
    assert page["meta"]["summary"].startswith("Trusting")
