"""``check_library`` with a cache (what ``mkdocs serve`` runs on every rebuild) redoes the per-entry
work (parse, validate, writing checks) only for the files that changed, and finds the same problems
as a check from scratch; the writing checks read what loading kept, never the file again."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from peer_library.checks import content_notes, language, registry as checks
from peer_library.checks.registry import check_library
from peer_library.load.prose import QuotedTitles, mask, prose_lines, titles_pattern
from peer_library.speed import fast_check, reading as readmod
from peer_library.speed.reading import Cache
from tests.helpers import entry_text, make_library

STYLE = """\
- phrase: suffers from
  suggest: [lives with]
  reason: it describes a person only by distress.
"""


def library(tmp_path: Path, n: int = 5) -> Path:
    files = {
        f"values/v{i}.md": entry_text(
            'source: {title: "The Long Road"}\n',
            f"She suffers from nothing.\n\nQuoting The Long Road, on self-harm.\n\n[[v{(i + 1) % n}]]\n",
            id=f"v{i}",
        )
        for i in range(n)
    }
    lib = make_library(tmp_path, files)
    (lib / "style").mkdir()
    (lib / "style" / "language.yml").write_text(STYLE, encoding="utf-8")
    return lib


class Spy:
    """Counts calls to a function while still calling it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> None:
        self.calls: list[Any] = []
        real = getattr(owner, name)

        def spy(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(args[0])
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, spy)


def touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # a later mtime, however fast


def test_a_rebuild_after_one_edit_redoes_only_that_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = library(tmp_path)
    cache = Cache()
    first = fast_check(lib, tmp_path, cache)
    loads = Spy(monkeypatch, readmod, "read_entry")
    words = Spy(monkeypatch, language, "check_entry")
    notes = Spy(monkeypatch, content_notes, "check_entry")

    assert fast_check(lib, tmp_path, cache) == first
    assert (loads.calls, words.calls, notes.calls) == ([], [], [])

    edited = lib / "values" / "v2.md"
    touch(edited, edited.read_text(encoding="utf-8").replace("nothing.", "nothing.\n\nHe suffers from grief."))
    library_, problems = fast_check(lib, tmp_path, cache)
    assert loads.calls == [edited]
    assert [e.id for e in words.calls] == [e.id for e in notes.calls] == ["v2"]
    assert (library_, problems) == check_library(lib, root=tmp_path)  # the same as checking from scratch
    assert sum("v2.md" in p.path and "suffers from" in p.message for p in problems) == 2


def test_a_changed_word_list_rechecks_every_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = library(tmp_path, n=3)
    cache = Cache()
    fast_check(lib, tmp_path, cache)
    words = Spy(monkeypatch, language, "check_entry")
    (lib / "style" / "language.yml").write_text(STYLE.replace("lives with", "has"), encoding="utf-8")
    _, problems = fast_check(lib, tmp_path, cache)
    assert len(words.calls) == 3
    assert all('try "has"' in p.message for p in problems if "suffers" in p.message)


def test_deleted_entries_leave_the_writing_cache(tmp_path: Path) -> None:
    lib = library(tmp_path, n=3)
    cache = Cache()
    fast_check(lib, tmp_path, cache)
    (lib / "values" / "v1.md").unlink()
    fast_check(lib, tmp_path, cache)
    assert sorted(cache.writing.results) == ["library/values/v0.md", "library/values/v2.md"]


def test_the_writing_check_does_not_read_entry_files_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = library(tmp_path, n=2)
    library_, _ = check_library(lib, root=tmp_path)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        assert self.suffix != ".md", f"read {self} again"
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    found = checks.writing(checks.CheckContext(library_, lib, tmp_path))
    assert sum("suffers from" in p.message for p in found) == 2
    assert sum("self-harm" in p.message for p in found) == 2


def test_prose_from_the_entry_is_the_prose_from_the_file(tmp_path: Path) -> None:
    summary = "summary: >-\n  One line\n  and the next, on abuse. # language: ok\n"
    text = entry_text('source: {title: "Hope"}\n', "Text\n\n```\ncode\n```\n<!-- x\ny -->abuse\n")
    lib = make_library(tmp_path, {"a.md": text.replace("summary: Believing recovery is possible.\n", summary)})
    library_, _ = check_library(lib, root=tmp_path)
    (entry,) = library_.entries
    raw = (lib / "a.md").read_text(encoding="utf-8")
    assert entry.front_rows and all(raw.split("\n")[n - 1] == row for n, row in entry.front_rows)
    assert list(prose_lines(entry)) == list(prose_lines(entry, raw))
    assert list(prose_lines(entry, needles=["abuse"])) == [
        p for p in prose_lines(entry, raw) if p.field != "body" or "abuse" in p.text
    ]


@pytest.mark.parametrize(
    "line",
    ["Read The Long  Road today", "read THE LONG\tROAD", "The Long", "Road", "the long roads", "Thé Long Road", ""],
)
def test_quoted_titles_blank_what_the_pattern_blanks(line: str) -> None:
    titles = ("The Long Road", "Thé Long Road")
    pattern = titles_pattern(titles)
    assert mask(line, QuotedTitles(titles)) == mask(line, pattern)
    assert mask(line, QuotedTitles(titles[:1])) == mask(line, titles_pattern(titles[:1]))


def test_a_parallel_check_finds_the_same_problems_and_brings_back_each_writing_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = library(tmp_path, n=12)
    (lib / "values" / "bad.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    serial = check_library(lib, root=tmp_path)
    monkeypatch.setattr(readmod, "PARALLEL_FROM", 4)
    monkeypatch.setattr("peer_library.speed.fork.may_fork", lambda: True)  # other tests may have left threads running
    monkeypatch.setattr("peer_library.speed.jobs", lambda: 3)
    cache = Cache()
    parallel = fast_check(lib, tmp_path, cache)
    assert parallel[0] == serial[0] and parallel[1] == serial[1]
    assert sum("suffers from" in p.message for p in parallel[1]) == 12
    # every entry's writing check came back with it, from whichever process read it
    assert sorted(cache.writing.results) == sorted(e.path for e in parallel[0].entries)
