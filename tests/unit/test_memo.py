"""Serve rebuilds reuse generated pages whose inputs did not change, and only those."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from peer_library.load.library import load_library
from peer_library.model import Library
from peer_library.site import build, features
from peer_library.site.build import derive_site_context, render_pages
from peer_library.site.page import Options, Page
from peer_library.speed import reading as readmod
from peer_library.speed.memo import RenderCache, changed_ids
from peer_library.speed.reading import Cache, reader
from tests.helpers import entry_text, make_library

IDS = {"a": 1, "b": 2, "c": 3}


@pytest.mark.parametrize(
    ("old", "new", "want"),
    [
        (None, {}, None),
        ({}, {}, set()),
        ({"x": 1}, {"x": 1}, set()),
        ({"x": 1}, {"x": 2}, None),
        ({"x": 1}, {"y": 1}, None),
        ({"back": {"a": [1], "b": [2]}}, {"back": {"a": [1], "b": [3]}}, {"b"}),
        ({"back": {"a": [1]}}, {"back": {"a": [1], "c": [4]}}, {"c"}),
        ({"back": {"a": [1]}}, {"back": {"a": [2], "not-an-entry": [1]}}, None),
    ],
)
def test_changed_ids(old: Any, new: Any, want: set[str] | None) -> None:
    assert changed_ids(old, new, IDS) == want


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    files = {
        "values/hope.md": entry_text(body="Hope links to [[mutuality]].\n"),
        "values/mutuality.md": entry_text(id="mutuality", body="Shared power.\n"),
        "values/other.md": entry_text(id="other", body="Nothing.\n"),
        "values/calm.md": entry_text(id="calm", body="Calm.\n"),
    }
    return make_library(tmp_path, files)


def load(lib: Path, cache: Cache) -> Library:
    library, problems = load_library(lib, root=lib.parent, read_many=reader(lib, lib.parent, cache=cache))
    assert not [p for p in problems if p.is_error]
    return library


def test_unchanged_library_reuses_every_page(lib: Path) -> None:
    loads, renders = Cache(), RenderCache()
    first = render_pages(load(lib, loads), Options(), renders)
    again = render_pages(load(lib, loads), Options(), renders)
    assert all(again[uri] is first[uri] for uri in first)
    assert renders.reused == 4


def test_a_body_edit_redoes_only_that_entry(lib: Path) -> None:
    loads, renders = Cache(), RenderCache()
    first = render_pages(load(lib, loads), Options(), renders)
    hope = lib / "values" / "hope.md"
    hope.write_text(hope.read_text(encoding="utf-8").replace("Hope links", "Hope still links"), encoding="utf-8")
    again = render_pages(load(lib, loads), Options(), renders)
    assert "Hope still links" in again["entries/hope.md"].markdown
    assert again["entries/mutuality.md"] is first["entries/mutuality.md"]
    assert renders.reused == 3


def test_a_title_edit_redoes_the_pages_that_may_show_it(lib: Path) -> None:
    loads, renders = Cache(), RenderCache()
    render_pages(load(lib, loads), Options(), renders)
    mutuality = lib / "values" / "mutuality.md"
    mutuality.write_text(mutuality.read_text(encoding="utf-8").replace("title: Hope", "title: Mutuality"))
    again = render_pages(load(lib, loads), Options(), renders)
    assert "[Mutuality](mutuality.md)" in again["entries/hope.md"].markdown
    assert renders.reused == 0


def test_other_options_redo_every_page(lib: Path) -> None:
    loads, renders = Cache(), RenderCache()
    render_pages(load(lib, loads), Options(), renders)
    render_pages(load(lib, loads), Options(support_message="Call us."), renders)
    assert renders.reused == 0


@pytest.fixture
def backlinks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A feature deriving per-entry values from bodies, as the backlinks feature does."""

    def derive(library: Library, options: Options) -> dict[str, Any]:
        found: dict[str, list[str]] = {}
        for e in library.entries:
            for target in ("mutuality", "other"):
                if f"[[{target}]]" in e.body:
                    found.setdefault(target, []).append(e.id)
        return {"backlinks": found}

    monkeypatch.setattr(build, "FEATURES", (*features.FEATURES, features.Feature("backlinks", context=derive)))
    yield


