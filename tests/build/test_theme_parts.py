"""The navigation and search box rendered once per build and reused give the same site, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from peer_library import mkdocs_plugin
from peer_library.speed import theme_parts
from tests.conftest import FIXTURES
from tests.helpers import built_files


@pytest.mark.parametrize("directory_urls", [True, False])
def test_reused_theme_parts_give_the_same_pages_as_rendering_them_for_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, directory_urls: bool
) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "borrowing", project)
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"use_directory_urls: {str(directory_urls).lower()}\n")
    kept: list[str] = []
    real_keep = theme_parts.PartCache.keep

    def keep(self: theme_parts.PartCache, key: str, html: str) -> str:
        kept.append(key)
        return real_keep(self, key, html)

    monkeypatch.setattr(theme_parts.PartCache, "keep", keep)
    reused = built_files(project, tmp_path / "reused")

    real_on_env = mkdocs_plugin.PeerLibraryPlugin.on_env

    def without_parts(self: Any, env: Any, *, config: Any, files: Any) -> Any:
        env = real_on_env(self, env, config=config, files=files)
        del env.globals["pl_parts"]  # the templates then render every part for every page
        return env

    monkeypatch.setattr(mkdocs_plugin.PeerLibraryPlugin, "on_env", without_parts)
    each = built_files(project, tmp_path / "each")

    assert reused.keys() == each.keys()
    assert [name for name in reused if reused[name] != each[name]] == []
    entries = [name for name in reused if name.startswith("entries/") and name.endswith(".html")]
    assert len(entries) > 5
    # one navigation for all entry pages (the same depth), one search box per distinct link to search
    assert kept.count("nav ../.." if directory_urls else "nav ..") == 1
    assert len(kept) == len(set(kept)) < len(reused) / 2
    page = reused[entries[0]].decode()
    assert 'class="md-nav md-nav--primary"' in page and "My shelf" in page
    search = "../../search/" if directory_urls else "../search.html"
    assert f'action="{search}"' in page


def test_a_navigation_template_of_the_sites_own_is_rendered_for_every_page(tmp_path: Path) -> None:
    """theme_parts.nav_key reasons about Material's navigation; a custom_dir's may read the page."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "borrowing", project)
    (project / "overrides" / "partials").mkdir(parents=True)
    (project / "overrides" / "partials" / "nav-item.html").write_text(
        '{% macro render(nav_item, path, level, parent) %}<li data-for="{{ page.url }}">'
        "{{ nav_item.title }}</li>{% endmacro %}\n",
        encoding="utf-8",
    )
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"), encoding="utf-8"
    )
    site = built_files(project, tmp_path / "site")
    entries = [name for name in site if name.startswith("entries/") and name.endswith(".html")]
    for name in entries[:3]:
        url = name.removesuffix("index.html")
        assert f'data-for="{url}"' in site[name].decode()
