"""Front matter reads the same whether PyYAML has libyaml or not; escaping and links in one pass match
the obvious versions."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from peer_library.load import frontmatter as fm
from peer_library.model.links import heading_ids, md_escape
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


class PurePython(yaml.SafeLoader):
    """The loader front matter would use on a PyYAML built without libyaml."""


PurePython.add_constructor("tag:yaml.org,2002:timestamp", fm._timestamp)
fm._yaml12_booleans(PurePython)


def outcome(text: str, loader: Any) -> Any:
    try:
        return fm.load_yaml(text, first_line=2, loader=loader)
    except fm.FrontMatterError as exc:
        return exc.line, exc.message.split(":")[0]


@pytest.mark.parametrize("text", YAML_CASES)
def test_libyaml_and_pure_python_read_front_matter_alike(text: str) -> None:
    assert outcome(text, fm._Loader) == outcome(text, PurePython)


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


def test_heading_ids_skip_code() -> None:
    body = "~~~\n[[fenced]]\n~~~\n## Heading x\n# Other {#custom}\n## Heading x\n```\n# not a heading\n```\n"
    assert heading_ids(body) == {"heading-x", "custom", "heading-x_1"}


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
