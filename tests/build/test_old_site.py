"""A build into a folder holding an earlier site: the old pages go (on another core), hidden files
stay, and the site is the same as one built into an empty folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from peer_library import mkdocs_plugin, old_site, reading
from tests.build.test_background_build import built_files
from tests.conftest import FIXTURES


def test_a_build_over_an_old_site_leaves_only_the_new_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not reading.can_fork():
        pytest.skip("needs fork")
    monkeypatch.setattr(old_site, "may_fork", lambda: True)  # other tests may have left threads running
    started: list[old_site.Clearing | None] = []

    def recorded(site_dir: Path) -> old_site.Clearing | None:
        started.append(old_site.start_clearing(site_dir))
        return started[-1]

    monkeypatch.setattr(mkdocs_plugin, "start_clearing", recorded)
    shutil.copytree(FIXTURES / "borrowing", tmp_path / "project")
    fresh = built_files(tmp_path / "project", tmp_path / "fresh")
    site = tmp_path / "site"
    built_files(tmp_path / "project", site)
    (site / "stale.html").write_text("a page since deleted from the docs", encoding="utf-8")
    (site / ".keep").write_text("hidden files are never removed", encoding="utf-8")

    again = built_files(tmp_path / "project", site)
    assert started[0] is None and started[1] is None and started[2] is not None  # nothing to clear, then cleared
    assert "stale.html" not in again and (site / ".keep").exists()
    assert not [name for name in os.listdir(site) if name.startswith(old_site.TRASH_PREFIX)]
    again.pop(".keep")
    assert again.keys() == fresh.keys()
    assert [name for name in fresh if fresh[name] != again[name]] == []


@pytest.mark.expected_warnings  # MkDocs warns that a dirty build is for development only
def test_a_dirty_build_keeps_the_old_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setattr(old_site, "may_fork", lambda: True)  # other tests may have left threads running
    shutil.copytree(FIXTURES / "borrowing", tmp_path / "project")
    site = tmp_path / "site"
    built_files(tmp_path / "project", site)
    (site / "stale.html").write_text("kept by --dirty, as MkDocs keeps it", encoding="utf-8")
    monkeypatch.setattr(mkdocs_plugin, "start_clearing", lambda site_dir: pytest.fail("cleared a dirty build"))
    config = load_config(config_file=str(tmp_path / "project" / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=True)
    build(config, dirty=True)
    assert (site / "stale.html").exists() and (site / "index.html").exists()


def test_other_plugins_find_the_previous_site_gone_and_run_before_the_search_index(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    shutil.copytree(FIXTURES / "borrowing", tmp_path / "project")
    config = load_config(config_file=str(tmp_path / "project" / "mkdocs.yml"))
    ours = [m for m in config.plugins.events["post_build"] if m.__qualname__.startswith("PeerLibraryPlugin.")]
    assert [(m.__name__, getattr(m, "mkdocs_priority", 0)) for m in ours] == [
        ("_previous_site_gone", 100),  # first of all plugins' on_post_build
        ("_outputs_and_index", 0),  # in plugin order, as before
    ]
