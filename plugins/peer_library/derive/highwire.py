"""What reference managers read from a page without an export: Highwire ``citation_*`` meta tags and a
COinS span (an OpenURL ContextObject), both from the entry's one CSL-JSON item (derive/citations.py).

Zotero's "Embedded Metadata" translator reads the meta tags (Google Scholar's inclusion guidelines
name them); COinS is what Zotero and link resolvers read from a ``<span class="Z3988">``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

# CSL type -> (OpenURL metadata format, rft.genre)
_OPENURL = {
    "article-journal": ("journal", "article"),
    "book": ("book", "book"),
    "report": ("book", "report"),
    "document": ("book", "document"),
}


def author_name(name: dict[str, str]) -> str:
    """A CSL name as one string: 'Family, Given' for a person, the name itself for an organisation."""
    return name["literal"] if "literal" in name else f"{name['family']}, {name['given']}"


def _pages(item: dict[str, Any]) -> tuple[str, str]:
    first, _, last = item.get("page", "").partition("-")
    return first.strip(), last.strip()


def highwire(item: dict[str, Any], page_url: str) -> list[tuple[str, str]]:
    """The ``citation_*`` meta tags of an entry page, as (name, content) in Google Scholar's order.
    ``page_url`` is the page's absolute address ('' when the site has none)."""
    tags = [("citation_title", item["title"])]
    tags += [("citation_author", author_name(n)) for n in item.get("author", [])]
    issued = item.get("issued", {}).get("date-parts", [[]])[0]
    if issued:
        tags.append(("citation_publication_date", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(issued))))
    container = item.get("container-title")
    if item["type"] == "article-journal" and container:
        tags.append(("citation_journal_title", container))
    if item.get("publisher"):
        key = "citation_technical_report_institution" if item["type"] == "report" else "citation_publisher"
        tags.append((key, item["publisher"]))
    first, last = _pages(item)
    for key, value in (
        ("citation_volume", item.get("volume")),
        ("citation_issue", item.get("issue")),
        ("citation_firstpage", first),
        ("citation_lastpage", last),
        ("citation_doi", item.get("DOI")),
        ("citation_isbn", item.get("ISBN")),
        ("citation_public_url", page_url),
    ):
        if value:
            tags.append((key, value))
    return tags


def coins(item: dict[str, Any], page_url: str) -> str:
    """The ``title`` of a COinS span: a Z39.88-2004 ContextObject in key/encoded-value form."""
    kind = item["type"]
    fmt, genre = _OPENURL.get(kind, ("dc", ""))
    pairs: list[tuple[str, str]] = [("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", f"info:ofi/fmt:kev:mtx:{fmt}")]
    if item.get("DOI"):
        pairs.append(("rft_id", f"info:doi/{item['DOI']}"))
    if item.get("ISBN"):
        pairs.append(("rft_id", f"urn:isbn:{item['ISBN']}"))
    if item.get("URL") or page_url:
        pairs.append(("rft_id", item.get("URL") or page_url))
    issued = item.get("issued", {}).get("date-parts", [[]])[0]
    date = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(issued))
    names = item.get("author", [])
    if fmt == "dc":
        pairs.append(("rft.title", item["title"]))
        pairs += [("rft.creator", author_name(n)) for n in names]
        pairs += [("rft.date", date)] if date else []
        pairs += [("rft.publisher", item["publisher"])] if item.get("publisher") else []
        pairs.append(("rft.type", kind))
        return urlencode(pairs, quote_via=quote)
    pairs.append(("rft.genre", genre))
    if fmt == "journal":
        pairs.append(("rft.atitle", item["title"]))
        pairs += [("rft.jtitle", item["container-title"])] if item.get("container-title") else []
    else:
        pairs.append(("rft.btitle", item["title"]))
    # People as rft.au "Family, Given"; organisations as rft.aucorp, so no reader splits them.
    pairs += [
        ("rft.aucorp" if n.get("literal", "Anonymous") != "Anonymous" else "rft.au", author_name(n)) for n in names
    ]
    first, last = _pages(item)
    for key, value in (
        ("rft.date", date),
        ("rft.volume", item.get("volume")),
        ("rft.issue", item.get("issue")),
        ("rft.spage", first),
        ("rft.epage", last),
        ("rft.pub", item.get("publisher")),
        ("rft.place", item.get("publisher-place")),
        ("rft.edition", item.get("edition")),
        ("rft.isbn", item.get("ISBN")),
    ):
        if value:
            pairs.append((key, value))
    return urlencode(pairs, quote_via=quote)
