"""`peer-library check` imports neither MkDocs nor Markdown (nor Jinja: it renders nothing); heading ids made without Markdown are the
ones Markdown's toc extension makes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from markdown.extensions import toc

from peer_library.model import links
from tests.helpers import entry_text, make_library

HEADINGS = [
    "Why it matters",
    "  Spaces   around  ",
    "Žlutý kůň: accents",
    "Ünïcödé — dashes – and “quotes”",
    "under_score and hy-phen",
    "",
    "!!!",
    "日本語 only",
    "a_1",
    "Tabs\tand\nnewlines",
]


@pytest.mark.parametrize("text", HEADINGS)
def test_slugify_is_markdowns(text: str) -> None:
    assert links.slugify(text, "-") == toc.slugify(text, "-")


def test_unique_is_markdowns() -> None:
    ours: set[str] = set()
    theirs: set[str] = set()
    for text in ["a", "a", "a_1", "", "", "a_5", "a", "b_2", "b_2", "b"]:
        mine = links.unique(text, ours)
        ours.add(mine)
        assert mine == toc.unique(text, theirs)


def test_check_imports_no_mkdocs_no_markdown_and_no_jinja(tmp_path: Path) -> None:
    body = "## Why it matters\n\nSee [[hope#why-it-matters]].\n"
    make_library(tmp_path, {"hope.md": entry_text(body=body)})
    code = (
        "import sys; from peer_library.cli import main; code = main(['check', 'library']); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'markdown', 'material', 'jinja2')); "
        "print(bad); sys.exit(code)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
