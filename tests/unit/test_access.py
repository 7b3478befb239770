"""How to get a work, derived from its record."""

from __future__ import annotations

import pytest

from peer_library.derive.access import PRINT_COPY, READ_ONLINE, REFERENCE_ONLY, ways_to_get
from peer_library.model import Entry
from peer_library.model.entries import Access, Holding


def entry(**fields) -> Entry:  # type: ignore[no-untyped-def]
    return Entry(id="x", title="X", type="writing", summary="S.", topics=("t",), path="x.md", **fields)


@pytest.mark.parametrize(
    ("fields", "ways"),
    [
        ({}, (REFERENCE_ONLY,)),
        ({"access": Access(url="https://example.org/x")}, (READ_ONLINE,)),
        ({"holdings": (Holding("c1", "Shelf A"),)}, (PRINT_COPY,)),
        (
            {"access": Access(url="https://example.org/x"), "holdings": (Holding("c1", "Shelf A"),)},
            (READ_ONLINE, PRINT_COPY),
        ),
        # A file under library/files/ is not published with the site: not a way to read it online.
        ({"access": Access(file="x.pdf")}, (REFERENCE_ONLY,)),
    ],
)
def test_ways_to_get_come_from_the_record(fields, ways) -> None:  # type: ignore[no-untyped-def]
    assert ways_to_get(entry(**fields)) == ways
