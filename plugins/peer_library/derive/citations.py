"""Citations of an entry: CSL-JSON (the one description), and from it APA 7, BibTeX and RIS.

An entry with a ``source`` cites that work; one without cites the entry's own page in the library.
Anonymous authors stay anonymous in every format.

APA is formatted here rather than by citeproc-py: citeproc-py with the official APA 7 CSL style
takes about 10 ms an entry (100 s for 10,000 entries, four times a whole plain build), so the tests
hold this formatter to citeproc-py's output instead (tests/unit/test_citations.py).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from typing import Any

from peer_library.model import Entry
from peer_library.model.urls import entry_path

# entry format -> (CSL type, BibTeX type, RIS type)
TYPES: dict[str, tuple[str, str, str]] = {
    "article": ("article-journal", "article", "JOUR"),
    "book": ("book", "book", "BOOK"),
    "report": ("report", "techreport", "RPRT"),
    "guide": ("report", "techreport", "RPRT"),
    "toolkit": ("report", "techreport", "RPRT"),
    "video": ("motion_picture", "misc", "VIDEO"),
    "web": ("webpage", "misc", "ELEC"),
    "course": ("webpage", "misc", "ELEC"),
}
BIBTEX_TYPES = {t[0]: t[1] for t in TYPES.values()} | {"document": "misc"}
RIS_TYPES = {t[0]: t[2] for t in TYPES.values()} | {"document": "GEN"}
ITALIC_TITLE = {"book", "report", "webpage", "motion_picture", "document"}
# A record of a whole book or report never carries a page: an entry's ``pages`` says where in the work
# the entry's idea sits (shown with the entry's source), not a page range of the work itself.
WHOLE_WORKS = {"book", "report"}


@dataclass(frozen=True)
class CiteContext:
    """What a citation needs from the site: its name, and the entry page's absolute URL where known."""

    site_name: str = "Peer Library"
    site_url: str = ""
    directory_urls: bool = True  # MkDocs' use_directory_urls

    def page_url(self, entry_id: str) -> str:
        return f"{self.site_url.rstrip('/')}/{entry_path(entry_id, self.directory_urls)}" if self.site_url else ""


def _name(text: str) -> dict[str, str]:
    """'Surname, Initials' as a CSL name; anything else is a literal (an organisation or one-word name)."""
    family, sep, given = text.partition(",")
    return {"family": family.strip(), "given": given.strip()} if sep and given.strip() else {"literal": text.strip()}


def csl(entry: Entry, ctx: CiteContext) -> dict[str, Any]:
    """The entry's citation as one CSL-JSON item (keys sorted when serialised)."""
    hidden = entry.hidden_names
    s = entry.source
    item: dict[str, Any] = {"id": entry.id}
    if s is None:
        item["type"] = "webpage"
        item["title"] = entry.title
        item["author"] = [{"literal": a.display_name} for a in entry.authors] or [{"literal": ctx.site_name}]
        item["container-title"] = ctx.site_name
        when = entry.updated or entry.added
        if when:
            item["issued"] = {"date-parts": [[when.year, when.month, when.day]]}
        if url := ctx.page_url(entry.id):
            item["URL"] = url
        return item
    kind = TYPES[entry.format][0] if entry.format else ("article-journal" if s.container and s.volume else "")
    item["type"] = kind or ("webpage" if s.url and not s.publisher else "book" if s.publisher else "document")
    item["title"] = s.title
    names = [{"literal": "Anonymous"} if a in hidden else _name(a) for a in s.authors]
    if not names and s.organisation:
        names = [{"literal": s.organisation}]
    if names:
        item["author"] = names
    year = s.year or entry.year
    if year:
        item["issued"] = {"date-parts": [[year]]}
    for key, value in (
        ("container-title", s.container),
        ("volume", s.volume),
        ("issue", s.issue),
        ("page", s.pages if item["type"] not in WHOLE_WORKS else None),
        ("publisher", s.publisher),
        ("publisher-place", s.place),
        ("edition", s.edition),
        ("DOI", s.doi),
        ("ISBN", s.isbn),
        ("URL", s.url),
    ):
        if value:
            item[key] = value
    accessed = entry.reviewed.on if entry.reviewed else (entry.updated or entry.added)
    if s.url and not year and accessed:
        item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    return item


