"""MkDocs reads no metadata from an entry's body: a body that opens like front matter or like
MultiMarkdown metadata ("Note: ...") is shown as written, and the page keeps its own title."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.build.conftest import soup
from tests.conftest import FIXTURES, build_site
from tests.helpers import entry_text


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("Note: this entry opens like MultiMarkdown metadata.\n", "Note: this entry opens like"),
        ("---\ntitle: Not the title\n---\n\nText after a rule.\n", "title: Not the title"),
    ],
)
def test_a_body_that_looks_like_metadata_is_text(tmp_path: Path, body: str, shown: str) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    body += "\n## Where hope comes from\n\nA heading another entry links to.\n"
    (tmp_path / "library" / "values" / "hope.md").write_text(entry_text(body=body), encoding="utf-8")
    site = build_site(tmp_path, tmp_path / "site")
    page = soup(site / "entries" / "hope" / "index.html")
    assert shown in page.select_one(".pl-body").get_text()
    assert page.title.get_text().startswith("Hope")
    assert page.select_one("h1").get_text() == "Hope"
