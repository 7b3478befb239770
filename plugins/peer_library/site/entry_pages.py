"""Entry pages: each entry's body with its links resolved, inside the entry template."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from peer_library.model import Entry, Library, links as linkmod
from peer_library.model.resolve import References
from peer_library.model.urls import rel

from .borrowing import head_meta
from .page import Options, Page, entry_uri, html_page, page_meta, url_from
from .render import render
from .sanitize import escape_raw_html


class Linker:
    """Turns the links written in entry bodies into links to generated pages."""

    def __init__(self, library: Library) -> None:
        self.refs = References(library.entries)

    def body(self, entry: Entry, from_uri: str) -> str:
        """The entry's body with ``[[id]]`` and relative entry-file links pointing at entry pages."""

        def href(link: linkmod.Link) -> tuple[str, str] | None:
            target = self.refs.link(entry, link)
            # Validation reports what does not resolve; the page never carries a broken link:
            # an unknown [[id]] stays as typed, an unknown file link becomes its text, an unknown
            # heading links to the top of the entry.
            if target is None:
                return None if link.wiki else ("", link.label)
            anchor = link.anchor if link.anchor and link.anchor in self.refs.anchors(target) else None
            url = rel(from_uri, entry_uri(target.id)) + (f"#{anchor}" if anchor else "")
            return url, link.text or target.title

        return linkmod.rewrite(entry.body, entry.links, href)


def entry_page(entry: Entry, library: Library, linker: Linker, options: Options, site: Mapping[str, Any]) -> Page:
    """One entry's page; a withdrawn entry becomes a short notice that keeps its URL."""
    uri = entry_uri(entry.id)
    if entry.is_withdrawn:
        markdown = render("withdrawn.md.j2", entry=entry)
        return Page(markdown, page_meta(entry.title, "Withdrawn at the author's request.", "withdrawn", id=entry.id))
    return html_page(
        "entry.html.j2",
        partial(entry_markdown, entry, linker),
        page_meta(
            entry.title, entry.summary, "entry", id=entry.id, type=entry.type, citation=head_meta(entry, options)
        ),
        entry=entry,
        uri=uri,
        url=url_from(uri, options),
        library=library,
        options=options,
        site=site,
    )


def entry_markdown(entry: Entry, linker: Linker) -> str:
    """An entry's body as its page's Markdown: links to entries resolved, raw HTML shown, never run."""
    return escape_raw_html(linker.body(entry, entry_uri(entry.id))).strip()


def entry_pages(library: Library, options: Options, site: Mapping[str, Any]) -> dict[str, Page]:
    """Every entry's page, keyed by source URI."""
    linker = Linker(library)
    return {entry_uri(e.id): entry_page(e, library, linker, options, site) for e in library.entries}


def entry_page_maker(library: Library, options: Options, site: Mapping[str, Any]) -> Callable[[Entry], Page]:
    """``make(entry)`` for one entry's page; the link resolver is built on the first call."""
    linker: list[Linker] = []

    def make(entry: Entry) -> Page:
        if not linker:
            linker.append(Linker(library))
        return entry_page(entry, library, linker[0], options, site)

    return make
