"""The bench's synthetic libraries are valid, varied and reproducible."""

from __future__ import annotations

from pathlib import Path

from benchlib.synthetic import TOPIC_TREE, generate

from peer_library import vocab
from peer_library.load import load_library


def test_a_synthetic_library_is_valid_and_uses_every_type(tmp_path: Path) -> None:
    made = generate(tmp_path / "library", 300, seed=3)
    library, problems = load_library(tmp_path / "library", root=tmp_path)
    assert problems == []
    assert made.entries == len(library.entries) == 300
    assert {e.type for e in library.entries} == set(vocab.TYPES)
    assert len(library.topics) == len(TOPIC_TREE) * 5 == 40
    assert all(2 <= len(e.topics) <= 4 for e in library.entries)
    assert any(e.holdings for e in library.entries) and any(e.is_withdrawn for e in library.entries)
    assert any(e.domains for e in library.entries) and any(e.related for e in library.entries)
    assert {a.attribution for e in library.entries for a in e.authors} == set(vocab.ATTRIBUTIONS)
    assert made.links > 300
    words = [len(e.body.split()) for e in library.entries]
    assert 200 < sum(words) / len(words) < 800


def test_the_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    generate(tmp_path / "a", 50, seed=7)
    generate(tmp_path / "b", 50, seed=7)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.md"))
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.md"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
