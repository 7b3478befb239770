"""Generate every page the library adds to the site, as Markdown plus page metadata.

``render_pages(library, options)`` returns values only; the MkDocs adapter and the CLI decide
where they go. Source URIs are stable: an entry is always ``entries/<id>.md``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

import yaml
from markupsafe import Markup

from . import links as linkmod
from . import vocab
from .memo import RenderCache, site_key
from .model import Entry, Library
from .pathway_pages import pathway_context, pathway_pages
from .render import fresh_templates, rel, render, url_function
from .sanitize import escape_raw_html

# libyaml's emitter where PyYAML has it: the same YAML, several times faster than the pure-Python one.
DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

DEFAULT_SUPPORT = (
    "If reading this brings up difficult feelings, you can stop at any time. "
    "Talk to someone you trust, or contact your local crisis or support service."
)


@dataclass(frozen=True)
class Options:
    """Settings that shape generated pages (the adapter fills them from mkdocs.yml)."""

    support_message: str = DEFAULT_SUPPORT
    site_name: str = "Peer Library"
    site_url: str = ""
    # "Request this copy" link: a mailto: or https: URL with {id}, {title}, {copy}, {location} and {url}.
    request_copy: str = ""
    # MkDocs' use_directory_urls: 'entries/x/' rather than 'entries/x.html'.
    directory_urls: bool = True
    # The docs page that says how loan records are kept ('' when the site has none): linked beside "Request this copy".
    privacy_page: str = ""


# Where the converted Markdown goes in a page template (``{{ body }}``).
BODY = Markup("<!-- peer-library: body -->")
_HEADING = re.compile(r'<h([23])\b[^>]*?\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Heading:
    """A heading in a page's generated HTML, for its table of contents."""

    level: int
    id: str
    title: str  # as HTML, tags removed


def headings(html: str) -> tuple[Heading, ...]:
    """The h2 and h3 headings with ids in ``html``, in order."""
    return tuple(Heading(int(m[1]), m[2], _TAG.sub("", m[3]).strip()) for m in _HEADING.finditer(html))


@dataclass(frozen=True)
class Page:
    """A generated page: Markdown for MkDocs to convert, the front-matter metadata it reads, and an
    HTML template that goes around the converted Markdown (at ``{{ body }}``).

    Only what readers write (an entry's body) goes through Markdown; everything the library derives
    (titles, related entries, citations, whole index pages) is HTML from templates, many times
    cheaper than Markdown with HTML blocks in it. The HTML is rendered when first asked for, so
    the adapter can have it made on another core while MkDocs converts Markdown (background.py).
    """

    source: str | Callable[[], str]  # the Markdown, or how to make it when MkDocs reads the page
    meta: Mapping[str, Any] = field(default_factory=dict)
    template: str = ""
    context: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def markdown(self) -> str:
        return self.source if isinstance(self.source, str) else self.source()

    def document(self) -> str:
        """The page as one Markdown file with YAML front matter (made when asked for, not kept: at
        10,000 entries a kept copy of every page's Markdown is 40 MB that MkDocs holds already)."""
        head = yaml.dump(dict(self.meta), Dumper=DUMPER, sort_keys=True, allow_unicode=True, width=10_000)
        return f"---\n{head}---\n\n{self.markdown}"

    @cached_property
    def html(self) -> tuple[str, str]:
        """The generated HTML before and after the converted Markdown, kept for reuse (serve rebuilds)."""
        return self.render_html()

    @cached_property
    def kept_markdown(self) -> str:
        """The Markdown, made once and kept: serve rebuilds hand MkDocs unchanged pages' Markdown again."""
        return self.markdown

    @cached_property
    def toc(self) -> tuple[tuple[Heading, ...], tuple[Heading, ...]]:
        """The headings of the kept HTML before and after the Markdown (serve rebuilds reuse them)."""
        before, after = self.html
        return headings(before), headings(after)

    def render_html(self) -> tuple[str, str]:
        """The generated HTML before and after the converted Markdown ('' and '' without a template)."""
        if "html" in self.__dict__:  # made and kept already
            return self.html
        if not self.template:
            return "", ""
        before, _, after = render(self.template, body=BODY, **self.context).partition(BODY)
        return before, after

    def wrap(self, body_html: str) -> str:
        """The page's content: the converted Markdown inside the generated HTML."""
        before, after = self.html
        return f"{before}{body_html}{after}"


