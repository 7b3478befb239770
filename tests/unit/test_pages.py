"""Generated entry pages, pinned by golden files (UPDATE_GOLDEN=1 rewrites them)."""

from __future__ import annotations

import os
import shutil

import pytest

from peer_library.load.library import load_library
from peer_library.site.build import render_pages
from peer_library.site.page import generated_html
from tests.conftest import FIXTURES
from tests.helpers import entry_text, make_library, page_text

GOLDEN = FIXTURES / "golden"


@pytest.fixture(scope="module")
def pages():
    library, problems = load_library(FIXTURES / "mini" / "library", root=FIXTURES / "mini")
    assert problems == []
    return render_pages(library)


@pytest.mark.parametrize("uri", ["entries/mutuality.md", "entries/wellness-recovery-action-plan.md", "entries/gone.md"])
def test_generated_markdown_matches_golden(pages, uri: str) -> None:
    golden = GOLDEN / uri.replace("/", "__")
    got = page_text(pages[uri])
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_page_titles_are_escaped_for_the_theme(pages) -> None:
    meta = pages["entries/script-title.md"].meta
    assert meta["title"].startswith("&lt;script&gt;")
    assert '"' not in meta["description"] and "<" not in meta["description"]


def test_pages_are_deterministic(pages) -> None:
    library, _ = load_library(FIXTURES / "mini" / "library", root=FIXTURES / "mini")
    again = render_pages(library)
    assert list(again) == list(pages)
    assert all(again[k].document() == pages[k].document() for k in pages)


def test_links_that_do_not_resolve_never_become_broken_links(tmp_path) -> None:
    body = "See [[other#no-such-heading]], [gone](missing.md) and [[nobody]].\n"
    lib = make_library(tmp_path, {"a.md": entry_text(body=body), "b.md": entry_text(id="other", body="## Real\n")})
    library, problems = load_library(lib, root=tmp_path)
    assert len([p for p in problems if p.field == "body"]) == 3  # each one reported, with its line
    page = render_pages(library)["entries/hope.md"].markdown
    assert "[Hope](other.md)" in page  # the unknown heading falls back to the top of the entry
    assert " gone and " in page and "missing.md" not in page  # an unknown file link is plain text
    assert "[[nobody]]" in page  # an unknown id stays as the writer typed it


def test_site_context_is_derived_once_per_build(tmp_path, monkeypatch) -> None:
    from peer_library.site import build, features

    calls: list[int] = []

    def derive(library, options):  # type: ignore[no-untyped-def]
        calls.append(1)
        return {}

    library, _ = load_library(make_library(tmp_path, {"a.md": entry_text()}), root=tmp_path)
    monkeypatch.setattr(build, "FEATURES", (*features.FEATURES, features.Feature("counted", context=derive)))
    pages = render_pages(library)
    assert calls == []  # derived where the HTML is made (in the background during a build)
    list(generated_html(pages))  # entry pages and the catalogue both use it
    assert calls == [1]


def test_a_missing_template_partial_is_an_error_not_a_silent_gap(tmp_path, monkeypatch) -> None:
    import jinja2

    from peer_library.site import render

    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, templates)
    (templates / "_entry_cite.html.j2").unlink()  # as a rename would leave it
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), undefined=jinja2.StrictUndefined)
    env.filters |= render.environment().filters
    env.globals |= render.environment().globals
    monkeypatch.setattr(render, "environment", lambda: env)
    library, _ = load_library(make_library(tmp_path, {"a.md": entry_text()}), root=tmp_path)
    with pytest.raises(jinja2.TemplateNotFound, match="_entry_cite"):
        list(generated_html(render_pages(library)))
