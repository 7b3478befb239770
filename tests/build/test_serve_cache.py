"""``mkdocs serve`` loads the config again for every rebuild; the plugin and its caches must survive that."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from peer_library.mkdocs_plugin import PeerLibraryPlugin
from peer_library.site import page as pages
from tests.conftest import FIXTURES


def test_rebuilds_keep_one_plugin_instance_and_reuse_unchanged_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)

    def rebuild() -> PeerLibraryPlugin:
        config = load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        config.plugins.on_startup(command="serve", dirty=False)  # as mkdocs serve does
        build(config)
        plugin = config.plugins["peer-library"]
        assert isinstance(plugin, PeerLibraryPlugin)
        return plugin

    first = rebuild()
    hope = tmp_path / "library" / "values" / "hope.md"
    hope.write_text(hope.read_text(encoding="utf-8").replace("Seeing others", "Watching others"), encoding="utf-8")
    made: list[str] = []
    markdown = pages.Page.markdown

    def counted(page: pages.Page) -> str:
        if page.meta["peer_library"]["kind"] == "entry":
            made.append(page.meta["title"])
        return markdown.fget(page)  # type: ignore[no-any-return,attr-defined]

    monkeypatch.setattr(pages.Page, "markdown", property(counted))
    second = rebuild()
    assert second is first, "MkDocs made a new plugin: its caches were lost"
    assert second.render_cache.reused == len(second.render_cache.entries) - 1  # a body edit redoes one page
    assert made == ["Hope"]  # the other entries' Markdown was kept from the first build
    html = (tmp_path / "site" / "entries" / "hope" / "index.html").read_text(encoding="utf-8")
    assert "Watching others" in html
