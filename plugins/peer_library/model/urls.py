"""Where each page lives: URL paths and relative links from source URIs (``entries/<id>.md``), as
MkDocs serves them with or without ``use_directory_urls``. An entry's address comes from its id alone."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from functools import lru_cache


def rel(from_uri: str, to_uri: str) -> str:
    """A relative link from one generated source file to another (both 'entries/x.md' style)."""
    here, _, _ = from_uri.rpartition("/")
    there, _, name = to_uri.rpartition("/")
    if here == there:
        return name  # the common case (entry to entry), without relpath's cost
    return posixpath.relpath(to_uri, here or ".")


@lru_cache(maxsize=1 << 16)  # asked once for each link on every generated page (130,000 times per 2,000 pages)
def page_url(uri: str, directory_urls: bool = True) -> str:
    """Where MkDocs serves a source file, from the site root: 'topics/x.md' -> 'topics/x/' ('topics/x.html')."""
    stem = uri.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return f"{stem}/"


def entry_path(entry_id: str, directory_urls: bool = True) -> str:
    """An entry page's URL from the site root: 'entries/wrap/' ('entries/wrap.html')."""
    return page_url(f"entries/{entry_id}.md", directory_urls)


def href(from_uri: str, to_uri: str, directory_urls: bool = True, from_source: bool = False) -> str:
    """A link in generated HTML from one page to another, relative, as MkDocs writes links (source URIs in).
    ``from_source``: relative to the page's source folder instead, for an engine that resolves links
    in HTML from there and rewrites them for the page's address (Zensical)."""
    here = (from_uri.split("/") if from_source else page_url(from_uri, directory_urls).split("/"))[:-1]
    there = page_url(to_uri, directory_urls).split("/")
    common = 0
    for a, b in zip(here, there[:-1], strict=False):
        if a != b:
            break
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) or "./"


def url_function(from_uri: str, directory_urls: bool = True, from_source: bool = False) -> Callable[[str], str]:
    """``url(to_uri)`` for templates of the page at ``from_uri``."""
    return lambda to_uri: href(from_uri, to_uri, directory_urls, from_source)
