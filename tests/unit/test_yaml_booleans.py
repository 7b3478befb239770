"""Front matter reads only true/false as booleans (YAML 1.2), so 'on', 'no' and 'yes' stay text."""

from __future__ import annotations

from pathlib import Path

from peer_library.load.frontmatter import load_yaml
from peer_library.load.library import load_library
from tests.helpers import entry_text, make_library


def test_only_true_and_false_are_booleans() -> None:
    data, _ = load_yaml("a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: False\n")
    assert data == {"a": "yes", "b": "No", "c": "on", "d": "OFF", "e": True, "f": False}


def test_a_review_date_under_the_key_on_is_read(tmp_path: Path) -> None:
    lib = make_library(tmp_path, {"a.md": entry_text("reviewed:\n  by: Editor\n  on: 2026-11-01\n")})
    library, problems = load_library(lib, root=tmp_path)
    assert problems == []
    review = library.by_id["hope"].reviewed
    assert review is not None and review.by == "Editor"


def test_a_title_of_no_is_text(tmp_path: Path) -> None:
    lib = make_library(tmp_path, {"a.md": entry_text().replace("title: Hope", "title: No")})
    library, problems = load_library(lib, root=tmp_path)
    assert problems == [] and library.by_id["hope"].title == "No"


def test_deep_flow_nesting_is_refused_on_its_line_and_fast() -> None:
    import time

    import pytest

    from peer_library.load.frontmatter import FrontMatterError

    start = time.perf_counter()
    with pytest.raises(FrontMatterError) as caught:
        load_yaml("id: x\ntitle: " + "[" * 200_000 + "]" * 200_000 + "\n", first_line=2)
    assert (caught.value.line, caught.value.message) == (3, "YAML is nested too deeply")
    assert time.perf_counter() - start < 1
    assert load_yaml("a: " + "[" * 50 + "]" * 50)[0] is not None