@pytest.mark.usefixtures("backlinks")
def test_site_context_changes_redo_the_entries_they_concern(lib: Path) -> None:
    loads, renders = Cache(), RenderCache()
    first = render_pages(load(lib, loads), Options(), renders)
    hope = lib / "values" / "hope.md"
    hope.write_text(hope.read_text(encoding="utf-8").replace("[[mutuality]]", "[[other]]"), encoding="utf-8")
    again = render_pages(load(lib, loads), Options(), renders)
    # hope changed itself; mutuality lost a backlink and other gained one: only calm is reused.
    assert renders.reused == 1 and again["entries/calm.md"] is first["entries/calm.md"]
    for changed in ("hope", "mutuality", "other"):
        assert again[f"entries/{changed}.md"] is not first[f"entries/{changed}.md"]  # made again


def test_other_makers_are_reused_until_their_key_changes(lib: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def index(library: Library, options: Options, site: Any) -> dict[str, Page]:
        calls.append(1)
        return {"index-of-all.md": Page(", ".join(e.title for e in library.entries))}

    monkeypatch.setattr(build, "FEATURES", (*features.FEATURES, features.Feature("index", pages=(index,))))
    loads, renders = Cache(), RenderCache()
    render_pages(load(lib, loads), Options(), renders)
    render_pages(load(lib, loads), Options(), renders)
    assert len(calls) == 1
    other = lib / "values" / "other.md"
    other.write_text(other.read_text(encoding="utf-8").replace("Nothing.", "Something."), encoding="utf-8")
    render_pages(load(lib, loads), Options(), renders)
    assert len(calls) == 2  # the default key is the whole library, bodies included


def test_entries_kept_from_the_load_cache_are_the_same_objects(lib: Path) -> None:
    loads = Cache()
    first, second = load(lib, loads), load(lib, loads)
    assert all(a is b for a, b in zip(first.entries, second.entries, strict=True))
    assert dataclasses.replace(first.entries[0]) == first.entries[0]


def test_parallel_loading_gives_the_same_library_and_fills_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {f"values/v{i}.md": entry_text(id=f"v{i}", body=f"Links to [[v{(i + 1) % 30}]].\n") for i in range(30)}
    files["values/bad.md"] = "---\nid: [\n---\n"
    lib = make_library(tmp_path, files)
    serial = load_library(lib, root=tmp_path)
    monkeypatch.setattr(readmod, "PARALLEL_FROM", 10)
    monkeypatch.setattr("peer_library.speed.fork.may_fork", lambda: True)  # other tests may have left threads running
    cache = Cache()
    parallel = load_library(lib, root=tmp_path, read_many=reader(lib, tmp_path, cache=cache, jobs=2))
    assert parallel == serial
    assert all(a.lines == b.lines for a, b in zip(parallel[0].entries, serial[0].entries, strict=True))
    assert len(cache.files) == 31
    again = load_library(lib, root=tmp_path, read_many=reader(lib, tmp_path, cache=cache, jobs=2))
    assert all(a is b for a, b in zip(again[0].entries, parallel[0].entries, strict=True))


def test_site_context_is_reused_until_a_link_or_front_matter_changes(lib: Path) -> None:
    loads, renders = Cache(), RenderCache()

    def site(library: Library) -> dict[str, Any]:
        return renders.site_context(library, Options(), lambda: derive_site_context(library, Options()))

    first = site(load(lib, loads))
    hope = lib / "values" / "hope.md"
    hope.write_text(hope.read_text(encoding="utf-8").replace("Hope links", "Hope still links"), encoding="utf-8")
    assert site(load(lib, loads)) is first  # same links, same front matter
    other = lib / "values" / "other.md"
    other.write_text(other.read_text(encoding="utf-8").replace("Nothing.", "Now [[mutuality]]."), encoding="utf-8")
    changed = site(load(lib, loads))
    assert changed is not first
    assert [e.id for e in changed["referenced_by"]["mutuality"]] == ["hope", "other"]


def test_index_pages_and_catalogue_survive_a_body_edit(lib: Path) -> None:
    loads, renders = Cache(), RenderCache()
    first = render_pages(load(lib, loads), Options(), renders)
    hope = lib / "values" / "hope.md"
    hope.write_text(hope.read_text(encoding="utf-8") + "\nMore words.\n", encoding="utf-8")
    again = render_pages(load(lib, loads), Options(), renders)
    for uri in ("topics/index.md", "a-z.md", "library.md", "types/index.md"):
        assert again[uri] is first[uri], uri
