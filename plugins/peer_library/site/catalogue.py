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
from .paging import paginate
from .render import render

CATALOGUE_URI = "library.md"
SEARCH_URI = "search.md"
DATA_URI = "data.md"  # site/data_page.py


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


def _plural(n: int) -> str:
    return f"{n} {'entry' if n == 1 else 'entries'}"


def catalogue_pages(library: Library, options: Options, site: Mapping[str, Any]) -> dict[str, Page]:
    """The catalogue, in numbered pages of at most ``paging.PER_PAGE`` entries, and the search page."""
    facets: Mapping[str, str] = search.FACETS
    groups = by_type(library)
    folder_of = {label: (folder, label) for folder, label, _ in groups}
    members = {label: es for _, label, es in groups}
    ordered = [(label, e) for _, label, es in groups for e in es]
    pages: dict[str, Page] = {}
    for uri, paging, part in paginate(CATALOGUE_URI, ordered):
        page_groups: dict[str, list[Entry]] = {}
        for label, e in part:
            page_groups.setdefault(label, []).append(e)
        title = "Library catalogue" + (f" (page {paging.number} of {paging.count})" if paging.number > 1 else "")
        pages[uri] = html_page(
            "catalogue.html.j2",
            "",
            page_meta(title, "Every entry in the library, grouped by type.", "catalogue"),
            uri=uri,
            url=url_from(uri, options),
            groups=[(*folder_of[label], es) for label, es in page_groups.items()],
            # a type split across pages: its heading says "continued", its end says it goes on
            continued=bool(part) and part[0][1] is not members[part[0][0]][0],
            continues=bool(part) and part[-1][1] is not members[part[-1][0]][-1],
            total=len(library.public),
            type_totals={label: len(es) for _, label, es in groups},
            paging=paging,
            title="Library catalogue",
            plural=_plural,
            facets=facets,
            entry_uri=entry_uri,
            search_uri=SEARCH_URI,
            data_uri=DATA_URI,
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
        **pages,
        SEARCH_URI: Page(
            search_page,
            {**page_meta("Search the library", "Search every entry in the library.", "search"), "hide": ["toc"]},
        ),
    }
