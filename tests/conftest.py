"""Shared fixtures: paths, and a guard that fails any test which logs an unexpected warning."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
ENGINES = ("mkdocs", "properdocs", "zensical")


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


def build_with_engine(
    engine: str, config: Path, site_dir: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``peer-library build --engine ENGINE`` in a child process, as a service would run it."""
    return subprocess.run(
        [sys.executable, "-m", "peer_library.cli", "build", "--engine", engine, "-f", str(config), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=config.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


def engine_build(engine: str, site_dir: Path) -> Path:
    """The repository's own library, built by ``engine`` through ``peer-library build``."""
    run = build_with_engine(engine, ROOT / "mkdocs.yml", site_dir)
    assert run.returncode == 0, run.stderr[-3000:]
    return site_dir


@pytest.fixture(scope="session")
def starter_site_properdocs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return engine_build("properdocs", tmp_path_factory.mktemp("starter-properdocs") / "site")


@pytest.fixture(scope="session")
def starter_site_zensical(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return engine_build("zensical", tmp_path_factory.mktemp("starter-zensical") / "site")


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each engine that builds the site (a test that asks for it, or for engine_site, runs for each)."""
    return str(request.param)


@pytest.fixture(scope="session")
def engine_site(engine: str, request: pytest.FixtureRequest) -> Path:
    """The starter library built by each engine, once per session: MkDocs' is ``starter_site`` (the
    plugin in process), the others come from ``peer-library build``. The look may differ; features may not."""
    return Path(request.getfixturevalue("starter_site" if engine == "mkdocs" else f"starter_site_{engine}"))
