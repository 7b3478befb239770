"""The front door (``/``): the search box, the newest additions, pathways with their times, the
top-level topics with counts, featured writing and how to contribute, all made from the library so
it never goes stale. Plain HTML: everything on it works without JavaScript.

A site with a ``docs/index.md`` of its own keeps it: the adapter drops this page then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from peer_library.derive import indexes
from peer_library.derive.pathways import format_minutes, pathway_minutes
from peer_library.model import Entry, Library, vocab

from .index_pages import topic_uri
from .page import Options, Page, entry_uri, html_page, page_meta, url_from
from .pathway_pages import pathway_uri

HOME_URI = "index.md"
NEWEST = 6
FEATURED_FALLBACK = 3  # writings shown when mkdocs.yml names none
# Markdown, so that MkDocs checks its links to the site's hand-written pages (strict mode fails on a missing one).
CONTRIBUTE = """\
Peer practitioners add to the library by proposing entries: a short Markdown file, written in your own
words, that a peer reviewer reads before it is published. You choose how your own writing is credited.

[How to contribute an entry](contribute.md) · [About the library](about.md) · [My shelf](shelf.md)
"""


def newest(library: Library, n: int = NEWEST) -> list[Entry]:
    """The ``n`` entries added most recently (entries without ``added`` last), then by title."""
    oldest = dt.date.min
    return sorted(library.public, key=lambda e: (-(e.added or oldest).toordinal(), indexes.sort_key(e.title), e.id))[:n]


def featured(library: Library, chosen: tuple[str, ...]) -> list[Entry]:
    """The entries ``featured`` in mkdocs.yml that exist and are public, in its order; with none, the
    newest writings."""
    picked = [library.by_id[i] for i in chosen if i in library.by_id and not library.by_id[i].is_withdrawn]
    if picked:
        return picked
    writings = [e for e in library.public if e.type == "writing"]
    return newest(Library(tuple(writings), library.topics), FEATURED_FALLBACK)


def home_pages(library: Library, options: Options, site: Mapping[str, Any]) -> dict[str, Page]:
    """The home page."""
    if not options.generated_home:  # the site's own docs/index.md is its home page
        return {}
    ix = indexes.topic_index(library)
    context: dict[str, Any] = {
        "uri": HOME_URI,
        "url": url_from(HOME_URI, options),
        "site_name": options.site_name,
        "total": len(library.public),
        "newest": newest(library),
        "pathways": [(p, format_minutes(pathway_minutes(p, library.by_id))) for p in library.pathways],
        "topics": [(ix.topics[t], ix.counts[t]) for t in ix.roots if t not in indexes.RESERVED_TOPICS],
        "featured": featured(library, options.featured),
        "entry_uri": entry_uri,
        "pathway_uri": pathway_uri,
        "topic_uri": topic_uri,
        "type_label": vocab.TYPE_LABELS,
    }
    meta = page_meta(options.site_name, "Consumer-perspective resources on mental health and addiction.", "home")
    return {HOME_URI: html_page("home.html.j2", CONTRIBUTE, {**meta, "hide": ["toc"]}, **context)}
