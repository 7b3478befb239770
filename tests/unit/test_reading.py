"""Reading entry files in worker processes: the same library as reading them here, and no entry lost
when files change between starting the workers and collecting what they read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from peer_library.load.library import load_library
from peer_library.speed import reading as readmod
from peer_library.speed.reading import reader, start_reading
from tests.helpers import entry_text, make_library

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def library(tmp_path: Path, n: int) -> Path:
    files = {f"values/v{i}.md": entry_text(id=f"v{i}", body=f"See [[v{(i + 1) % n}]].\n") for i in range(n)}
    files["values/broken.md"] = "---\nid: [\n---\n"
    return make_library(tmp_path, files)


def test_a_reading_started_early_gives_the_library_read_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = library(tmp_path, 9)
    here = load_library(lib, root=tmp_path)
    monkeypatch.setattr(readmod, "PARALLEL_FROM", 5)
    monkeypatch.setattr("peer_library.speed.fork.may_fork", lambda: True)  # other tests may have left threads running
    reading = start_reading(lib, tmp_path, jobs=2)
    assert reading is not None
    assert load_library(lib, root=tmp_path, read_many=reader(lib, tmp_path, reading=reading)) == here
    assert any("broken.md" in p.path for p in here[1])


def test_a_file_added_after_the_reading_started_is_read_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = library(tmp_path, 9)
    monkeypatch.setattr(readmod, "PARALLEL_FROM", 5)
    reading = start_reading(lib, tmp_path, jobs=2)
    (lib / "values" / "late.md").write_text(entry_text(id="late"), encoding="utf-8")
    loaded, _ = load_library(lib, root=tmp_path, read_many=reader(lib, tmp_path, reading=reading))
    assert "late" in loaded.by_id and len(loaded.entries) == 10


def test_a_small_library_is_read_here(tmp_path: Path) -> None:
    assert start_reading(library(tmp_path, 3), tmp_path, jobs=2) is None
