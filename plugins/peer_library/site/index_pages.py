"""Index pages (topics, types, audiences, authors, A–Z), what entry pages show of their neighbours, and
redirect pages for old ids.

Page makers return pages keyed by source URI (``topics/recovery.md`` is served at ``/topics/recovery/``).
They are all generated HTML with no Markdown to convert; links between them are relative URLs from
``url()``, which the crawler test (tests/crawl.py) checks on every built fixture.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from peer_library.derive import indexes, neighbours
from peer_library.model import Entry, Library, vocab
from peer_library.model.links import heading_ids

from .page import Options, Page, entry_uri, html_page, page_meta, url_from
from .paging import Paging, paginate, search_query
from .render import render

TOPICS = "topics/index.md"
TYPES = "types/index.md"
AUDIENCES = "audiences/index.md"
AUTHORS = "authors/index.md"
A_TO_Z = "a-z.md"
SEARCH = "search.md"
A_TO_Z_PER_PAGE = 300  # names, not entries: a line each, about a third of an entry's line


def topic_uri(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def type_uri(type_id: str) -> str:
    return f"types/{vocab.TYPES[type_id][0]}.md"


def audience_uri(audience: str) -> str:
    return f"audiences/{audience}.md"


def author_uri(slug: str) -> str:
    return f"authors/{slug}.md"


def plural(n: int, one: str = "entry", many: str = "entries") -> str:
    return f"{n} {one if n == 1 else many}"


def by_type_groups(entries: tuple[Entry, ...]) -> list[tuple[str, tuple[Entry, ...]]]:
    """Entries under the plural label of each type that has any, in vocabulary order."""
    groups = indexes.group(entries, vocab.TYPES, "type")
    return [(vocab.TYPES[t][1], es) for t, es in groups.items() if es]


def _globals() -> dict[str, Any]:
    return {
        "entry_uri": entry_uri,
        "topic_uri": topic_uri,
        "type_uri": type_uri,
        "audience_uri": audience_uri,
        "author_uri": author_uri,
        "plural": plural,
        "search_uri": SEARCH,
    }


def _page(template: str, uri: str, options: Options, title: str, description: str, kind: str, **context: Any) -> Page:
    """An index page: all generated HTML, no Markdown to convert."""
    paging: Paging | None = context.get("paging")
    page_title = f"{title} (page {paging.number} of {paging.count})" if paging and paging.number > 1 else title
    meta = page_meta(page_title, description, kind)
    url = url_from(uri, options)
    return html_page(
        template, "", meta, uri=uri, url=url, title=title, description=description, **_globals(), **context
    )


def topic_pages(library: Library, options: Options, site: Mapping[str, Any]) -> dict[str, Page]:
    """``/topics/``, the whole tree with counts, and ``/topics/<id>/`` for every topic."""
    ix = indexes.topic_index(library)
    pages = {
        TOPICS: _page(
            "topics.html.j2",
            TOPICS,
            options,
            "Topics",
            "Every topic in the library, broader topics first, with how many entries each holds.",
            "topics",
            ix=ix,
        )
    }
    for t in ix.topics.values():
        if t.id in indexes.RESERVED_TOPICS:  # reported by topic_problems
            continue
        for uri, paging, part in _pages_of(topic_uri(t.id), ix.entries[t.id], True, search_query("topic", t.label)):
            pages[uri] = _page(
                "topic.html.j2",
                uri,
                options,
                t.label,
                t.description,
                "topic",
                topic=t,
                ix=ix,
                groups=by_type_groups(tuple(part)),
                paging=paging,
            )
    return pages


def _pages_of(
    uri: str, entries: tuple[Entry, ...], grouped: bool, search: str = ""
) -> list[tuple[str, Paging, tuple[Entry, ...]]]:
    """A list's numbered pages; grouped lists run type by type across them."""
    ordered = tuple(e for _, es in by_type_groups(entries) for e in es) if grouped else entries
    return [(u, paging, tuple(part)) for u, paging, part in paginate(uri, ordered, search=search)]


def _browse(
    uri: str, options: Options, title: str, description: str, kind: str, rows: list[tuple[str, str, int]], empty: str
) -> Page:
    """An index of index pages: each row (label, page URI, entry count)."""
    return _page("browse.html.j2", uri, options, title, description, kind, rows=rows, empty=empty)


def _listing(
    uri: str,
    options: Options,
    title: str,
    description: str,
    kind: str,
    kicker: str,
    entries: tuple[Entry, ...],
    grouped: bool,
    up: tuple[str, str],
    search: str = "",
) -> dict[str, Page]:
    """A type, audience or author page, in numbered pages of at most ``paging.PER_PAGE`` entries."""
    pages = {}
    for page_uri, paging, part in _pages_of(uri, entries, grouped, search):
        groups = by_type_groups(part) if grouped else [("", part)]
        pages[page_uri] = _page(
            "listing.html.j2",
            page_uri,
            options,
            title,
            description,
            kind,
            kicker=kicker,
            groups=groups,
            up=up,
            paging=paging,
        )
    return pages


