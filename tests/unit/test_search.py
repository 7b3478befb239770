"""The search core: facet values staff filter by, sort keys, catalogue grouping, and the Pagefind run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peer_library.load.library import load_library
from peer_library.site import search
from peer_library.site.catalogue import by_type
from tests.conftest import FIXTURES
from tests.helpers import entry_text, make_library


@pytest.fixture(scope="module")
def mini():
    library, problems = load_library(FIXTURES / "mini" / "library", root=FIXTURES / "mini")
    assert problems == []
    return library


@pytest.mark.parametrize(
    ("entry_id", "expected"),
    [
        (
            "mutuality",
            {
                "type": ["Value"],
                "topic": ["Peer values"],
                "audience": ["All staff", "Peer workers"],
                "access": ["Reference only"],
            },
        ),
        (
            "wellness-recovery-action-plan",
            {"type": ["Practice"], "topic": ["Peer practice", "Recovery"], "access": ["Reference only"]},
        ),
    ],
)
def test_facets_are_labels_and_omit_empty_fields(mini, entry_id: str, expected: dict[str, list[str]]) -> None:
    assert search.facets(mini.by_id[entry_id], mini) == expected


def test_every_facet_field_is_filled_from_the_entry(tmp_path: Path) -> None:
    fields = """\
    audience: [carer, manager]
    format: book
    jurisdiction: New Zealand
    criteria: [self-determination]
    year: 2013
    """
    lib = make_library(tmp_path, {"values/hope.md": entry_text(fields)})
    library, problems = load_library(lib, root=tmp_path)
    assert problems == []
    assert search.facets(library.by_id["hope"], library) == {
        "type": ["Value"],
        "topic": ["Recovery"],
        "audience": ["Carers and families", "Managers"],
        "access": ["Reference only"],
        "format": ["Book"],
        "jurisdiction": ["New Zealand"],
        "criteria": ["Self-determination"],
        "year": ["2013"],
    }
    # page order; availability comes from the borrowing partial, not from front matter
    assert list(search.facets(library.by_id["hope"], library)) == [k for k in search.FACETS if k != "availability"]


def test_every_entry_has_both_sort_keys_because_pagefind_drops_pages_without_one(mini) -> None:
    for entry in mini.public:
        keys = search.sort_keys(entry)
        assert set(keys) == {"title", "year"}
        assert keys["year"].isdigit()
    assert search.sort_keys(mini.by_id["hope"])["title"] == "hope"


def test_catalogue_groups_public_entries_by_type_in_vocabulary_order(mini) -> None:
    groups = by_type(mini)
    assert [(folder, [e.id for e in entries]) for folder, _, entries in groups] == [
        ("practices", ["wellness-recovery-action-plan"]),
        ("values", ["hope", "mutuality"]),
        ("writings", ["script-title"]),  # the withdrawn piece is not listed
    ]


def test_build_index_writes_a_bundle_of_the_marked_pages_only(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(
        '<html lang="en"><body><nav>menu</nav><main data-pagefind-body><h1>Hope</h1><p>Body.</p></main></body></html>'
    )
    (site / "index.html").write_text('<html lang="en"><body><h1>Home</h1></body></html>')
    (site / "pagefind").mkdir()
    (site / "pagefind" / "stale.pf_index").write_text("old")

    report = search.build_index(site)

    bundle = site / "pagefind"
    assert report.pages == 1
    assert (bundle / "pagefind.js").is_file()
    assert not (bundle / "stale.pf_index").exists()  # a rebuild replaces the whole bundle
    assert not (bundle / "pagefind-ui.js").exists()  # the site uses the JS API, not Pagefind's UI
    assert sorted(p.name for p in site.iterdir()) == ["a", "index.html", "pagefind"]  # no staging left
    assert (report.files, report.bytes) == search.bundle_size(bundle)
    assert json.loads((bundle / "pagefind-entry.json").read_text())["languages"]["en"]["page_count"] == 1
    assert "1 pages indexed" in str(report)
