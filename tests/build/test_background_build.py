"""The plugin's HTML is made on another core when it can be; the site is the same byte for byte either way."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from peer_library import background, load, mkdocs_plugin, reading
from tests.conftest import FIXTURES


def built_files(project: Path, site: Path) -> dict[str, bytes]:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)  # as mkdocs build does (serve never forks)
    build(config)
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and "pagefind" not in p.parts and not p.name.startswith("sitemap")
    }


def test_forked_and_in_process_builds_are_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(os, "fork"):
        pytest.skip("needs fork")
    made: list[background.Background[Any, Any]] = []

    class Recorded(background.Background[Any, Any]):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(mkdocs_plugin, "Background", Recorded)
    shutil.copytree(FIXTURES / "borrowing", tmp_path / "project")
    monkeypatch.setattr(background, "can_fork", lambda: True)  # other tests may have left threads running
    forked = built_files(tmp_path / "project", tmp_path / "a")
    monkeypatch.setattr(background, "can_fork", lambda: False)
    here = built_files(tmp_path / "project", tmp_path / "b")
    assert [job.forked for job in made] == [True, False]
    assert [job.failure for job in made] == ["", ""]
    assert forked.keys() == here.keys()
    assert [name for name in forked if forked[name] != here[name]] == []
    assert b"pl-cite" in forked["entries/on-our-own/index.html"]


def test_entries_read_by_workers_from_before_the_site_folder_is_cleaned_give_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hasattr(os, "fork"):
        pytest.skip("needs fork")
    shutil.copytree(FIXTURES / "borrowing", tmp_path / "project")
    here = built_files(tmp_path / "project", tmp_path / "a")
    collected: list[int] = []
    real_result = reading.Reading.result

    def result(self: reading.Reading) -> list[reading.Loaded]:
        loaded = real_result(self)
        collected.append(len(loaded))
        return loaded

    monkeypatch.setattr(load, "PARALLEL_FROM", 1)
    monkeypatch.setattr(mkdocs_plugin, "safe_jobs", lambda: 2)
    monkeypatch.setattr(reading.Reading, "result", result)
    read_ahead = built_files(tmp_path / "project", tmp_path / "b")
    assert collected == [len(load.entry_files(tmp_path / "project" / "library"))]  # every file, by the workers
    assert read_ahead.keys() == here.keys()
    assert [name for name in here if here[name] != read_ahead[name]] == []
