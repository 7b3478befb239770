"""Build fixture sites with MkDocs once per session and hand tests the output folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import FIXTURES


def build_site(project: Path, site_dir: Path, strict: bool = True) -> Path:
    """Build the MkDocs project at ``project`` into ``site_dir`` (strict by default)."""
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("mini")
    shutil.copytree(FIXTURES / "mini", project, dirs_exist_ok=True)
    return build_site(project, project / "site")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
