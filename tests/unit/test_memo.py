"""Serve rebuilds reuse generated pages whose inputs did not change, and only those."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from peer_library import pages as pagesmod
from peer_library.load import Cache, load_library
from peer_library.memo import RenderCache, changed_ids
from peer_library.model import Library
from peer_library.pages import Options, render_pages
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
    }
    return make_library(tmp_path, files)


def load(lib: Path, cache: Cache) -> Library:
    library, problems = load_library(lib, root=lib.parent, cache=cache)
    assert not [p for p in problems if p.is_error]
    return library


def test_unchanged_library_reuses_every_page(lib: Path) -> None:
    loads, renders = Cache(), RenderCache()
    first = render_pages(load(lib, loads), Options(), renders)
    again = render_pages(load(lib, loads), Options(), renders)
    assert all(again[uri] is first[uri] for uri in first)
    assert renders.reused == 3


def test_a_body_edit_redoes_only_that_entry(lib: Path) -> None:
    loads, renders = Cache(), RenderCache()
    first = render_pages(load(lib, loads), Options(), renders)
    hope = lib / "values" / "hope.md"
    hope.write_text(hope.read_text(encoding="utf-8").replace("Hope links", "Hope still links"), encoding="utf-8")
    again = render_pages(load(lib, loads), Options(), renders)
    assert "Hope still links" in again["entries/hope.md"].markdown
    assert again["entries/mutuality.md"] is first["entries/mutuality.md"]
    assert renders.reused == 2


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
def backlinks() -> Iterator[None]:
    """A feature deriving per-entry values from bodies, as the backlinks feature does."""

    def derive(library: Library, options: Options) -> dict[str, Any]:
        found: dict[str, list[str]] = {}
        for e in library.entries:
            for target in ("mutuality", "other"):
                if f"[[{target}]]" in e.body:
                    found.setdefault(target, []).append(e.id)
        return {"backlinks": found}

    pagesmod.SITE_CONTEXT.append(derive)
    yield
    pagesmod.SITE_CONTEXT.remove(derive)


@pytest.mark.usefixtures("backlinks")
def test_site_context_changes_redo_the_entries_they_concern(lib: Path) -> None:
    loads, renders = Cache(), RenderCache()
    first = render_pages(load(lib, loads), Options(), renders)
    hope = lib / "values" / "hope.md"
    hope.write_text(hope.read_text(encoding="utf-8").replace("[[mutuality]]", "[[other]]"), encoding="utf-8")
    again = render_pages(load(lib, loads), Options(), renders)
    # hope changed itself; mutuality lost a backlink and other gained one: nothing can be reused.
    assert renders.reused == 0
    assert again["entries/mutuality.md"] is not first["entries/mutuality.md"]  # made again


def test_other_makers_are_reused_until_their_key_changes(lib: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def index(library: Library, options: Options) -> dict[str, pagesmod.Page]:
        calls.append(1)
        return {"index-of-all.md": pagesmod.Page(", ".join(e.title for e in library.entries))}

    monkeypatch.setattr(pagesmod, "MAKERS", [*pagesmod.MAKERS, index])
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
    from peer_library import load as loadmod

    files = {f"values/v{i}.md": entry_text(id=f"v{i}", body=f"Links to [[v{(i + 1) % 30}]].\n") for i in range(30)}
    files["values/bad.md"] = "---\nid: [\n---\n"
    lib = make_library(tmp_path, files)
    serial = load_library(lib, root=tmp_path)
    monkeypatch.setattr(loadmod, "PARALLEL_FROM", 10)
    cache = Cache()
    parallel = load_library(lib, root=tmp_path, cache=cache, jobs=2)
    assert parallel == serial
    assert all(a.lines == b.lines for a, b in zip(parallel[0].entries, serial[0].entries, strict=True))
    assert len(cache.files) == 31
    again = load_library(lib, root=tmp_path, cache=cache, jobs=2)
    assert all(a is b for a, b in zip(again[0].entries, parallel[0].entries, strict=True))


def test_site_context_is_reused_until_a_link_or_front_matter_changes(lib: Path) -> None:
    loads = Cache()
    first = pagesmod.site_context(load(lib, loads), Options())
    hope = lib / "values" / "hope.md"
    hope.write_text(hope.read_text(encoding="utf-8").replace("Hope links", "Hope still links"), encoding="utf-8")
    assert pagesmod.site_context(load(lib, loads), Options()) is first  # same links, same front matter
    other = lib / "values" / "other.md"
    other.write_text(other.read_text(encoding="utf-8").replace("Nothing.", "Now [[mutuality]]."), encoding="utf-8")
    changed = pagesmod.site_context(load(lib, loads), Options())
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
