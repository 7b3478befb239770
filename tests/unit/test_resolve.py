"""One resolver for every reference: ids, aliases as typed, and links written in bodies."""

from __future__ import annotations

import pytest

from peer_library.model import Entry
from peer_library.model.links import find_links
from peer_library.model.resolve import References


def entry(id: str, path: str, aliases: tuple[str, ...] = (), body: str = "") -> Entry:
    return Entry(id=id, title=id, type="practice", summary="S.", topics=("t",), path=path, aliases=aliases, body=body)


WRAP = entry("wellness-recovery-action-plan", "library/practices/wrap.md", ("WRAP", "old-wrap"), "## Daily plan\n")
HOPE = entry("hope", "library/values/hope.md")
REFS = References([WRAP, HOPE])


@pytest.mark.parametrize(
    ("typed", "want"),
    [
        ("hope", "hope"),
        ("WRAP", "wellness-recovery-action-plan"),
        ("wrap", "wellness-recovery-action-plan"),  # case and spacing do not matter
        ("old wrap", "wellness-recovery-action-plan"),
        ("Hope!", "hope"),
        ("hopes", None),
        ("", None),
    ],
)
def test_ids_and_aliases(typed: str, want: str | None) -> None:
    assert REFS.id(typed) == want


@pytest.mark.parametrize(
    ("body", "want"),
    [
        ("See [[WRAP]].", "wellness-recovery-action-plan"),
        ("See [[hope|a kinder word]].", "hope"),
        ("See [the plan](../practices/wrap.md#daily-plan).", "wellness-recovery-action-plan"),
        ("See [nothing](../practices/nothing.md).", None),
        ("See [[nobody]].", None),
    ],
)
def test_links_in_a_body(body: str, want: str | None) -> None:
    source = entry("source", "library/values/source.md", body=body)
    (link,) = find_links(body)
    found = References([WRAP, HOPE, source]).link(source, link)
    assert (found.id if found else None) == want


def test_anchors_are_the_bodys_heading_ids() -> None:
    assert REFS.anchors(WRAP) == {"daily-plan"}
