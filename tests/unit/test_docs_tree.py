"""The site as a docs folder for an engine without the plugin (site/docs_tree.py), links made from a
page's source folder (model/urls.py), and what ``peer-library build`` reads from mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml

from peer_library.cli.build import (
    PLUGIN,
    Tagged,
    _Dumper,
    pages_missing,
    plugin_options,
    read_config,
    without_plugin,
    zensical_config,
)
from peer_library.cli.commands import main
from peer_library.load.library import load_library
from peer_library.model.urls import href
from peer_library.site.build import build_site
from peer_library.site.docs_tree import PLACEHOLDER_MARK, docs_tree, page_document, with_markdown_inside
from peer_library.site.page import Options, Page
from tests.conftest import FIXTURES, ROOT


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("<p>a</p>\n", "<p>a</p>\n"),
        ('<h1>T</h1>\n<div class="pl-body">\n', '<h1>T</h1>\n<div class="pl-body" markdown="1">\n'),
        ("<section><br><div>\n", '<section markdown="1"><br><div markdown="1">\n'),
        ("<div><p>x</p></div><div id='b'>", "<div><p>x</p></div><div id='b' markdown=\"1\">"),
    ],
)
def test_open_elements_get_markdown_inside(before: str, expected: str) -> None:
    assert with_markdown_inside(before) == expected


def test_a_page_document_converts_its_markdown_inside_the_generated_html() -> None:
    page = Page("Some *words*.", {"title": "T"}, "entry.html.j2")
    # A stand-in for render_html: the entry template's shape, one div left open around the body.
    page.__dict__["html"] = ('<h1 id="t">T</h1>\n<div class="pl-body">\n', "</div>\n")  # render_html's cache
    text = page_document(page)
    head, _, body = text.partition("---\n\n")
    assert yaml.safe_load(head.removeprefix("---\n")) == {"title": "T"}
    html = markdown.markdown(body, extensions=["md_in_html"])
    assert '<div class="pl-body">\n<p>Some <em>words</em>.</p>\n</div>' in html
    assert '<h1 id="t">T</h1>' in html


def test_a_page_without_a_template_is_its_markdown_with_front_matter() -> None:
    page = Page("# Hi", {"title": "Hi"})
    assert page_document(page) == page.document()


@pytest.mark.parametrize(
    ("source", "target", "from_page", "from_source"),
    [
        ("audiences/carer.md", "entries/hope.md", "../../entries/hope/", "../entries/hope/"),
        ("topics/index.md", "entries/hope.md", "../entries/hope/", "../entries/hope/"),
        ("index.md", "library.md", "library/", "library/"),
        ("shelf.md", "shelf.md", "./", "shelf/"),
        ("pathways/p/m.md", "pathways/p/index.md", "../", "./"),
    ],
)
def test_links_from_a_page_s_address_and_from_its_source_folder(
    source: str, target: str, from_page: str, from_source: str
) -> None:
    assert href(source, target) == from_page
    assert href(source, target, from_source=True) == from_source


def test_the_docs_tree_has_every_page_and_the_bundles_and_needs_source_links() -> None:
    library, _ = load_library(FIXTURES / "mini" / "library", root=FIXTURES / "mini")
    with pytest.raises(ValueError, match="links_from_source"):
        next(docs_tree(build_site(library, Options())))
    site = build_site(library, Options(links_from_source=True))
    tree = dict(docs_tree(site))
    assert set(site.pages) <= tree.keys()
    assert {"assets/peer-library.bundle.css", "assets/peer-library.bundle.js"} <= tree.keys()
    assert "library.md" in tree  # the catalogue, in place of the placeholder


def test_the_placeholder_is_in_docs_and_says_what_is_missing() -> None:
    text = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    assert PLACEHOLDER_MARK in text
    assert "The library's pages are missing" in text


def test_pages_missing_finds_the_placeholder_in_a_built_site(tmp_path: Path) -> None:
    (tmp_path / "library").mkdir()
    (tmp_path / "library" / "index.html").write_text("<h1>Library catalogue</h1>", encoding="utf-8")
    assert not pages_missing(tmp_path)
    (tmp_path / "library.html").write_text(f"<div {PLACEHOLDER_MARK}>", encoding="utf-8")
    assert pages_missing(tmp_path)


def test_the_config_keeps_tags_and_loses_only_the_plugin(tmp_path: Path) -> None:
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(
        "site_name: X\nsite_url: !ENV [SITE_URL, '']\nplugins:\n  - search\n  - peer-library:\n      library: lib\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    config = read_config(config_file)
    assert config["site_url"] == ""  # !ENV read now, as MkDocs reads it: no SITE_URL set, the default
    assert isinstance(config["markdown_extensions"][0]["pymdownx.emoji"]["emoji_index"], Tagged)
    assert plugin_options(config) == {"library": "lib"}
    assert plugin_options({"plugins": ["search"]}) is None
    assert plugin_options({"plugins": {PLUGIN: None}}) == {}
    assert without_plugin(config["plugins"]) == ["search"]
    out = zensical_config(config, "overrides")
    assert out["plugins"] == ["search"]
    assert out["theme"] == {"custom_dir": "overrides", "variant": "classic"}
    assert out["extra_css"] == ["assets/peer-library.bundle.css"]
    assert out["extra_javascript"] == ["assets/peer-library.bundle.js"]
    assert "md_in_html" in out["markdown_extensions"]
    assert "peer_library.site.sanitize:SafeMarkdown" in out["markdown_extensions"]
    assert out["extra"]["generator"] is False
    written = yaml.dump(out, Dumper=_Dumper, sort_keys=False)
    assert "!!python/name:material.extensions.emoji.twemoji" in written


def test_build_without_a_config_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "-f", str(tmp_path / "nope.yml")]) == 2
    assert "no config file" in capsys.readouterr().err
    assert main(["build", "--engine", "hugo"]) == 2
