"""Everything the site makes, in one list: what the library adds to a site, and from what.

Each ``Feature`` names what it adds to every entry page (``context``, merged into the ``site``
values entry templates read), the pages it makes, the files written beside the rendered pages,
the checks it adds, and what its pages read (``reads``: a serve rebuild reuses them while that is
unchanged). Order is the order of this list; page URIs must not clash.

To add a kind of page: write its maker (``library, options, site -> {uri: Page}``) in a module of
its own under ``site/``, with its template in ``templates/``, and add a ``Feature`` here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from peer_library.model import Library, Problem

from .borrowing import borrowing_context, post_build_files, shelf_pages
from .catalogue import catalogue_pages, entry_search_context
from .data_page import data_files, data_pages
from .entry_pages import entry_pages
from .home import home_pages
from .index_pages import (
    a_to_z_page,
    audience_pages,
    author_pages,
    entry_context,
    redirect_files,
    topic_pages,
    type_pages,
)
from .marc import marc_files
from .page import Options, PageMaker, SiteContext
from .pathway_pages import pathway_context, pathway_pages
from .search_words import search_words_file

# What a feature's pages read, from the least to the most: a serve rebuild remakes them only when it
# changed (speed/memo.py compares it). EACH_ENTRY: one page per entry, remade when that entry is.
EACH_ENTRY = "each entry"
FRONT_MATTER = "front matter"  # every entry's front matter and topics.yml, not the bodies
FRONT_MATTER_AND_LOANS = "front matter and loans"
LIBRARY = "library"  # anything: remade whenever the library or the options change

FileMaker = Callable[[Library, Options], dict[str, str]]
Check = Callable[[Library], list[Problem]]


@dataclass(frozen=True)
class Feature:
    """One kind of page or file the site has, and what it adds to entry pages."""

    name: str
    pages: tuple[PageMaker, ...] = ()
    context: SiteContext | None = None
    files: FileMaker | None = None
    checks: tuple[Check, ...] = ()
    reads: str = LIBRARY


FEATURES: tuple[Feature, ...] = (
    Feature("the home page: newest additions, pathways, topics, featured writing", pages=(home_pages,)),
    Feature("entry pages", pages=(entry_pages,), reads=EACH_ENTRY),
    Feature(
        "topics, types, audiences, authors and A-Z; related entries, backlinks; redirects from old ids",
        pages=(topic_pages, type_pages, audience_pages, author_pages, a_to_z_page),
        context=entry_context,
        files=redirect_files,
        reads=FRONT_MATTER,
    ),
    Feature(
        "the catalogue and the search page; each entry's search filters",
        pages=(catalogue_pages,),
        context=entry_search_context,
        reads=FRONT_MATTER_AND_LOANS,
    ),
    Feature("search: the library's own words, for 'Did you mean ...?'", files=search_words_file),
    Feature("pathways; 'used in' on entries", pages=(pathway_pages,), context=pathway_context),
    Feature(
        "borrowing: availability, citations and JSON-LD on entries; My shelf; feed, catalogue.json, citation files",
        pages=(shelf_pages,),
        context=borrowing_context,
        files=post_build_files,
        reads=FRONT_MATTER_AND_LOANS,
    ),
    Feature("MARC 21 records for library systems: catalogue.marcxml", files=marc_files, reads=FRONT_MATTER_AND_LOANS),
    Feature(
        "the catalogue as data: /data/, catalogue.csv, datapackage.json",
        pages=(data_pages,),
        files=data_files,
        reads=FRONT_MATTER_AND_LOANS,
    ),
)
