"""One call builds the site: ``build_site(library, options)`` makes every page, file and problem of
the feature list as values. The MkDocs adapter, the CLI and the tests all start here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any, Protocol

from peer_library.checks.registry import CheckContext, run_checks
from peer_library.load.files import write_outputs
from peer_library.model import Entry, Library, Problem

from .entry_pages import entry_page_maker
from .features import EACH_ENTRY, FEATURES, Feature
from .page import Options, Page, entry_uri
from .render import fresh_templates


class PageCache(Protocol):
    """What a serve session keeps between rebuilds (speed/memo.py); the site is the same without it."""

    def templates_are(self, stamp: Any) -> None: ...

    def site_context(
        self, library: Library, options: Options, derive: Callable[[], dict[str, Any]]
    ) -> dict[str, Any]: ...

    def entry_pages(
        self, library: Library, options: Options, site: Mapping[str, Any], make: Callable[[Entry], Page]
    ) -> dict[str, Page]:
        """Every entry's page by entry id."""

    def made(self, name: str, reads: str, library: Library, options: Options, make: Callable[[], Any]) -> Any: ...


def derive_site_context(library: Library, options: Options) -> dict[str, Any]:
    """What every feature adds to entry pages, merged."""
    site: dict[str, Any] = {}
    for feature in FEATURES:
        if feature.context is not None:
            site |= feature.context(library, options)
    return site


class LazySite(Mapping[str, Any]):
    """The site context, derived when a template first reads it: a build derives it where the HTML is
    made (on another core, with speed on), not before MkDocs starts converting Markdown."""

    def __init__(self, library: Library, options: Options) -> None:
        self.library, self.options = library, options

    @cached_property
    def derived(self) -> dict[str, Any]:
        return derive_site_context(self.library, self.options)

    def __getitem__(self, key: str) -> Any:
        return self.derived[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.derived)

    def __len__(self) -> int:
        return len(self.derived)


def _feature_pages(
    feature: Feature, library: Library, options: Options, site: Mapping[str, Any], cache: PageCache | None
) -> dict[str, Page]:
    if cache is not None and feature.reads == EACH_ENTRY:
        made = cache.entry_pages(library, options, site, entry_page_maker(library, options, site))
        return {entry_uri(entry_id): page for entry_id, page in made.items()}
    pages: dict[str, Page] = {}
    for make in feature.pages:
        if cache is None:
            made = make(library, options, site)
        else:
            name = f"{make.__module__}.{make.__qualname__}"
            made = cache.made(name, feature.reads, library, options, partial(make, library, options, site))
        pages |= made
    return pages


def render_pages(library: Library, options: Options | None = None, cache: PageCache | None = None) -> dict[str, Page]:
    """Every generated page of the site, keyed by source URI, in a stable order. With a ``cache``,
    pages whose inputs did not change since the last call are reused."""
    options = options or Options()
    templates = fresh_templates()
    if cache is not None:
        cache.templates_are(templates)
        site: Mapping[str, Any] = cache.site_context(library, options, lambda: derive_site_context(library, options))
    else:
        site = LazySite(library, options)
    pages: dict[str, Page] = {}
    for feature in FEATURES:
        made = _feature_pages(feature, library, options, site, cache)
        if clash := pages.keys() & made.keys():
            raise ValueError(f"generated pages clash: {sorted(clash)[:3]}")  # a bug in a feature, not content
        pages |= made
    return dict(sorted(pages.items()))


def site_problems(library: Library) -> list[Problem]:
    """What the features' own checks find (a topic no entry uses, ...), sorted."""
    return sorted({p for feature in FEATURES for check in feature.checks for p in check(library)})


@dataclass
class Site:
    """The whole site as values: pages (by source URI), files (made when asked for: ``files()``) and
    the problems the features found."""

    library: Library = field(repr=False)
    options: Options
    pages: dict[str, Page]
    problems: list[Problem]
    cache: PageCache | None = field(default=None, repr=False)

    def files(self) -> Iterator[tuple[str, str]]:
        """(path in the site folder, text) of every file the features write beside the rendered pages
        (feed, catalogue.json, MARC, redirects), one feature's at a time: together they are tens of
        megabytes at 10,000 entries, and a build writes each as it comes."""
        for feature in FEATURES:
            if feature.files is not None:
                make = partial(feature.files, self.library, self.options)
                cache, name = self.cache, f"files: {feature.name}"
                made = make() if cache is None else cache.made(name, feature.reads, self.library, self.options, make)
                yield from sorted(made.items())

    def after_markdown(
        self, checks: CheckContext, site_dir: Path, pages: bool = True
    ) -> Iterator[tuple[tuple[str, str], Any]]:
        """What a build does once MkDocs has converted the Markdown, keyed as the adapter takes it:
        the content checks (``("problems", "")``), each page's HTML around its Markdown (``("html",
        uri)``, in page order; not with ``pages=False``), and the files, written into ``site_dir``
        one feature's at a time (``("files", "")``: their paths). A build does it on another core
        meanwhile (speed.Background): the catalogue's files, tens of megabytes at 10,000 entries,
        are then never in the build process's memory."""
        yield ("problems", ""), run_checks(checks)
        for uri, page in self.pages.items() if pages else ():
            if page.template:
                yield ("html", uri), page.render_html()
        written: list[str] = []
        for path, text in self.files():
            write_outputs(site_dir, [(path, text)])
            written.append(path)
        yield ("files", ""), written


def build_site(library: Library, options: Options | None = None, cache: PageCache | None = None) -> Site:
    """The site the library makes: every page, every file and the features' problems."""
    options = options or Options()
    return Site(library, options, render_pages(library, options, cache), site_problems(library), cache)
