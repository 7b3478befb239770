"""What entry pages say about borrowing and citing, the /shelf/ page, and the files written after the build.

Everything here returns values: ``borrowing_context`` feeds the entry templates (as ``site.borrowing``),
``shelf_pages`` is a page maker, and ``post_build_files`` returns {path in site/: text} for the adapter
to write. Borrower identifiers never reach any of them: availability carries only dates and counts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from peer_library.derive import citations, highwire
from peer_library.derive.availability import Availability, availability
from peer_library.model import Entry, Library

from . import feeds
from .page import Options, Page, page_meta, url_from
from .render import render

SCHEMA_TYPES = {
    "book": "Book",
    "article": "ScholarlyArticle",
    "video": "VideoObject",
    "course": "Course",
    "report": "Report",
    "guide": "CreativeWork",
    "toolkit": "CreativeWork",
    "web": "WebPage",
}
REQUEST_SCHEMES = ("mailto:", "https://", "http://")


def check_request_url(template: str) -> str | None:
    """Why the ``request_copy`` option is unusable, or None."""
    if template and not template.lower().startswith(REQUEST_SCHEMES):
        return f"request_copy must be a mailto: or https:// URL, not {template[:40]!r}"
    try:
        template.format(id="", title="", copy="", location="", url="")
    except (KeyError, IndexError, ValueError) as exc:
        return f"request_copy may use only {{id}}, {{title}}, {{copy}}, {{location}} and {{url}} ({exc!r})"
    return None


def cite_context(options: Options) -> citations.CiteContext:
    return citations.CiteContext(
        site_name=options.site_name, site_url=options.site_url, directory_urls=options.directory_urls
    )


def json_ld(entry: Entry, library: Library, ctx: citations.CiteContext) -> dict[str, Any]:
    """schema.org metadata for an entry page; anonymous authors are 'Anonymous', never named."""
    s = entry.source
    hidden = entry.hidden_names
    if entry.authors:
        authors = [{"@type": "Person", "name": a.display_name} for a in entry.authors]
    elif s and s.authors:
        authors = [{"@type": "Person", "name": "Anonymous" if a in hidden else a} for a in s.authors]
    elif s and s.organisation:
        authors = [{"@type": "Organization", "name": s.organisation}]
    else:
        authors = []
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(entry.format or "", "CreativeWork"),
        "identifier": entry.id,
        "name": entry.title,
        "description": entry.summary,
        "url": ctx.page_url(entry.id) or "./",
        "about": [
            {"@type": "DefinedTerm", "termCode": t, "name": library.topic_by_id[t].label}
            for t in entry.topics
            if t in library.topic_by_id
        ],
        "inLanguage": "en",
    }
    if authors:
        data["author"] = authors
    if entry.aliases:
        data["alternateName"] = list(entry.aliases)
    if year := (s.year if s and s.year else entry.year):
        data["datePublished"] = str(year)
    if entry.added:
        data["dateCreated"] = entry.added.isoformat()
    if entry.updated:
        data["dateModified"] = entry.updated.isoformat()
    if s and s.publisher:
        data["publisher"] = {"@type": "Organization", "name": s.publisher}
    if s:
        data["isBasedOn"] = {"@type": "CreativeWork", "name": s.title} | ({"url": s.url} if s.url else {})
    if entry.access and entry.access.url:
        data["sameAs"] = entry.access.url
    return data


def head_meta(entry: Entry, options: Options) -> list[list[str]]:
    """An entry page's Highwire ``citation_*`` meta tags as [name, content] pairs (the theme's
    partials/pl-citation-meta.html writes them into the page's head, where Zotero reads them)."""
    ctx = cite_context(options)
    return [[name, content] for name, content in highwire.highwire(citations.csl(entry, ctx), ctx.page_url(entry.id))]


def script_json(data: Any) -> str:
    """JSON that is safe inside <script>: '<', '>' and '&' escaped, so no '</script>' can close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass(frozen=True)
class BorrowingContext:
    """Per-build borrowing values; entry templates call its methods through ``site.borrowing``.

    Equal contexts give equal pages for an unchanged entry, so serve rebuilds can reuse them: the
    library is left out of the comparison because the methods read only front matter from it
    (topic labels), which the render cache compares itself."""

    library: Library = field(compare=False)
    options: Options
    availability: dict[str, Availability]

    def copies(self, entry: Entry) -> Availability | None:
        return self.availability.get(entry.id)

    def request_url(self, entry: Entry, copy: str, location: str) -> str:
        """The 'Request this copy' link for one copy, values percent-encoded, or '' when not configured."""
        template = self.options.request_copy
        if not template or check_request_url(template):
            return ""
        values = {"id": entry.id, "title": entry.title, "copy": copy, "location": location}
        values["url"] = cite_context(self.options).page_url(entry.id)
        return template.format(**{k: quote(v, safe="") for k, v in values.items()})

    def cite(self, entry: Entry) -> dict[str, Any]:
        item = citations.csl(entry, cite_context(self.options))
        return {
            "coins": highwire.coins(item, cite_context(self.options).page_url(entry.id)),
            "apa_html": citations.apa_html(item),
            "apa_text": citations.apa_text(item),
            "downloads": downloads(entry.id, item),
        }

    def json_ld(self, entry: Entry) -> str:
        return script_json(json_ld(entry, self.library, cite_context(self.options)))


def borrowing_context(library: Library, options: Options) -> dict[str, Any]:
    """SITE_CONTEXT entry: availability (no borrowers), citations and JSON-LD for entry templates."""
    return {"borrowing": BorrowingContext(library, options, availability(library))}


def shelf_pages(library: Library, options: Options, site: Mapping[str, Any]) -> dict[str, Page]:
    """The /shelf/ page: filled in the browser from localStorage or a shared link, via catalogue.json."""
    markdown = render("shelf.md.j2", uri="shelf.md", url=url_from("shelf.md", options))
    meta = page_meta("My shelf", "Entries you saved in this browser: reorder, export, print or share them.", "shelf")
    return {"shelf.md": Page(markdown, meta)}


@dataclass(frozen=True)
class Download:
    """One reference file offered on an entry page."""

    label: str
    filename: str
    mime: str
    text: str

    @property
    def href(self) -> str:
        """The file itself as a ``data:`` URL: a download link needs no file in the site."""
        return f"data:{self.mime};charset=utf-8,{quote(self.text, safe='')}"


def downloads(entry_id: str, item: dict[str, Any]) -> tuple[Download, ...]:
    """An entry's reference in BibTeX, RIS and CSL-JSON, named after the entry."""
    return (
        Download("BibTeX", f"{entry_id}.bib", "application/x-bibtex", citations.bibtex(item)),
        Download("RIS", f"{entry_id}.ris", "application/x-research-info-systems", citations.ris(item)),
        Download("CSL-JSON", f"{entry_id}.json", "application/vnd.citationstyles.csl+json", citations.csl_json([item])),
    )


def post_build_files(library: Library, options: Options) -> dict[str, str]:
    """Every file written after MkDocs' build, keyed by path in site/: the feed and the catalogue."""
    return {
        "catalogue.json": feeds.catalogue_json(library, availability(library), options.directory_urls),
        "feed.xml": feeds.atom(library, options.site_name, options.site_url, options.directory_urls),
    }
