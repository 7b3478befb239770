"""``scripts/bench --smoke`` (N=200, one run) measures every step and writes its table. No timing asserts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.build


def test_smoke_bench_writes_the_table_into_the_docs_section(tmp_path: Path) -> None:
    doc = tmp_path / "performance.md"
    doc.write_text("# Performance\n\n<!-- bench:start -->\nold figures\n<!-- bench:end -->\n\nHow to rerun.\n")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}
    cmd = [sys.executable, "-m", "benchlib", "--smoke", "--work", str(tmp_path / "work"), "--docs", str(doc)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]

    table = (tmp_path / "work" / "table.md").read_text(encoding="utf-8")
    assert "| (a) plain MkDocs | (b) Peer Library | b/a |" in table
    assert "| 200 |" in table and "| Target | Measured | Met |" in table
    text = doc.read_text(encoding="utf-8")
    assert table.strip() in text and "old figures" not in text and text.endswith("How to rerun.\n")

    [size] = json.loads((tmp_path / "work" / "results.json").read_text(encoding="utf-8"))
    assert size["n"] == 200 and size["warnings"] == 0
    assert size["peer_tree"]["files"] > 200 and size["plain_tree"]["files"] > 200
    assert size["index_tree"]["files"] > 0, "Pagefind wrote no index"
    path, page_bytes = size["largest_page"]
    assert path.endswith(".html") and 10_000 < page_bytes
    assert "| largest page (b) |" in table and "largest page ≤ 150 KB at 200" in table
    assert all(len(size[k]["runs"]) == 1 for k in ("plain", "peer", "pagefind", "check", "check_again"))
    assert 0 < size["rebuild"]["share"] < 1 and "on_files" in size["rebuild"]["events"]
    assert list((tmp_path / "work" / "check-cache" / "n200").glob("*.pickle")), "the first check kept nothing"
