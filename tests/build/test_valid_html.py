"""The W3C Nu HTML Checker (vnu, installed from npm by scripts/bootstrap test, run with Java) finds no
error on one built page of every kind: hand-written, generated index, entry, withdrawn entry, redirect,
pathway, catalogue, data, search, shelf and 404."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

VNU = ROOT / "tests" / "build" / ".node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

STARTER_PAGES = (
    "index.html",  # a hand-written page in the navigation, with a table of contents
    "about/index.html",
    "404.html",
    "library/index.html",  # the catalogue
    "search/index.html",
    "shelf/index.html",
    "data/index.html",
    "entries/wellness-recovery-action-plan/index.html",
    "entries/recovery-library-growing-consumer-leadership/index.html",
    "topics/index.html",
    "topics/recovery/index.html",
    "a-z/index.html",
    "types/index.html",
    "types/practices/index.html",
    "audiences/index.html",
    "audiences/staff/index.html",
    "authors/index.html",
    "pathways/index.html",
    "pathways/working-alongside-peer-colleagues/index.html",
    "pathways/working-alongside-peer-colleagues/values/index.html",
    "pathways/working-alongside-peer-colleagues/print/index.html",
)
MINI_PAGES = (
    "entries/gone/index.html",  # withdrawn
    "entries/mutual-support/index.html",  # a redirect from an old id
)


def check(files: list[Path]) -> list[dict[str, object]]:
    """The Nu checker's errors on ``files``."""
    java = shutil.which("java")
    assert java and VNU.is_file(), "run scripts/bootstrap test: it installs Java and vnu-jar"
    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages: list[dict[str, object]] = json.loads(run.stderr or run.stdout)["messages"]
    return messages


def test_nu_checker_finds_no_error_on_any_kind_of_page(starter_site: Path, mini_site: Path) -> None:
    files = [starter_site / p for p in STARTER_PAGES] + [mini_site / p for p in MINI_PAGES]
    missing = [str(f) for f in files if not f.is_file()]
    assert not missing
    errors = check(files)
    assert errors == [], "\n".join(f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in errors)


@pytest.mark.parametrize(
    "html",
    [
        '<input type="checkbox" id="x" autocomplete="off">',
        '<label for="nothing">x</label>',
        '<label tabindex="">x</label>',
    ],
)
def test_nu_checker_reports_what_the_theme_used_to_write(tmp_path: Path, html: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(f'<!doctype html><html lang="en"><title>t</title><p>{html}</p></html>', encoding="utf-8")
    assert check([page])
