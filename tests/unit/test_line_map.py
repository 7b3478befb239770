"""Entry.lines: a read-only key -> line map that entries written alike share their keys in."""

from __future__ import annotations

import pickle

import pytest

from peer_library.model import LineMap

LINES = {"id": 2, "title": 3, "topics": 5, "topics.0": 5, "topics.1": 6, "source.title": 300}


def test_reads_like_the_dict_it_was_made_from() -> None:
    lines = LineMap(LINES)
    assert lines == LINES
    assert dict(lines) == LINES
    assert list(lines) == list(LINES)
    assert list(lines.items()) == list(LINES.items()) and lines.items() == LINES.items()
    assert ("id", 2) in lines.items() and ("id", 3) not in lines.items()
    assert len(lines) == len(LINES)
    assert lines["source.title"] == 300
    assert lines.get("topics.1") == 6
    assert lines.get("missing") is None
    assert lines.get("missing", 1) == 1
    assert "title" in lines
    assert "summary" not in lines
    with pytest.raises(KeyError):
        lines["summary"]


@pytest.mark.parametrize("lines", [{}, LINES])
def test_pickles(lines: dict[str, int]) -> None:
    """Entries are shipped between processes (parallel loading, the background process)."""
    again = pickle.loads(pickle.dumps(LineMap(lines)))
    assert isinstance(again, LineMap)
    assert again == lines


def test_entries_written_alike_share_their_keys() -> None:
    a, b = LineMap(dict(LINES)), LineMap({k: v + 1 for k, v in LINES.items()})
    assert a._index is b._index
    assert a != b


def test_is_read_only() -> None:
    lines = LineMap(LINES)
    with pytest.raises(TypeError):
        lines["id"] = 9
    with pytest.raises(AttributeError):
        lines.extra = 1
