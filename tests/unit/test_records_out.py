"""Records other systems take, read back with the readers they use: RIS with rispy, COinS as an
OpenURL query string, MARC with pymarc. Bad shapes here are what reference managers and library
systems would import wrongly."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from urllib.parse import parse_qs

import pymarc
import pytest
import rispy

from peer_library.derive.citations import CiteContext, csl, ris
from peer_library.derive.highwire import coins, highwire
from peer_library.model import Author, CopyOnLoan, Entry, Holding, Library, Source, Topic
from peer_library.site.marc import catalogue_marcxml
from peer_library.site.page import Options

CTX = CiteContext(site_name="Peer Library", site_url="https://library.example.org/")


def entry(**fields: object) -> Entry:
    base: dict[str, object] = {"id": "x", "title": "X", "type": "writing", "summary": "S.", "topics": ("recovery",)}
    return Entry(path="library/x.md", **(base | fields))  # type: ignore[arg-type]


GROUP = entry(
    id="tokenism",
    title="Tokenism",
    type="term",
    source=Source(
        title="Growing Consumer Leadership",
        organisation="Recovery Library, University of Melbourne",
        publisher="University of Melbourne",
    ),
)
MIXED = entry(
    id="framework",
    title="Mind's peer work framework",
    format="report",
    source=Source(
        title="Mind's peer work framework",
        authors=("Childs, B.",),
        organisation="Mind Australia",
        publisher="Mind Australia",
        place="Melbourne",
        year=2021,
        section="Peer work values",
        pages="9",
        isbn="978-0-306-40615-7",
    ),
)
BOOK_PAGES = entry(
    id="hope",
    title="Hope",
    type="value",
    source=Source(title="A book", authors=("Copeland, M. E.",), publisher="Peach Press", year=2018, pages="12-15"),
)
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


def ris_authors(name: str) -> dict[str, str]:
    """How RIS readers split an AU line (EndNote's import, which Zotero follows): a name ending in a
    comma is one corporate name; otherwise 'Last, First'."""
    if name.endswith(","):
        return {"corporate": name[:-1]}
    last, _, first = name.partition(",")
    return {"last": last.strip(), "first": first.strip()}


def read_ris(e: Entry) -> dict[str, object]:
    records = rispy.loads(ris(csl(e, CTX)))
    assert len(records) == 1
    return records[0]


def test_ris_organisation_is_one_corporate_author_not_a_person() -> None:
    record = read_ris(GROUP)
    assert [ris_authors(a) for a in record["authors"]] == [{"corporate": "Recovery Library, University of Melbourne"}]


def test_ris_people_stay_people_and_the_publisher_is_the_organisation() -> None:
    record = read_ris(MIXED)
    assert [ris_authors(a) for a in record["authors"]] == [{"last": "Childs", "first": "B."}]
    assert record["publisher"] == "Mind Australia"


@pytest.mark.parametrize("whole_work", [MIXED, BOOK_PAGES], ids=["report", "book"])
def test_a_whole_book_or_report_record_carries_no_page(whole_work: Entry) -> None:
    record = read_ris(whole_work)
    assert "start_page" not in record and "end_page" not in record
    assert "page" not in csl(whole_work, CTX)
    assert not [name for name, _ in highwire(csl(whole_work, CTX), "") if name.endswith("page")]


def test_an_article_keeps_its_page_range() -> None:
    record = read_ris(ARTICLE)
    assert (record["start_page"], record["end_page"]) == ("91", "97")
    assert [ris_authors(a) for a in record["authors"]] == [
        {"last": "Deegan", "first": "Patricia E."},
        {"last": "Anonymous", "first": ""},
    ]


def test_highwire_tags_for_an_article() -> None:
    tags = highwire(csl(ARTICLE, CTX), "https://library.example.org/entries/journey/")
    assert tags == [
        ("citation_title", "Recovery as a journey of the heart"),
        ("citation_author", "Deegan, Patricia E."),
        ("citation_author", "Anonymous"),
        ("citation_publication_date", "1996"),
        ("citation_journal_title", "Psychiatric Rehabilitation Journal"),
        ("citation_volume", "19"),
        ("citation_issue", "3"),
        ("citation_firstpage", "91"),
        ("citation_lastpage", "97"),
        ("citation_doi", "10.1037/h0101301"),
        ("citation_public_url", "https://library.example.org/entries/journey/"),
    ]


def test_coins_tells_people_from_organisations() -> None:
    query = parse_qs(coins(csl(MIXED, CTX), "https://library.example.org/entries/framework/"), strict_parsing=True)
    assert query["ctx_ver"] == ["Z39.88-2004"]
    assert query["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:book"]
    assert query["rft.genre"] == ["report"]
    assert query["rft.btitle"] == ["Mind's peer work framework"]
    assert query["rft.au"] == ["Childs, B."]
    assert "rft.aucorp" not in query
    assert query["rft.isbn"] == ["978-0-306-40615-7"]
    assert "urn:isbn:978-0-306-40615-7" in query["rft_id"]
    assert "rft.spage" not in query
    group = parse_qs(coins(csl(GROUP, CTX), ""), strict_parsing=True)
    assert group["rft.aucorp"] == ["Recovery Library, University of Melbourne"]
    assert "rft.au" not in group


def marc_library() -> Library:
    held = entry(
        id="wrap",
        title="Wellness Recovery Action Plan",
        type="practice",
        format="book",
        added=dt.date(2026, 11, 20),
        source=Source(title="WRAP", authors=("Copeland, Mary Ellen",), publisher="Peach Press", year=2018),
        holdings=(Holding("c1", "Library shelf, level 2"), Holding("c2", "Team room")),
    )
    on_loan = (CopyOnLoan("wrap", "c2", dt.date(2099, 1, 1)),)  # what availability.json says: no borrower
    topic = Topic("recovery", "Recovery", "", None, "library/topics.yml", 1)
    return Library(entries=(held, MIXED, GROUP), topics=(topic,), on_loan=on_loan)


def test_marc_names_personal_and_corporate_apart_and_holdings_without_borrowers() -> None:
    text = catalogue_marcxml(marc_library(), Options(site_url="https://library.example.org/"))
    records = {r["001"].data: r for r in pymarc.parse_xml_to_array(BytesIO(text.encode()))}
    assert sorted(records) == ["framework", "tokenism", "wrap"]
    framework, tokenism, wrap = records["framework"], records["tokenism"], records["wrap"]
    assert framework["100"]["a"] == "Childs, B." and framework["100"].indicator1 == "1"
    assert framework["710"]["a"] == "Mind Australia" and framework["710"].indicator1 == "2"
    assert framework["020"]["a"] == "9780306406157"
    assert tokenism["110"]["a"] == "Recovery Library, University of Melbourne"
    assert tokenism.get("100") is None
    assert [(f["b"], f["p"], f["z"]) for f in wrap.get_fields("852")] == [
        ("Library shelf, level 2", "c1", "Available"),
        ("Team room", "c2", "On loan, due back 1 January 2099"),
    ]
    assert [f["u"] for f in wrap.get_fields("856")] == ["https://library.example.org/entries/wrap/"]
    assert wrap["650"]["a"] == "Recovery"
    assert len(wrap["008"].data) == 40 and wrap["008"].data[7:11] == "2018"
