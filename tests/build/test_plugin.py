"""The adapter: content errors fail strict builds with located messages; serve watches the library."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from peer_library.mkdocs_plugin import PeerLibraryPlugin
from tests.conftest import FIXTURES, build_site


@pytest.mark.expected_warnings
def test_content_error_fails_strict_build_with_path_and_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    hope = tmp_path / "library" / "values" / "hope.md"
    hope.write_text(hope.read_text(encoding="utf-8").replace("topics: [peer-values, recovery]", "topics: [recovry]"))
    with pytest.raises(Abort):
        build_site(tmp_path, tmp_path / "site")
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert "library/values/hope.md:6: topics: unknown topic 'recovry'; did you mean 'recovery'?" in errors


@pytest.mark.expected_warnings
def test_non_strict_build_reports_and_still_builds_the_rest(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    (tmp_path / "library" / "values" / "broken.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    site = build_site(tmp_path, tmp_path / "site", strict=False)
    assert (site / "entries" / "mutuality" / "index.html").is_file()
    assert any(r.getMessage().startswith("library/values/broken.md:2: YAML syntax error") for r in caplog.records)


class _Server:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_watches_the_library_folder(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    plugin = config.plugins["peer-library"]
    assert isinstance(plugin, PeerLibraryPlugin)
    server = _Server()
    config = config.plugins.on_config(config)  # as mkdocs serve's first build does, before on_serve
    plugin.on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    assert str(tmp_path / "library") in server.watched


def test_serve_rebuilds_reuse_unchanged_entries(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)

    def rebuild() -> PeerLibraryPlugin:
        config = load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        config.plugins.on_startup(command="serve", dirty=False)  # as mkdocs serve does
        build(config)
        plugin = config.plugins["peer-library"]
        assert isinstance(plugin, PeerLibraryPlugin) and plugin.site is not None
        return plugin

    first = rebuild().site.library  # type: ignore[union-attr]
    hope = tmp_path / "library" / "values" / "hope.md"
    hope.write_text(hope.read_text(encoding="utf-8").replace("Believing", "Trusting"), encoding="utf-8")
    second = rebuild().site.library  # type: ignore[union-attr]
    assert second.by_id["mutuality"] is first.by_id["mutuality"]  # kept, not read again
    assert second.by_id["hope"].summary.startswith("Trusting")
