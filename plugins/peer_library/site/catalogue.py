"""The virtual library's own pages: the catalogue (/library/) and the full search page (/search/).

The catalogue is generated HTML; the search page is a short Markdown page. The catalogue lists the whole collection and
works without JavaScript; with it, pl-search.js adds facet filters over the Pagefind index.
This module also gives every entry template its search data (filters, metadata, sort keys).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from peer_library.model import Entry, Library, vocab
from peer_library.model.urls import href

from . import search
from .page import Options, Page, entry_uri, html_page, page_meta, url_from
from .render import render

CATALOGUE_URI = "library.md"
SEARCH_URI = "search.md"


def entry_search_context(library: Library, options: Options) -> dict[str, Any]:
    """``site.search[id]``: each entry's Pagefind filters and sort keys, derived once per build."""
    return {
        "search": {e.id: {"filters": search.facets(e, library), "sort": search.sort_keys(e)} for e in library.public},
        "every_entry": search.EVERY_ENTRY,
    }


def by_type(library: Library) -> list[tuple[str, str, list[Entry]]]:
    """Public entries grouped by type, in the vocabulary's order: (type, plural label, entries by title)."""
    groups = []
    for type_id, (folder, label) in vocab.TYPES.items():
        entries = sorted((e for e in library.public if e.type == type_id), key=lambda e: (e.title.casefold(), e.id))
        if entries:
            groups.append((folder, label, entries))
    return groups


def catalogue_pages(library: Library, options: Options, site: Mapping[str, Any]) -> dict[str, Page]:
    """The catalogue and the search page."""
    facets: Mapping[str, str] = search.FACETS
    catalogue = html_page(
        "catalogue.html.j2",
        "",
        page_meta("Library catalogue", "Every entry in the library, grouped by type.", "catalogue"),
        uri=CATALOGUE_URI,
        url=url_from(CATALOGUE_URI, options),
        groups=by_type(library),
        total=len(library.public),
        facets=facets,
        entry_uri=entry_uri,
        search_uri=SEARCH_URI,
        every_entry=search.EVERY_ENTRY,
        site=site,
        options=options,
    )
    search_page = render(
        "search.md.j2",
        uri=SEARCH_URI,
        facets=facets,
        catalogue_href=href(SEARCH_URI, CATALOGUE_URI, options.directory_urls),
        every_entry=search.EVERY_ENTRY,
    )
    return {
        CATALOGUE_URI: catalogue,
        SEARCH_URI: Page(
            search_page,
            {**page_meta("Search the library", "Search every entry in the library.", "search"), "hide": ["toc"]},
        ),
    }
