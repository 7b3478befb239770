"""Links, backlinks and related entries as pure functions of a Library."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from peer_library.derive import neighbours
from peer_library.load.library import load_library
from peer_library.model import DomainRef
from tests.helpers import entry_text, make_library
from tests.unit.test_indexes import GONE, entry, lib


@pytest.mark.parametrize(
    ("body", "targets"),
    [
        ("See [[b]].", ("b",)),
        ("See [[B]] and [[b|bee]] and [[b#part]].", ("b",)),  # one target however often it is linked
        ("See [[Bee alias]].", ("b",)),  # by alias
        ("See [c](c.md) and [[b]].", ("b", "c")),  # by file too; sorted
        ("See [[a]], myself.", ()),  # self-links are not links
        ("See [[nowhere]].", ()),  # unknown ids are reported by validation, not linked
        ("`[[b]]` and\n\n```\n[[c]]\n```", ()),  # code is left alone
        ("See [[gone]].", ("gone",)),  # a withdrawn entry still has its tombstone page
    ],
)
def test_outgoing_links(body: str, targets: tuple[str, ...]) -> None:
    library = lib(
        entry("a", body=body),
        entry("b", aliases=("Bee alias",)),
        entry("c"),
        entry("gone", withdrawn=GONE),
    )
    assert neighbours.outgoing(library)["a"] == targets


def test_backlinks_cover_bodies_and_related_lists() -> None:
    library = lib(
        entry("a", body="[[b]] and [[a]]", related=("c",)),  # a self-link is no backlink
        entry("b", body="[[a]]", related=("a",)),  # a cycle: a <-> b
        entry("c", body="[[WRAP]]"),
        entry("wrap", aliases=("WRAP",)),
        entry("gone", body="[[a]]", related=("b",), withdrawn=GONE),  # withdrawn sources count nowhere
    )
    back = {k: [e.id for e in v] for k, v in neighbours.backlinks(library).items()}
    assert back == {"a": ["b"], "b": ["a"], "c": ["a"], "wrap": ["c"]}


def test_backlinks_are_symmetric_with_links() -> None:
    library = lib(
        entry("a", body="[[b]] [[c]]"),
        entry("b", related=("c",)),
        entry("c", body="[[a]]"),
    )
    out = neighbours.outgoing(library)
    back = neighbours.backlinks(library)
    pairs = {(s.id, t) for s in library.public for t in (*out[s.id], *s.related)}
    assert pairs == {(s.id, t) for t, sources in back.items() for s in sources}


@pytest.mark.parametrize(
    ("a", "b", "points"),
    [
        (entry("a", topics=("x",)), entry("b", topics=("y",)), 0),
        (entry("a", topics=("x",), type="term"), entry("b", topics=("y",), type="term"), 0),  # type alone: nothing
        (entry("a", topics=("x",)), entry("b", topics=("x",), type="term"), 3),
        (entry("a", topics=("x", "y")), entry("b", topics=("x", "y")), 7),
        (
            entry("a", domains=(DomainRef("d", "good-practice"),)),
            entry("b", type="term", domains=(DomainRef("d", "core-principles"),)),
            2,
        ),
        (
            entry("a", domains=(DomainRef("d", "good-practice"),)),
            entry("b", type="term", domains=(DomainRef("d", "good-practice"),)),
            3,
        ),
        (entry("d", type="domain"), entry("b", type="term", domains=(DomainRef("d", "good-practice"),)), 3),
    ],
)
def test_score(a, b, points: int) -> None:
    assert neighbours.score(a, b) == points == neighbours.score(b, a)


def ids(rows) -> list[tuple[str, bool]]:
    return [(r.entry.id, r.explicit) for r in rows]


def test_related_is_explicit_first_then_up_to_five_computed_by_score_then_title() -> None:
    library = lib(
        entry("a", topics=("x", "y"), related=("z-chosen", "gone", "a", "z-chosen")),
        entry("z-chosen", topics=("x", "y")),  # chosen by the author: never repeated as computed
        entry("gone", topics=("x", "y"), withdrawn=GONE),  # withdrawn: in no list
        entry("two", topics=("x", "y"), type="term"),  # 6
        *(entry(f"one-{i}", topics=("x",)) for i in "fedcb"),  # 3 + 1 same type = 4 each, ties by title
        entry("none", topics=("q",)),
    )
    got = ids(neighbours.related(library)["a"])
    assert got == [("z-chosen", True), ("two", False), *((f"one-{i}", False) for i in "bcde")]
    assert "gone" not in neighbours.related(library)


def test_related_cycles_and_self_links_are_harmless() -> None:
    library = lib(entry("a", related=("b", "a")), entry("b", related=("a",)))
    got = neighbours.related(library)
    assert ids(got["a"]) == [("b", True)] and ids(got["b"]) == [("a", True)]


def test_related_is_deterministic_whatever_the_input_order() -> None:
    entries = [entry(f"e{i:03}", title=f"T{i % 7}", topics=(f"t{i % 5}", f"t{i % 3}")) for i in range(120)]
    first = neighbours.related(lib(*entries))
    random.Random(4).shuffle(entries)
    again = neighbours.related(lib(*entries))
    assert {k: ids(v) for k, v in first.items()} == {k: ids(v) for k, v in again.items()}


def test_related_work_is_bounded_per_entry() -> None:
    # every entry in one topic: comparing all pairs would be over two million scores. Each entry is compared
    # only with the WINDOW entries either side of it in title order, so with every score tied its computed
    # neighbours are the first five of its window.
    n, w = 1500, neighbours.WINDOW
    got = neighbours.related(lib(*(entry(f"e{i:04}", topics=("x",)) for i in range(n))))
    assert all(len(v) == 5 for v in got.values())
    assert [r.entry.id for r in got["e0700"]] == [f"e{i:04}" for i in range(700 - w, 705 - w)]
    assert [r.entry.id for r in got["e0000"]] == [f"e{i:04}" for i in range(1, 6)]  # not itself
    assert [r.entry.id for r in got["e1499"]] == [f"e{i:04}" for i in range(0, 5)]  # wraps round to the start


def test_a_link_to_an_unknown_heading_is_a_located_error_and_still_a_backlink(tmp_path: Path) -> None:
    lib_dir = make_library(
        tmp_path,
        {
            "values/hope.md": entry_text(body="## Where hope comes from\n"),
            "values/other.md": entry_text(id="other", body="Intro.\n\nSee [[hope#nowhere]].\n"),
        },
    )
    library, problems = load_library(lib_dir, root=tmp_path)
    assert [str(p) for p in problems] == [
        "library/values/other.md:11: body: 'hope' has no heading '#nowhere'",
    ]
    assert [e.id for e in neighbours.backlinks(library)["hope"]] == ["other"]
