"""A generated page, as every feature makes it: Markdown plus page metadata, with an optional HTML
template around the converted Markdown; and the small helpers pages share (URIs, metadata).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml
from markupsafe import Markup

from peer_library.model import Library
from peer_library.model.urls import page_url, url_function

from .render import render

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
    # The licence of the catalogue's data (/data/): an SPDX identifier such as "CC-BY-4.0", or "".
    data_licence: str = ""
    # "Suggest a change" links: the edit page address of the project's root folder (contribute_links), or ''.
    edit_root: str = ""
    # The page, in docs/, that says how loan records are kept (linked from "Request this copy"), or ''.
    privacy_page: str = ""

    @property
    def privacy_url(self) -> str:
        """Where the privacy page is served, from the site root, or ''."""
        return page_url(self.privacy_page, self.directory_urls) if self.privacy_page else ""

    # Entry ids shown under "Featured writing" on the home page, in this order.
    featured: tuple[str, ...] = ()
    # Whether the home page is generated (False when the site has a docs/index.md of its own).
    generated_home: bool = True
    # Links in generated HTML relative to each page's source folder, not its address: Zensical
    # resolves links in HTML from there (site/docs_tree.py writes pages for such engines).
    links_from_source: bool = False


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


def url_from(uri: str, options: Options) -> Callable[[str], str]:
    """``url(to_uri)`` for the templates of the page at ``uri``: a relative link to another generated page."""
    return url_function(uri, options.directory_urls, options.links_from_source)


# What a feature's page maker and entry-page context look like. ``site`` is the merged context of
# every feature (what entry pages show), derived once per build when first read.
PageMaker = Callable[[Library, Options, Mapping[str, Any]], dict[str, Page]]
SiteContext = Callable[[Library, Options], dict[str, Any]]
