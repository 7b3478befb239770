"""Every fast path (speed/) on or off gives the same site, byte for byte, and the same check output:
the starter library, and a synthetic library of 2,000 entries (where the parallel readers start)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from benchlib.projects import write_projects
from benchlib.synthetic import generate

from peer_library import speed
from peer_library.speed import background, reading as readmod
from tests.conftest import ROOT
from tests.helpers import built_files

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the fast paths fork")


def both_ways(
    config_file: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The site built with every fast path forced on, and with the switch off."""
    forked: list[bool] = []

    class Recorded(background.Background[Any, Any]):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            forked.append(self.forked)

    collected: list[int] = []
    real_result = readmod.Reading.result

    def result(self: readmod.Reading) -> list[readmod.Loaded]:
        loaded = real_result(self)
        collected.append(len(loaded))
        return loaded

    with monkeypatch.context() as m:
        m.setattr(speed, "Background", Recorded)
        m.setattr(readmod.Reading, "result", result)
        m.setattr("peer_library.speed.fork.may_fork", lambda: True)  # other tests may have left threads running
        m.setattr(readmod, "PARALLEL_FROM", 10)
        fast = built_files(config_file.parent, out / "fast", config_file)
    assert forked == [True] and collected and collected[0] > 0, "the fast paths did not run"
    with monkeypatch.context() as m:
        m.setenv(speed.SWITCH, "0")
        m.setattr(speed, "Background", lambda *a, **k: pytest.fail("a fast path ran with the switch off"))
        plain = built_files(config_file.parent, out / "plain", config_file)
    return fast, plain


def differing(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(set(a) ^ set(b)) + [name for name in a if name in b and a[name] != b[name]]


def test_the_starter_library_is_the_same_site_with_and_without_fast_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, plain = both_ways(ROOT / "mkdocs.yml", tmp_path, monkeypatch)
    assert differing(fast, plain) == []
    assert "entries/hope/index.html" in fast


def check_output(folder: Path, env: dict[str, str]) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "peer_library.cli", "check", "library", "--format", "json"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
    )
    return done.returncode, done.stdout


def test_a_2000_entry_library_is_the_same_site_and_check_with_and_without_fast_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(tmp_path / "library", 2000, seed=5)
    projects = write_projects(ROOT, tmp_path, tmp_path / "library")
    fast, plain = both_ways(projects.peer, tmp_path, monkeypatch)
    assert differing(fast, plain) == []
    assert len([name for name in fast if name.startswith("entries/")]) >= 2000
    cache = {"PEER_LIBRARY_CACHE_DIR": str(tmp_path / "cache")}
    (tmp_path / "library" / "values").mkdir(exist_ok=True)
    (tmp_path / "library" / "values" / "zz-broken.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    on = check_output(tmp_path, cache)
    assert on[0] == 1 and "zz-broken.md" in on[1]
    assert on == check_output(tmp_path, cache)  # a second check, from the kept cache
    assert on == check_output(tmp_path, {**cache, speed.SWITCH: "0"})