def html_page(template: str, markdown: str | Callable[[], str], meta: Mapping[str, Any], **context: Any) -> Page:
    """A page whose template is HTML around ``{{ body }}``, where MkDocs' conversion of ``markdown`` goes."""
    return Page(markdown, meta, template, context)


def generated_html(pages: Mapping[str, Page], keep: bool = False) -> Iterator[tuple[str, tuple[str, str]]]:
    """Every templated page's HTML (before and after its Markdown), by source URI, in page order;
    with ``keep``, each page keeps its HTML for the next call (what serve rebuilds reuse)."""
    for uri, page in pages.items():
        if page.template:
            yield uri, page.html if keep else page.render_html()


def entry_uri(entry_id: str) -> str:
    return f"entries/{entry_id}.md"


def page_meta(title: str, description: str, kind: str, **extra: Any) -> dict[str, Any]:
    """Metadata for a generated page. Title and description are HTML-escaped here because the
    theme prints ``page.meta.title`` and ``page.meta.description`` without escaping them."""
    return {
        "title": html.escape(title, quote=True),
        "description": html.escape(description, quote=True),
        "peer_library": {"kind": kind, **extra},
    }


class Linker:
    """Turns the links written in entry bodies into links to generated pages."""

    def __init__(self, library: Library) -> None:
        self.library = library
        names = {a: e.id for e in library.entries for a in e.aliases} | {e.id: e.id for e in library.entries}
        self.resolve = linkmod.build_resolver(names)
        self.by_path = {e.path: e for e in library.entries}
        self._anchors: dict[str, set[str]] = {}

    def has_anchor(self, entry: Entry, anchor: str) -> bool:
        if entry.id not in self._anchors:
            self._anchors[entry.id] = linkmod.heading_ids(entry.body)
        return anchor in self._anchors[entry.id]

    def body(self, entry: Entry, from_uri: str) -> str:
        """The entry's body with ``[[id]]`` and relative entry-file links pointing at entry pages."""

        def href(link: linkmod.Link) -> tuple[str, str] | None:
            if link.wiki:
                target_id = self.resolve(link.target)
                target = self.library.by_id.get(target_id) if target_id else None
            else:
                target = self.by_path.get(linkmod.resolve_file(entry.path, link.target))
            # Validation reports what does not resolve; the page never carries a broken link:
            # an unknown [[id]] stays as typed, an unknown file link becomes its text, an unknown
            # heading links to the top of the entry.
            if target is None:
                return None if link.wiki else ("", link.label)
            anchor = link.anchor if link.anchor and self.has_anchor(target, link.anchor) else None
            url = rel(from_uri, entry_uri(target.id)) + (f"#{anchor}" if anchor else "")
            return url, link.text or target.title

        return linkmod.rewrite(entry.body, entry.links, href)


# Site-wide values derived once per build (backlinks, availability, ...) for every entry template.
SiteContext = Callable[[Library, Options], dict[str, Any]]
SITE_CONTEXT: list[SiteContext] = [pathway_context]


@dataclass
class _Derived:
    """The last site context, with what it was derived from."""

    library: Library
    derivers: tuple[SiteContext, ...]
    options: Options
    site: dict[str, Any]

    @cached_property
    def key(self) -> Any:
        return site_key(self.library, self.options)


_last_site: list[_Derived] = []


def site_context(library: Library, options: Options) -> dict[str, Any]:
    """Merge what each feature derives from the library; computed once per build and shared by every
    page maker. Derivers read only what ``memo.site_key`` covers, so a serve rebuild whose inputs did
    not change (most body edits) reuses the last values."""
    derivers = tuple(SITE_CONTEXT)
    if _last_site and _last_site[0].derivers == derivers and _last_site[0].options == options:
        last = _last_site[0]
        if last.library is library:
            return last.site
        now = _Derived(library, derivers, options, last.site)
        if now.key == last.key:
            _last_site[:] = [now]
            return last.site
    site: dict[str, Any] = {}
    for derive in derivers:
        site |= derive(library, options)
    _last_site[:] = [_Derived(library, derivers, options, site)]
    return site


