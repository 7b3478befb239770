"""Atomic writes for files people keep (ledgers, new entries) and plain writes for build output."""

from __future__ import annotations

from pathlib import Path

import pytest

from peer_library.load.files import write_atomic, write_outputs


def test_write_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a" / "loans.jsonl"
    write_atomic(target, "one\n")
    write_atomic(target, "two\n")
    assert target.read_text(encoding="utf-8") == "two\n"
    assert [p.name for p in target.parent.iterdir()] == ["loans.jsonl"]


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "loans.jsonl"
    target.write_text("history\n", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("peer_library.load.files.os.replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, "lost\n")
    assert target.read_text(encoding="utf-8") == "history\n"
    assert [p.name for p in tmp_path.iterdir()] == ["loans.jsonl"]


def test_write_outputs_creates_folders_and_writes_every_file(tmp_path: Path) -> None:
    write_outputs(
        tmp_path, {"feed.xml": "<feed/>", "entries/a/a.bib": "@misc{a}", "entries/b/b.ris": "TY  - GEN"}.items()
    )
    assert (tmp_path / "feed.xml").read_text(encoding="utf-8") == "<feed/>"
    assert (tmp_path / "entries" / "a" / "a.bib").read_text(encoding="utf-8") == "@misc{a}"
    assert (tmp_path / "entries" / "b" / "b.ris").is_file()
