"""The same plugin builds the starter library under ProperDocs (MkDocs' maintained fork), loaded
through its ``properdocs.plugins`` entry point, and every page matches the MkDocs build.

The pages differ only in the ``<meta name="generator">`` tag, which names the tool that built them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

GENERATOR = re.compile(r'\s*<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def properdocs_site(starter_site_properdocs: Path) -> Path:
    return starter_site_properdocs  # built once per session by peer-library build --engine properdocs


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_properdocs_loads_the_plugin_from_its_own_entry_point() -> None:
    from properdocs.plugins import get_plugins

    from peer_library.mkdocs_plugin import PeerLibraryPlugin

    point = get_plugins()["peer-library"]
    assert point.group == "properdocs.plugins"
    assert point.load() is PeerLibraryPlugin


def test_properdocs_builds_the_same_pages(properdocs_site: Path, starter_site: Path) -> None:
    names = pages(starter_site)
    assert len([n for n in names if n.startswith("entries/")]) > 100
    assert pages(properdocs_site) == names
    for name in names:
        ours = (starter_site / name).read_text(encoding="utf-8")
        theirs = (properdocs_site / name).read_text(encoding="utf-8")
        article = BeautifulSoup(ours, "html.parser").find("article")
        assert str(article) == str(BeautifulSoup(theirs, "html.parser").find("article")), name
        assert GENERATOR.sub("", ours) == GENERATOR.sub("", theirs), name