def csl_json(items: list[dict[str, Any]]) -> str:
    """A CSL-JSON file: an array of items."""
    return json.dumps(items, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


# ---------------------------------------------------------------- APA 7


def _initials(given: str) -> str:
    parts = [p for p in re.split(r"[\s.]+", given) if p]
    return " ".join(f"{p[0]}." if not p.endswith(".") else p for p in parts)


def _apa_name(n: dict[str, str]) -> str:
    if "literal" in n:
        return n["literal"]
    return f"{n['family']}, {_initials(n['given'])}"


def _apa_authors(names: list[dict[str, str]]) -> str:
    shown = [_apa_name(n) for n in names]
    if len(shown) == 1:
        return shown[0]
    if len(shown) == 2:
        return f"{shown[0]}, & {shown[1]}"
    if len(shown) > 20:
        return ", ".join(shown[:19]) + ", . . . " + shown[-1]
    return ", ".join(shown[:-1]) + ", & " + shown[-1]


def _date(parts: list[int]) -> str:
    if len(parts) == 3:
        return f"{parts[0]}, {dt.date(*parts):%B} {parts[2]}"
    return str(parts[0])


def _end(text: str) -> str:
    """Close an element with a full stop unless it already ends in punctuation."""
    return text if text.endswith((".", "?", "!")) else text + "."


def apa(item: dict[str, Any]) -> list[tuple[str, bool]]:
    """An APA 7 reference as (text, italic) runs; ``apa_text`` and ``apa_html`` render them."""
    kind = item["type"]
    runs: list[tuple[str, bool]] = []
    authors = item.get("author", [])
    author = _apa_authors(authors) if authors else ""
    issued = item.get("issued", {}).get("date-parts", [[]])[0]
    date = f"({_date(issued)})." if issued else "(n.d.)."
    title = item["title"]
    italic = kind in ITALIC_TITLE
    suffix = ""
    if item.get("edition") and kind in ("book", "report"):
        # As the APA CSL style: "2nd" becomes "2nd ed."; words ("Rev. ed.", "Updated") are printed as written.
        edition = item["edition"]
        suffix = f" ({edition} ed.)" if edition[:1].isdigit() else f" ({edition})"
    if kind == "motion_picture":
        suffix += " [Video]"
    if author:
        runs += [(_end(author) + " " + date + " ", False)]
    if italic:
        runs += [
            (title, True),
            (_end(suffix) + " " if suffix else ("" if title.endswith(("?", "!")) else ".") + " ", False),
        ]
    else:
        runs += [(_end(title + suffix) + " ", False)]
    if not author:
        runs += [(date + " ", False)]
    container = item.get("container-title")
    publisher = item.get("publisher")
    if kind == "article-journal" and container:
        runs += [(container, True)]
        if item.get("volume"):
            runs += [(", ", False), (item["volume"], True)]
            if item.get("issue"):
                runs += [(f"({item['issue']})", False)]
        if item.get("page"):
            runs += [(f", {item['page'].replace('-', '–')}", False)]
        runs += [(". ", False)]
    elif kind == "webpage" and container and container != author:
        runs += [(_end(container) + " ", False)]
    elif container and kind != "webpage":
        runs += [(_end(f"In {container}") + " ", False)]
    if publisher and publisher != author and kind != "webpage":
        runs += [(_end(publisher) + " ", False)]
    if item.get("DOI"):
        runs += [(f"https://doi.org/{item['DOI']}", False)]
    elif item.get("URL"):
        accessed = item.get("accessed", {}).get("date-parts", [[]])[0]
        retrieved = (
            f"Retrieved {dt.date(*accessed):%B} {accessed[2]}, {accessed[0]}, from " if not issued and accessed else ""
        )
        runs += [(retrieved + item["URL"], False)]
    # Join, then trim the trailing space left by the last element.
    if runs and runs[-1][1] is False:
        runs[-1] = (runs[-1][0].rstrip(), False)
    return [r for r in runs if r[0]]


def apa_text(item: dict[str, Any]) -> str:
    """The APA reference as plain text (what the copy button copies)."""
    return "".join(text for text, _ in apa(item))


def apa_html(item: dict[str, Any]) -> str:
    """The APA reference as escaped HTML with <i> for italics."""
    return "".join(f"<i>{html.escape(t)}</i>" if it else html.escape(t) for t, it in apa(item))


# ---------------------------------------------------------------- BibTeX and RIS

_BIBTEX_ESCAPES = {c: "\\" + c for c in "&%$#_{}"} | {
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\\": r"\textbackslash{}",
}


def _bib(text: str) -> str:
    return "".join(_BIBTEX_ESCAPES.get(c, c) for c in text)


def bibtex(item: dict[str, Any]) -> str:
    """One BibTeX record; the key is the entry id, titles are braced to keep their capitals."""
    kind = BIBTEX_TYPES.get(item["type"], "misc")
    fields: list[tuple[str, str]] = []
    if item.get("author"):
        names = [
            f"{{{_bib(n['literal'])}}}" if "literal" in n else _bib(f"{n['family']}, {n['given']}")
            for n in item["author"]
        ]
        fields.append(("author", " and ".join(names)))
    fields.append(("title", f"{{{_bib(item['title'])}}}"))
    issued = item.get("issued", {}).get("date-parts", [[]])[0]
    if issued:
        fields.append(("year", str(issued[0])))
    container_key = {"article": "journal"}.get(kind, "howpublished" if kind == "misc" else "series")
    publisher_key = "institution" if kind == "techreport" else "publisher"
    for key, csl_key in (
        (container_key, "container-title"),
        ("volume", "volume"),
        ("number", "issue"),
        ("pages", "page"),
        ("edition", "edition"),
        (publisher_key, "publisher"),
        ("address", "publisher-place"),
        ("doi", "DOI"),
        ("isbn", "ISBN"),
    ):
        if item.get(csl_key):
            value = item[csl_key].replace("-", "--") if key == "pages" else item[csl_key]
            fields.append((key, _bib(value)))
    if item.get("URL"):
        fields.append(("url", item["URL"].replace("%", "\\%").replace("#", "\\#")))
    accessed = item.get("accessed", {}).get("date-parts", [[]])[0]
    if accessed:
        fields.append(("urldate", dt.date(*accessed).isoformat()))
    body = "".join(f"  {k} = {{{v}}},\n" for k, v in fields)
    return f"@{kind}{{{item['id']},\n{body}}}\n"


def ris_name(name: dict[str, str]) -> str:
    """An RIS author. A person is "Last, First"; an organisation (a CSL literal) ends with a comma, the
    corporate-author convention of EndNote's RIS import (which Zotero and other readers follow): without
    it, "Recovery Library, University of Melbourne" reads as a person whose surname is "Recovery Library".
    (The RIS spec itself names no corporate tag; bibutils' ris2xml splits every AU line as a person.)"""
    if "literal" in name:
        return name["literal"] if name["literal"] == "Anonymous" else f"{name['literal'].rstrip(',')},"
    return f"{name['family']}, {name['given']}"


def ris(item: dict[str, Any]) -> str:
    """One RIS record (tags in the RIS order, CRLF line endings as the format asks)."""
    lines = [("TY", RIS_TYPES.get(item["type"], "GEN"))]
    lines += [("AU", ris_name(n)) for n in item.get("author", [])]
    lines.append(("TI", item["title"]))
    issued = item.get("issued", {}).get("date-parts", [[]])[0]
    if issued:
        lines.append(("PY", str(issued[0])))
        if len(issued) == 3:
            lines.append(("DA", f"{issued[0]:04d}/{issued[1]:02d}/{issued[2]:02d}"))
    page = item.get("page", "")
    start, _, end = page.partition("-")
    for tag, value in (
        ("T2", item.get("container-title")),
        ("VL", item.get("volume")),
        ("IS", item.get("issue")),
        ("SP", start.strip()),
        ("EP", end.strip()),
        ("ET", item.get("edition")),
        ("PB", item.get("publisher")),
        ("CY", item.get("publisher-place")),
        ("DO", item.get("DOI")),
        ("SN", item.get("ISBN")),
        ("UR", item.get("URL")),
    ):
        if value:
            lines.append((tag, value))
    lines += [("ID", item["id"]), ("ER", "")]
    # One line per tag: a value never carries a line break into the next tag.
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)
