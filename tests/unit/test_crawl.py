"""The site crawler finds broken links and anchors, and follows links the way a reader would."""

from __future__ import annotations

from pathlib import Path

from tests.crawl import Broken, broken_links, reachable


def write(site: Path, files: dict[str, str]) -> Path:
    for rel, body in files.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!doctype html><html><head></head><body>{body}</body></html>", encoding="utf-8")
    return site


def test_broken_links_and_anchors_are_found(tmp_path: Path) -> None:
    site = write(
        tmp_path,
        {
            "index.html": '<a href="a/">a</a> <a href="a/#here">ok</a> <a href="a/#nowhere">bad anchor</a>'
            '<a href="missing/">gone</a> <a href="#top">self</a> <a href="https://example.org/">out</a>'
            '<a href="mailto:x@example.org">mail</a> <img src="img.png"> <a href="../outside/">up</a>',
            "a/index.html": '<h2 id="here">Here</h2> <a name="old">old</a> <a href="../#top">back</a>'
            '<a href="../index.html#old">no</a> <a href="./#old">named anchor</a>',
            "old/index.html": '<meta http-equiv="refresh" content="0; url=../nowhere/">',
            "404.html": '<a href="/anything/">root-relative by design</a>',
        },
    )
    assert broken_links(site) == [
        Broken("a/index.html", "../#top", "no element with id 'top'"),
        Broken("a/index.html", "../index.html#old", "no element with id 'old'"),
        Broken("index.html", "#top", "no element with id 'top'"),
        Broken("index.html", "../outside/", "no such file"),
        Broken("index.html", "a/#nowhere", "no element with id 'nowhere'"),
        Broken("index.html", "img.png", "no such file"),
        Broken("index.html", "missing/", "no such file"),
        Broken("old/index.html", "../nowhere/", "no such file"),
    ]


def test_reachable_follows_links_and_can_stay_within_a_section(tmp_path: Path) -> None:
    site = write(
        tmp_path,
        {
            "index.html": '<a href="topics/">topics</a> <a href="about/">about</a>',
            "topics/index.html": '<a href="x/">x</a> <a href="../about/">about</a>',
            "topics/x/index.html": '<a href="../../entries/e/">e</a>',
            "about/index.html": '<a href="../entries/f/">f</a>',
            "entries/e/index.html": "",
            "entries/f/index.html": "",
        },
    )
    assert "entries/f/index.html" in reachable(site)
    within = reachable(site, "topics/index.html", within=("topics/",))
    assert "entries/e/index.html" in within and "entries/f/index.html" not in within
