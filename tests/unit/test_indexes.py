"""Indexes as pure functions of a Library: topics, types, audiences, authors, A–Z, domains, redirects."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from peer_library.derive import indexes
from peer_library.model import Author, DomainRef, Entry, Library, Topic

GONE = dt.date(2026, 1, 1)

TOPICS = (
    Topic("practice", "Peer practice", "d", None, "library/topics.yml", 1),
    Topic("values", "Peer values", "d", "practice", "library/topics.yml", 4),
    Topic("power", "Sharing power", "d", "values", "library/topics.yml", 8),
    Topic("recovery", "Recovery", "d", None, "library/topics.yml", 12),
)


def entry(id: str, **fields: Any) -> Entry:
    base: dict[str, Any] = {"title": id.replace("-", " ").title(), "type": "value", "summary": "S.", "topics": ()}
    return Entry(id=id, path=f"library/{id}.md", **(base | fields))


def lib(*entries: Entry, topics: tuple[Topic, ...] = TOPICS) -> Library:
    return Library(entries=tuple(sorted(entries, key=lambda e: e.id)), topics=topics)


@pytest.mark.parametrize(
    ("entries", "counts"),
    [
        ([], {"practice": 0, "values": 0, "power": 0, "recovery": 0}),
        ([entry("a", topics=("power",))], {"practice": 1, "values": 1, "power": 1, "recovery": 0}),
        # an entry in a topic and its narrower topic counts once
        ([entry("a", topics=("power", "practice"))], {"practice": 1, "values": 1, "power": 1, "recovery": 0}),
        (
            [entry("a", topics=("values",)), entry("b", topics=("power", "recovery"))],
            {"practice": 2, "values": 2, "power": 1, "recovery": 1},
        ),
        # withdrawn entries count nowhere
        ([entry("a", topics=("power",), withdrawn=GONE)], {"practice": 0, "values": 0, "power": 0, "recovery": 0}),
    ],
)
def test_topic_counts_include_narrower_topics(entries: list[Entry], counts: dict[str, int]) -> None:
    assert dict(indexes.topic_index(lib(*entries)).counts) == counts


def test_topic_tree_and_own_entries() -> None:
    ix = indexes.topic_index(lib(entry("b", topics=("values",)), entry("a", title="Zed", topics=("values",))))
    assert ix.roots == ("practice", "recovery")
    assert ix.narrower["practice"] == ("values",) and ix.narrower["power"] == ()
    assert ix.ancestors("power") == ("values", "practice")
    assert [e.id for e in ix.entries["values"]] == ["b", "a"]  # by title: "B" before "Zed"
    assert ix.entries["practice"] == ()


def test_a_topic_cycle_does_not_hang_the_tree() -> None:
    cyclic = (Topic("x", "X", "d", "y", "t.yml", 1), Topic("y", "Y", "d", "x", "t.yml", 2))
    ix = indexes.topic_index(lib(entry("a", topics=("x",)), topics=cyclic))
    assert ix.ancestors("x") == ("y",)
    assert ix.counts == {"x": 1, "y": 1}


def test_a_topic_with_no_entries_is_a_located_warning() -> None:
    problems = indexes.topic_problems(
        lib(entry("a", topics=("power",)), entry("b", topics=("recovery",), withdrawn=GONE))
    )
    assert [str(p) for p in problems] == [
        "library/topics.yml:12: topics: topic 'recovery' has no entries; tag an entry with it, or remove it "
        "from the vocabulary"
    ]
    assert not problems[0].is_error


def test_a_topic_cannot_take_the_place_of_the_topic_tree() -> None:
    from peer_library.site.index_pages import topic_pages
    from peer_library.site.page import Options

    topics = (*TOPICS, Topic("index", "Index", "d", None, "library/topics.yml", 16))
    library = lib(entry("a", topics=("index", "power", "recovery")), topics=topics)
    problems = indexes.topic_problems(library)
    assert [str(p) for p in problems] == [
        "library/topics.yml:16: id: topic id 'index' is reserved for the list of all topics; choose another"
    ]
    assert problems[0].is_error
    assert topic_pages(library, Options(), {})["topics/index.md"].meta["peer_library"]["kind"] == "topics"


def test_types_and_audiences_list_every_group_in_vocabulary_order_without_withdrawn() -> None:
    library = lib(
        entry("a", type="practice", audience=("carer", "staff")),
        entry("b", type="practice", withdrawn=GONE, audience=("staff",)),
        entry("c", type="term"),
    )
    types = indexes.by_type(library)
    assert list(types)[:3] == ["practice", "value", "principle"]
    assert [e.id for e in types["practice"]] == ["a"] and types["value"] == () and len(types) == 9
    audiences = indexes.by_audience(library)
    assert [e.id for e in audiences["staff"]] == ["a"] and [e.id for e in audiences["carer"]] == ["a"]


def test_authors_are_listed_as_credited_and_anonymous_authors_never() -> None:
    library = lib(
        entry("a", authors=(Author("Ana Ruiz"), Author("Hidden Person", "anonymous"))),
        entry("b", authors=(Author("Quiet Voice", "pseudonym"), Author("Ana Ruiz"))),
        entry("c", authors=(Author("ANA RUIZ"),)),  # a different spelling: its own page, never merged silently
        entry("d", authors=(Author("Gone Author"),), withdrawn=GONE),
    )
    ix = indexes.author_index(library)
    assert dict(ix.names) == {"ana-ruiz": "Ana Ruiz", "ana-ruiz-2": "ANA RUIZ", "quiet-voice": "Quiet Voice"}
    assert [e.id for e in ix.entries["ana-ruiz"]] == ["a", "b"]
    assert "Hidden Person" not in ix.names.values() and "Gone Author" not in ix.names.values()


@pytest.mark.parametrize(
    ("text", "letter"),
    [("Hope", "H"), ("hope", "H"), ("Élan", "E"), ("12-step sponsor", "#"), ("'Quoted'", "Q"), ("…", "#")],
)
def test_letter_of(text: str, letter: str) -> None:
    assert indexes.letter_of(text) == letter


def test_a_to_z_lists_titles_and_aliases_but_not_old_ids_or_withdrawn_entries() -> None:
    library = lib(
        entry(
            "wrap",
            title="Wellness Recovery Action Plan",
            aliases=("WRAP", "wrap-plan", "wellness recovery action plan"),
        ),
        entry("elan", title="Élan"),
        entry("twelve", title="12-step sponsor"),
        entry("gone", title="Gone", aliases=("Old name",), withdrawn=GONE),
    )
    az = indexes.a_to_z(library)
    assert list(az) == ["#", "E", "W"]
    assert [(r.text, r.alias, r.entry.id) for r in az["W"]] == [
        ("Wellness Recovery Action Plan", False, "wrap"),
        ("WRAP", True, "wrap"),
    ]


def test_domain_map_lists_mapped_entries_under_each_section() -> None:
    library = lib(
        entry("dom", type="domain"),
        entry("b", domains=(DomainRef("dom", "good-practice"), DomainRef("dom", "good-practice"))),
        entry("a", domains=(DomainRef("dom", "good-practice"), DomainRef("dom", "core-principles"))),
        entry("gone", domains=(DomainRef("dom", "good-practice"),), withdrawn=GONE),
    )
    sections = indexes.domain_map(library)["dom"]
    assert list(sections) == ["core-principles", "key-capabilities", "good-practice", "good-leadership"]
    assert [e.id for e in sections["good-practice"]] == ["a", "b"]
    assert [e.id for e in sections["core-principles"]] == ["a"] and sections["key-capabilities"] == ()


def test_redirects_come_from_slug_shaped_aliases_including_withdrawn_entries() -> None:
    library = lib(
        entry("mutuality", aliases=("mutual-support", "Shared power", "WRAP")),
        entry("gone", aliases=("old-gone",), withdrawn=GONE),
    )
    assert indexes.redirects(library) == {"mutual-support": "mutuality", "old-gone": "gone"}