def type_pages(library: Library, options: Options, site: Mapping[str, Any]) -> dict[str, Page]:
    """One page per entry type (empty types say so), and ``/types/`` listing them."""
    groups = indexes.by_type(library)
    pages = {
        TYPES: _browse(
            TYPES,
            options,
            "Types of entry",
            "Browse the library by kind of entry: practices, values, principles, frames, roles, terms and more.",
            "types",
            [(vocab.TYPES[t][1], type_uri(t), len(es)) for t, es in groups.items()],
            "",
        )
    }
    for t, es in groups.items():
        label = vocab.TYPES[t][1]
        pages |= _listing(
            type_uri(t),
            options,
            label,
            f"Every {vocab.TYPE_LABELS[t].lower()} in the library.",
            "type",
            "Type",
            es,
            False,
            (TYPES, "All types"),
            search_query("type", vocab.TYPE_LABELS[t]),
        )
    return pages


def audience_pages(library: Library, options: Options, site: Mapping[str, Any]) -> dict[str, Page]:
    """One page per audience, entries grouped by type, and ``/audiences/`` listing them."""
    groups = indexes.by_audience(library)
    pages = {
        AUDIENCES: _browse(
            AUDIENCES,
            options,
            "Audiences",
            "Browse the library by who an entry is written for.",
            "audiences",
            [(vocab.AUDIENCES[a], audience_uri(a), len(es)) for a, es in groups.items()],
            "",
        )
    }
    for a, es in groups.items():
        label = vocab.AUDIENCES[a]
        pages |= _listing(
            audience_uri(a),
            options,
            label,
            f"Entries written for {label.lower()}.",
            "audience",
            "Audience",
            es,
            True,
            (AUDIENCES, "All audiences"),
            search_query("audience", label),
        )
    return pages


def author_pages(library: Library, options: Options, site: Mapping[str, Any]) -> dict[str, Page]:
    """One page per author credited by name or pseudonym (anonymous authors are never listed), and ``/authors/``."""
    ix = indexes.author_index(library)
    pages = {
        AUTHORS: _browse(
            AUTHORS,
            options,
            "Authors",
            "Writers whose work is in the library, as they chose to be credited.",
            "authors",
            [(name, author_uri(slug), len(ix.entries[slug])) for slug, name in ix.names.items()],
            "No entries name their authors yet.",
        )
    }
    for slug, name in ix.names.items():
        pages |= _listing(
            author_uri(slug),
            options,
            name,
            f"Entries by {name}.",
            "author",
            "Author",
            ix.entries[slug],
            True,
            (AUTHORS, "All authors"),
        )
    return pages


def a_to_z_page(library: Library, options: Options, site: Mapping[str, Any]) -> dict[str, Page]:
    """``/a-z/``: every title and alias, by letter, with jump links to each letter."""
    letters = indexes.a_to_z(library)
    alphabet = ["#"] if "#" in letters else []
    alphabet += [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    rows = [(letter, row) for letter, rs in letters.items() for row in rs]
    numbered = paginate(A_TO_Z, rows, per_page=A_TO_Z_PER_PAGE)
    # Each letter's jump link goes to the page its first name is on.
    first_page: dict[str, str] = {}
    for uri, _, part in numbered:
        for letter, _ in part:
            first_page.setdefault(letter, uri)
    pages = {}
    for uri, paging, part in numbered:
        on_page: dict[str, list[indexes.AZRow]] = {}
        for letter, row in part:
            on_page.setdefault(letter, []).append(row)
        pages[uri] = _page(
            "a_z.html.j2",
            uri,
            options,
            "A–Z index",
            "Every entry in the library by title, and by the other names it is known by.",
            "a-z",
            letters=on_page,
            alphabet=alphabet,
            first_page=first_page,
            paging=paging,
            anchor=lambda letter: "letter-other" if letter == "#" else f"letter-{letter.lower()}",
        )
    return pages


def entry_context(library: Library, options: Options) -> dict[str, Any]:
    """What entry pages show of their neighbours: related entries, backlinks, and a domain's mapped entries."""
    domains = indexes.domain_map(library)
    return {
        "related": neighbours.related(library),
        "referenced_by": neighbours.backlinks(library),
        "domain_map": domains,
        "domain_anchors": {d: heading_ids(library.by_id[d].body) for d in domains},
        "topic_uri": topic_uri,
    }


def redirect_files(library: Library, options: Options) -> dict[str, str]:
    """Static HTML redirect pages from each old id kept as an alias to its entry, keyed by output path."""
    files: dict[str, str] = {}
    for old, new in indexes.redirects(library).items():
        if options.directory_urls:
            path, target = f"entries/{old}/index.html", f"../{new}/"
        else:
            path, target = f"entries/{old}.html", f"{new}.html"
        files[path] = render("redirect.html.j2", entry=library.by_id[new], target=target)
    return files
