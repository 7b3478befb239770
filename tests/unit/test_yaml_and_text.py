"""Fast paths give exactly what the plain paths give: libyaml front matter, link scanning, escaping."""

from __future__ import annotations

import re
from typing import Any

import pytest

from peer_library.load import frontmatter as fm
from peer_library.model.links import find_links, heading_ids, md_escape
from peer_library.model.urls import rel

YAML_CASES = [
    "id: hope\ntitle: Hope\ntopics: [a, b]\n",
    "added: 2026-01-02\nbad: 2026-02-30\nwhen: 2026-01-02 10:00:00\n",
    "year: 2021\nratio: 1.5\nyes: true\non: off\nnothing: null\nempty:\n",
    "title: 'quoted: colon'\nsummary: >\n  folded\n  text\nbody: |\n  kept\n  lines\n",
    "authors:\n  - name: A\n    attribution: named\n  - {name: B, attribution: anonymous}\n",
    "1: one\ntrue: yes\n",
    "title: Māori and Pasifika perspectives — “quoted”\n",
    "n: !!str 123\ndata: !!binary aGVsbG8=\n",
    "base: {a: 1}\nmerged:\n  <<: {a: 1}\n  b: 2\n",
    "? [complex, key]\n: value\n",
    "deep: " + "[" * 300 + "]" * 300 + "\n",
    "- a list\n- not a mapping\n",
    "",
]


def outcome(text: str) -> Any:
    try:
        return fm.load_yaml(text, first_line=2)
    except fm.FrontMatterError as exc:
        return exc.line, exc.message


@pytest.mark.parametrize("text", YAML_CASES)
def test_libyaml_fast_path_matches_the_safe_loader(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = outcome(text)
    monkeypatch.setattr(fm, "_fast", lambda text: False)
    assert fast == outcome(text)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: &x [1]\nb: [*x, *x]\n", 2, "YAML anchors and aliases"),
        ("title: [unclosed\n", 3, "YAML syntax error"),
        ("title: a: b\n", 2, "YAML syntax error"),
    ],
)
def test_errors_come_from_the_full_loader(text: str, line: int, message: str) -> None:
    with pytest.raises(fm.FrontMatterError) as err:
        fm.load_yaml(text, first_line=2)
    assert err.value.line == line and err.value.message.startswith(message)


BODIES = [
    "No links here.\n",
    "See [[hope]] and [[wrap|the plan]].\n\n```\n[[not-a-link]]\n```\n",
    "Inline `[[code]]` and [[real#a-heading]].\n    [[indented-code]]\n- [[in-a-list]]\n",
    "A [file link](../values/hope.md#top) and [web](https://x.org/a.md).\n",
    "~~~\n[[fenced]]\n~~~\n## Heading x\n# Other {#custom}\n## Heading x\n```\n# not a heading\n```\n",
]


@pytest.mark.parametrize("body", BODIES)
def test_link_scan_is_stable_and_returns_fresh_lists(body: str) -> None:
    first = find_links(body)
    first.clear()  # callers may change what they get
    assert find_links(body) == find_links(body)
    assert heading_ids(body) == heading_ids(body)


def test_heading_ids_skip_code() -> None:
    assert heading_ids(BODIES[4]) == {"heading-x", "custom", "heading-x_1"}


def _old_md_escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]()#+!|])", r"\\\1", text)


@pytest.mark.parametrize("text", ["plain", "a & b <c> [d](e) *f* _g_ #h +i !j |k| {l} `m` \\n", "&amp; é ;"])
def test_md_escape_in_one_pass_matches_the_two_pass_version(text: str) -> None:
    assert md_escape(text) == _old_md_escape(text)


@pytest.mark.parametrize(
    ("a", "b", "want"),
    [
        ("entries/a.md", "entries/b.md", "b.md"),
        ("index.md", "entries/b.md", "entries/b.md"),
        ("entries/a.md", "topics/x.md", "../topics/x.md"),
        ("topics/x/y.md", "index.md", "../../index.md"),
        ("a.md", "b.md", "b.md"),
    ],
)
def test_rel(a: str, b: str, want: str) -> None:
    assert rel(a, b) == want
