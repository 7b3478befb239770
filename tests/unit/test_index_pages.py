"""Generated index pages of the mini fixture, pinned by golden files (UPDATE_GOLDEN=1 rewrites them)."""

from __future__ import annotations

import os

import pytest

from peer_library.load.library import load_library
from peer_library.model import Library
from peer_library.site.build import render_pages
from peer_library.site.index_pages import redirect_files
from peer_library.site.page import Options
from tests.conftest import FIXTURES
from tests.helpers import page_text

GOLDEN = FIXTURES / "golden"


@pytest.fixture(scope="module")
def library():
    library, problems = load_library(FIXTURES / "mini" / "library", root=FIXTURES / "mini")
    assert problems == []
    return library


@pytest.mark.parametrize("uri", ["topics/index.md", "topics/peer-values.md", "a-z.md", "audiences/staff.md"])
def test_index_markdown_matches_golden(library, uri: str) -> None:
    golden = GOLDEN / uri.replace("/", "__")
    got = page_text(render_pages(library)[uri])
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_every_index_page_is_generated(library) -> None:
    uris = set(render_pages(library))
    expected = {"topics/index.md", "types/index.md", "audiences/index.md", "authors/index.md", "a-z.md"}
    expected |= {f"topics/{t.id}.md" for t in library.topics}
    expected |= {f"types/{folder}.md" for folder in ("practices", "values", "principles", "frames", "roles")}
    assert expected <= uris


@pytest.mark.parametrize(
    ("directory_urls", "path", "target"),
    [
        (True, "entries/mutual-support/index.html", "../mutuality/"),
        (False, "entries/mutual-support.html", "mutuality.html"),
    ],
)
def test_redirect_files_follow_the_url_style(library, directory_urls: bool, path: str, target: str) -> None:
    files = redirect_files(library, Options(directory_urls=directory_urls))
    assert list(files) == [path]
    assert f'<link rel="canonical" href="{target}">' in files[path]
    assert f'content="0; url={target}"' in files[path]


def test_a_library_with_no_public_entries_still_builds_its_pages() -> None:
    pages = render_pages(Library(entries=(), topics=(), pathways=()), Options())
    assert "library.md" in pages


def test_the_catalogue_table_of_contents_lists_only_visible_headings(library) -> None:
    catalogue = render_pages(library)["library.md"]
    before, after = catalogue.toc
    titles = [h.title for h in (*before, *after)]
    assert titles and "Filters" not in titles  # visually hidden: it names the filters for screen readers
    assert '<h2 class="pl-visually-hidden">Filters</h2>' in "".join(catalogue.render_html())
