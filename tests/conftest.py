"""Shared fixtures: paths, and a guard that fails any test which logs an unexpected warning."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "expected_warnings: the test expects warnings to be logged")


@pytest.fixture(autouse=True, scope="session")
def check_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where `peer-library check` keeps what it read (kept_cache) during the tests: never the home folder."""
    folder = tmp_path_factory.mktemp("check-cache")
    os.environ["PEER_LIBRARY_CACHE_DIR"] = str(folder)
    return folder


@pytest.fixture(autouse=True)
def no_unexpected_warnings(request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture):
    """Any WARNING or worse logged during a test fails it, unless the test is marked expected_warnings."""
    caplog.set_level(logging.INFO)
    yield
    if request.node.get_closest_marker("expected_warnings"):
        return
    bad = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING]
    assert not bad, "unexpected warnings logged:\n" + "\n".join(f"{r.name}: {r.getMessage()}" for r in bad)


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
def starter_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own library, built once with MkDocs in strict mode."""
    return build_site(ROOT, tmp_path_factory.mktemp("starter") / "site")
