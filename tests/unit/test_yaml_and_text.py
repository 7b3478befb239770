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
    "topics: [a]\ntitle: x\ntopics: [b]\n",
    "title: Hope: a story\n",
    "title: Hope #1 of 3\nnote: kept     # a comment\n",
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


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("id: a\ntopics: [a]\ntopics: [b]\n", 4, "'topics' is written twice (first on line 3); keep one"),
        ("authors:\n  - name: A\n    name: B\n", 4, "'authors.0.name' is written twice (first on line 3)"),
    ],
)
def test_a_key_written_twice_is_an_error_not_the_last_one_silently(text: str, line: int, message: str) -> None:
    with pytest.raises(fm.FrontMatterError) as err:
        fm.load_yaml(text, first_line=2)
    assert (err.value.line, err.value.message[: len(message)]) == (line, message)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("id: a\ntitle: Compassion #1 value\n", (3, "'#1 value' is read as a comment and left out of title")),
        ("aliases:\n  - WRAP #1\n", (3, "'#1' is read as a comment and left out of aliases")),
        # quoted, a year would be text and fail as one: say to delete the words instead
        ("year: 2020 #approx\n", (2, "'#approx' is read as a comment and left out of year: delete it, or put a space")),
        ("title: Courage     # Title as readers see it\nurl: https://example.org/a#b\n", None),
        ("summary: >-\n  a #hashtag in a folded block\ntitle: 'Hope' #quoted\n", None),
    ],
)
def test_a_value_cut_short_by_a_hash_is_an_error_and_a_comment_is_not(text: str, error: tuple[int, str] | None) -> None:
    if error is None:
        fm.load_yaml(text, first_line=2)
        return
    with pytest.raises(fm.FrontMatterError) as err:
        fm.load_yaml(text, first_line=2)
    assert (err.value.line, err.value.message[: len(error[1])]) == error


@pytest.mark.parametrize(
    ("value", "example"),
    [
        ("Compassion: a peer view", 'title: "Hope: a story"'),
        ("[Draft] Compassion", 'title: "[Draft] Hope"'),
        ("'Compassion' is what we do", 'title: "[Draft] Hope"'),
        ("*Compassion* in practice", 'title: "*Hope* in practice"'),
        ("@Compassion", 'title: "@Hope"'),
    ],
)
def test_a_yaml_syntax_error_says_to_put_the_value_in_quotes(value: str, example: str) -> None:
    with pytest.raises(fm.FrontMatterError) as err:
        fm.load_yaml(f"id: a\ntitle: {value}\n", first_line=2)
    assert err.value.line == 3
    assert err.value.message.startswith("YAML syntax error: ")
    assert err.value.message.endswith(f"put the whole value in quotes, as in {example}")


def test_a_field_out_of_line_with_the_ones_above_is_told_to_line_up_not_to_quote() -> None:
    with pytest.raises(fm.FrontMatterError) as err:
        fm.load_yaml("id: a\nsource:\n  title: Hope\n year: 2020\n", first_line=2)
    assert err.value.line == 5
    assert err.value.message.endswith("; if this field belongs with the ones above it, indent it as they are")


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
