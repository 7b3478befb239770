"""Link integrity over whole built sites: no broken internal link or anchor (starter library and
the hostile catalogue), every old-id redirect lands on a live entry, and the only links to other
hosts are the ones entry content carries (sources, access links, body links)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from peer_library.load.library import load_library
from peer_library.load.schema import SLUG
from tests.build.conftest import soup
from tests.build.test_hostile import built, loaded, project  # noqa: F401 - shared module fixtures
from tests.conftest import ROOT
from tests.crawl import broken_links, pages, resolve

# Where an entry's own content may link out: its body, its source and access link ("How to get it"), its citation.
CONTENT = (".pl-body", ".pl-source", ".pl-meta", ".pl-cite", ".pl-get")


def external_links_outside_content(site: Path) -> list[tuple[str, str]]:
    found = []
    for page in pages(site):
        html = soup(site / page)
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src")):
            for el in html.find_all(tag):
                url = el.get(attr) or ""
                if not (urlsplit(url).netloc or url.startswith("//")):
                    continue
                if (
                    tag == "a"
                    and page.startswith("entries/")
                    and el.find_parent(
                        class_=lambda c: c and any(f".{c}" in CONTENT for c in (c if isinstance(c, list) else [c]))
                    )
                ):
                    continue
                if tag == "link" and el.get("rel") == ["canonical"]:
                    continue
                if tag == "a" and page == "data/index.html" and el.get("rel") == ["license"]:
                    continue  # the data's licence names its deed (/data/, from the data_licence option)
                found.append((page, url))
    return found


def test_starter_site_has_no_broken_link_and_links_out_only_from_entry_content(starter_site: Path) -> None:
    assert broken_links(starter_site) == []
    assert external_links_outside_content(starter_site) == []


def test_every_old_id_of_the_starter_library_redirects_to_a_live_entry(starter_site: Path) -> None:
    library, _ = load_library(ROOT / "library", root=ROOT)
    old_ids = [(alias, e.id) for e in library.entries for alias in e.aliases if SLUG.match(alias)]
    for old, new in old_ids:
        page = f"entries/{old}/index.html"
        target = soup(starter_site / page).select_one("main a")["href"]
        assert resolve(starter_site, page, target)[0] == f"entries/{new}/index.html", old


def test_hostile_site_has_no_broken_link_and_links_out_only_from_entry_content(built) -> None:  # noqa: F811
    site = built[0]
    assert broken_links(site) == []
    assert external_links_outside_content(site) == []


@pytest.mark.parametrize("bad", ["javascript:", "data:", "vbscript:"])
def test_no_page_anywhere_links_to_a_script_url(built, starter_site: Path, bad: str) -> None:  # noqa: F811
    for site in (built[0], starter_site):
        for page in pages(site):
            html = soup(site / page)
            found = [a for a in html.find_all(href=True) if a["href"].strip().lower().startswith(bad)]
            # The one allowed data: link: a citation download, a reference file browsers save, never show.
            assert not [a for a in found if not (a.has_attr("download") and CITATION.match(a["href"]))], page


CITATION = re.compile(
    r"data:application/(x-bibtex|x-research-info-systems|vnd\.citationstyles\.csl\+json);charset=utf-8,"
)
