"""The same library from every engine: MkDocs and ProperDocs run the plugin, Zensical gets the
library's pages through ``peer-library build --engine zensical``. Every page type and file is there
and works in each (the theme's look may differ), no link is broken, rebuilds are byte-identical,
and a build where the library's pages did not appear fails loudly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import pytest
import yaml

from peer_library.load.library import load_library
from peer_library.load.schema import SLUG
from peer_library.model import vocab
from tests.build.conftest import soup
from tests.build.test_determinism import UNORDERED, differences, unordered_fingerprint
from tests.build.test_link_integrity import external_links_outside_content
from tests.conftest import ROOT, build_with_engine
from tests.crawl import broken_links, resolve


@pytest.fixture(scope="module")
def starter():
    library, _ = load_library(ROOT / "library", root=ROOT)
    return library


# Every kind of page the library makes, by a page of each kind in the starter library.
PAGE_TYPES = {
    "entry": "entries/mutuality/index.html",
    "topic tree": "topics/index.html",
    "topic": "topics/peer-values/index.html",
    "types": "types/index.html",
    "type": "types/values/index.html",
    "audiences": "audiences/index.html",
    "audience": "audiences/carer/index.html",
    "authors": "authors/index.html",
    "a-z": "a-z/index.html",
    "catalogue": "library/index.html",
    "search": "search/index.html",
    "shelf": "shelf/index.html",
    "pathways": "pathways/index.html",
    "pathway": "pathways/peer-workforce-orientation/index.html",
    "pathway module": "pathways/peer-workforce-orientation/peer-values/index.html",
    "pathway print page": "pathways/peer-workforce-orientation/print/index.html",
    "404": "404.html",
}


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_is_there_with_the_library_s_content(engine_site: Path, kind: str) -> None:
    page = soup(engine_site / PAGE_TYPES[kind])
    assert page.select_one("link[href$='peer-library.bundle.css']"), kind
    assert page.select_one("script[src$='peer-library.bundle.js']"), kind
    assert "data-peer-library-placeholder" not in str(page), kind
    article = page.select_one("article")
    assert article is not None and article.get_text(strip=True), kind


def test_an_entry_page_for_every_public_entry_and_only_entries_are_indexed(engine_site: Path, starter) -> None:
    built = {p.parent.name for p in (engine_site / "entries").glob("*/index.html")}
    assert {e.id for e in starter.public} <= built
    entry = soup(engine_site / PAGE_TYPES["entry"])
    assert entry.select_one("[data-pagefind-body] h1#mutuality")
    assert len(entry.select("[data-pagefind-body]")) == 1
    for kind in ("catalogue", "topic", "search"):
        assert not soup(engine_site / PAGE_TYPES[kind]).select("[data-pagefind-body]"), kind
    meta = json.loads((engine_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(lang["page_count"] for lang in meta["languages"].values()) == len(starter.public)


def test_entry_pages_carry_citations_availability_content_notes_and_json_ld(engine_site: Path) -> None:
    entry = soup(engine_site / PAGE_TYPES["entry"])
    downloads = {a["download"]: a["href"] for a in entry.select(".pl-cite a[download]")}
    assert set(downloads) == {"mutuality.bib", "mutuality.ris", "mutuality.json"}
    assert all(href.startswith("data:") for href in downloads.values())
    assert entry.select_one('script[type="application/ld+json"]')
    copies = soup(engine_site / "entries/peer-work-in-australia/index.html")
    assert copies.select("table.pl-copies tr"), "circulation availability"
    noted = soup(engine_site / "entries/trauma-frame/index.html")
    assert noted.select_one(".pl-content-note") and noted.select_one(".pl-body p")


def test_feed_catalogue_json_and_redirects(engine_site: Path, starter) -> None:
    feed = feedparser.parse((engine_site / "feed.xml").read_bytes())
    assert not feed.bozo and feed.entries
    catalogue = json.loads((engine_site / "catalogue.json").read_text(encoding="utf-8"))
    records = catalogue if isinstance(catalogue, list) else catalogue.get("entries", catalogue)
    assert len(records) == len(starter.public)
    for alias, new in [(a, e.id) for e in starter.entries for a in e.aliases if SLUG.match(a)]:
        page = f"entries/{alias}/index.html"
        target = soup(engine_site / page).select_one("main a")["href"]
        assert resolve(engine_site, page, target)[0] == f"entries/{new}/index.html", alias


def test_every_type_has_its_page(engine_site: Path, starter) -> None:
    used = {e.type for e in starter.public}
    for type_id in used:
        folder, _ = vocab.TYPES[type_id]
        assert (engine_site / "types" / folder / "index.html").is_file(), type_id


def test_no_broken_link_and_links_out_only_from_entry_content(engine_site: Path) -> None:
    assert broken_links(engine_site) == []
    assert external_links_outside_content(engine_site) == []


def copy_project(to: Path, config: dict | None = None) -> Path:
    """The repository's project (config, docs, library) in another folder, optionally with another config."""
    to.mkdir(parents=True)
    for part in ("docs", "library"):
        shutil.copytree(ROOT / part, to / part)
    if config is None:
        shutil.copy(ROOT / "mkdocs.yml", to / "mkdocs.yml")
    else:
        (to / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return to / "mkdocs.yml"


def test_a_rebuild_is_byte_identical(engine: str, engine_site: Path, tmp_path: Path) -> None:
    config = copy_project(tmp_path / "elsewhere")
    run = build_with_engine(engine, config, tmp_path / "site", env={"PYTHONHASHSEED": "7"})
    assert run.returncode == 0, run.stderr[-3000:]
    dated = {"sitemap.xml.gz"}  # the build time, as test_determinism explains
    assert [d for d in differences(engine_site, tmp_path / "site") if not UNORDERED.match(d) and d not in dated] == []
    assert unordered_fingerprint(engine_site) == unordered_fingerprint(tmp_path / "site")


def test_a_build_without_the_plugin_fails_and_says_why(engine: str, tmp_path: Path) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "peer-library" in p)]
    config["strict"] = False  # strict MkDocs would stop at the nav's missing pages before our check
    run = build_with_engine(engine, copy_project(tmp_path / "project", config), tmp_path / "site")
    assert run.returncode == 1, run.stderr[-3000:]
    assert "the peer-library plugin did not run" in run.stderr
    placeholder = soup(tmp_path / "site" / "library" / "index.html")
    assert "The library's pages are missing" in placeholder.get_text()