class LazySite(Mapping[str, Any]):
    """The site context, derived when a template first reads it.

    Pages hold this instead of the values, so deriving them (Related, backlinks, availability, ...)
    happens where the HTML is made: in the background process during a build."""

    def __init__(self, library: Library, options: Options) -> None:
        self.library, self.options = library, options

    @cached_property
    def derived(self) -> dict[str, Any]:
        return site_context(self.library, self.options)

    def __getitem__(self, key: str) -> Any:
        return self.derived[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.derived)

    def __len__(self) -> int:
        return len(self.derived)


def entry_page(entry: Entry, library: Library, linker: Linker, options: Options, site: Mapping[str, Any]) -> Page:
    """One entry's page; a withdrawn entry becomes a short notice that keeps its URL."""
    uri = entry_uri(entry.id)
    if entry.is_withdrawn:
        markdown = render("withdrawn.md.j2", entry=entry)
        return Page(markdown, page_meta(entry.title, "Withdrawn at the author's request.", "withdrawn", id=entry.id))
    return html_page(
        "entry.html.j2",
        partial(entry_markdown, entry, linker),
        page_meta(entry.title, entry.summary, "entry", id=entry.id, type=entry.type),
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


def url_from(uri: str, options: Options) -> Callable[[str], str]:
    """``url(to_uri)`` for the templates of the page at ``uri``: a relative link to another generated page."""
    return url_function(uri, options.directory_urls)


PageMaker = Callable[[Library, Options], dict[str, Page]]


def entry_pages(library: Library, options: Options) -> dict[str, Page]:
    """Every entry's page, keyed by source URI."""
    linker = Linker(library)
    site = LazySite(library, options)
    return {entry_uri(e.id): entry_page(e, library, linker, options, site) for e in library.entries}


# Each feature contributes its pages here; order does not matter, URIs must not clash.
MAKERS: list[PageMaker] = [entry_pages, pathway_pages]


def _cached_entry_pages(library: Library, options: Options, cache: RenderCache) -> dict[str, Page]:
    """``entry_pages``, reusing the pages of entries whose inputs did not change (see memo.py)."""
    site = site_context(library, options)
    cache.start(library, options, site)
    linker: Linker | None = None
    out: dict[str, Page] = {}
    for e in library.entries:
        page = cache.entry(e)
        if page is None:
            linker = linker or Linker(library)
            page = entry_page(e, library, linker, options, site)
            cache.keep(e, page)
        out[entry_uri(e.id)] = page
    return out


def _make(make: PageMaker, library: Library, options: Options, cache: RenderCache | None) -> dict[str, Page]:
    if cache is None:
        return make(library, options)
    if make is entry_pages:
        return _cached_entry_pages(library, options, cache)
    key_of = getattr(make, "cache_key", None)
    key = key_of(library, options) if key_of else (library, options)
    made: dict[str, Page] = cache.maker(f"{make.__module__}.{make.__qualname__}", key, lambda: make(library, options))
    return made


def render_pages(library: Library, options: Options | None = None, cache: RenderCache | None = None) -> dict[str, Page]:
    """Every generated page of the site, keyed by source URI, in a stable order.

    With a ``cache`` (the plugin keeps one per serve session), pages whose inputs are unchanged since
    the last call are reused instead of made again.
    """
    options = options or Options()
    templates = fresh_templates()
    if cache is not None:
        cache.templates_are(templates)
    pages: dict[str, Page] = {}
    for make in MAKERS:
        made = _make(make, library, options, cache)
        clash = pages.keys() & made.keys()
        if clash:
            raise ValueError(f"generated pages clash: {sorted(clash)[:3]}")
        pages |= made
    return dict(sorted(pages.items()))


# Borrowing: availability, citations, JSON-LD and the shelf page (imported here: it uses Page).
from .borrowing import borrowing_context, shelf_pages  # noqa: E402

MAKERS.append(shelf_pages)
SITE_CONTEXT.append(borrowing_context)

__all__ = ["Options", "Page", "entry_uri", "page_meta", "render_pages", "vocab"]

# Feature modules import Page and friends from here and register their makers and site context
# when imported; importing them last keeps that working whichever module is imported first.
from . import catalogue, index_pages  # noqa: E402, F401
