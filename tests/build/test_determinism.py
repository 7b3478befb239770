"""Two clean builds of the same content give byte-identical site/ trees.

Each build runs in its own process with a different PYTHONHASHSEED (so set and dict iteration that
leaks into output shows up) from a copy of the project at a different path (so absolute paths that
leak show up).

The one documented exception is the build date: MkDocs writes it as the mtime inside sitemap.xml.gz
and, as ``site_url`` is set (the shipped mkdocs.yml sets an example address), as every page's
``<lastmod>`` in sitemap.xml. Builds on different days differ there unless
SOURCE_DATE_EPOCH is set (MkDocs honours it; set it to the commit time for reproducible releases:
``SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) mkdocs build``). Material's footer prints no date.

The second exception is Pagefind's filter data: Pagefind 1.5 writes each filter's values in hash-map
order, which changes from run to run, and names the filter files (and the metadata file and entry
JSON that list them) by a hash of that content. The search index, the fragments and every other file
are byte-identical; for the filter files the test checks the same values are there in another order
(the same bytes, counted as a multiset, file by file).
"""

from __future__ import annotations

import filecmp
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

DAY = 86_400
EPOCH = 1_795_000_000  # a fixed moment in November 2026
BUILD_DATE_FILES = {"sitemap.xml", "sitemap.xml.gz"}  # sitemap.xml lists pages because site_url is set


def build(tmp_path: Path, name: str, seed: str, epoch: int | None) -> Path:
    """Copy the project to its own folder and build it in a child process."""
    project = tmp_path / name
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    for part in ("docs", "library"):
        shutil.copytree(ROOT / part, project / part)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": seed}
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=project,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return project / "site"


# Pagefind output whose bytes follow a hash map's iteration order (see the module docstring).
UNORDERED = re.compile(r"^pagefind/(filter/.*|pagefind-entry\.json|pagefind\.[^/]*\.pf_meta)$")


def unordered_fingerprint(site: Path) -> list[list[int]]:
    """Each order-dependent Pagefind file as its sorted bytes, so a reordering compares equal."""
    prints = []
    for path in sorted(site.glob("pagefind/**/*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or not UNORDERED.match(rel) or rel.endswith(".pf_meta"):
            continue
        data = path.read_bytes()
        if rel.endswith(".json"):
            entry = json.loads(data)
            for lang in entry["languages"].values():
                lang.pop("hash")
            data = json.dumps(entry, sort_keys=True).encode()
        elif data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        prints.append(sorted(data))
    return sorted(prints)


def differences(a: Path, b: Path) -> list[str]:
    """Relative paths of files that differ, or exist in one tree only."""
    out: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        out.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(prefix + n for n in mismatch + errors)
        for name, sub in sorted(cmp.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return sorted(out)


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("first"), "one", "1", EPOCH)


def test_two_clean_builds_are_byte_identical(first: Path, tmp_path: Path) -> None:
    second = build(tmp_path, "a-different-path", "2", EPOCH)
    files = [p for p in first.rglob("*") if p.is_file()]
    assert len(files) > 100
    assert [d for d in differences(first, second) if not UNORDERED.match(d)] == []
    assert unordered_fingerprint(first) == unordered_fingerprint(second)


def test_only_the_sitemap_carries_the_build_date(first: Path, tmp_path: Path) -> None:
    next_day = build(tmp_path, "next-day", "3", EPOCH + DAY)
    changed = {d for d in differences(first, next_day) if not UNORDERED.match(d)}
    assert changed == BUILD_DATE_FILES  # if this shrinks, update the docstring
