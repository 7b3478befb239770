"""Pathway files: one test per validation rule (message and location), and the time computation."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from peer_library.cli import main
from peer_library.derive.pathways import (
    format_minutes,
    module_minutes,
    pathway_minutes,
    reading_minutes,
    step_key,
    uses,
    word_count,
)
from peer_library.load.library import load_library
from peer_library.model import Entry
from peer_library.model.pathways import Module, Step
from tests.helpers import entry_text, make_library

ENTRIES = {
    "values/hope.md": entry_text(body="## Where hope comes from\n\nSeeing others recover.\n"),
    "values/mutuality.md": entry_text(id="mutuality", fields="aliases: [mutual-support]\n"),
    "writings/gone.md": entry_text(id="gone", type="writing", fields="withdrawn: 2026-11-01\n"),
}

GOOD = """\
id: orientation
title: Orientation
audience: [peer-worker]
summary: A short orientation.
modules:
  - id: values
    title: Values
    minutes: 30
    outcomes:
      - Describe hope.
    steps:
      - entry: hope
        note: A trainer's note.
      - entry: hope#where-hope-comes-from
      - activity: reflection
        prompt: What gives you hope?
"""


def load(tmp_path: Path, pathway: str, name: str = "orientation.yml"):
    lib = make_library(tmp_path, {**ENTRIES, f"pathways/{name}": textwrap.dedent(pathway)})
    return load_library(lib, root=tmp_path)


def test_a_good_pathway_loads_with_its_modules_and_steps(tmp_path: Path) -> None:
    library, problems = load(tmp_path, GOOD)
    assert problems == []
    (p,) = library.pathways
    assert (p.id, p.title, p.audience, p.path) == (
        "orientation",
        "Orientation",
        ("peer-worker",),
        "library/pathways/orientation.yml",
    )
    (m,) = p.modules
    assert [(s.kind, s.entry, s.anchor, s.line) for s in m.steps] == [
        ("entry", "hope", None, 12),
        ("entry", "hope", "where-hope-comes-from", 14),
        ("reflection", None, None, 15),
    ]
    assert m.steps[0].note == "A trainer's note."
    assert m.steps[2].prompt == "What gives you hope?"


def swap(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


# (pathway text, expected "line: field: message" of the one error)
CASES = [
    (swap("      - entry: hope\n", "      - entry: hpoe\n"), "12: steps: unknown entry 'hpoe'; did you mean 'hope'?"),
    (
        swap("      - entry: hope\n", "      - entry: mutual-support\n"),
        "12: steps: unknown entry 'mutual-support'; it is an alias, use the id 'mutuality'",
    ),
    (
        swap("#where-hope-comes-from", "#where-hope-come-from"),
        "14: steps: 'hope' has no heading '#where-hope-come-from'; did you mean 'where-hope-comes-from'?",
    ),
    (
        swap("      - entry: hope\n", "      - entry: gone\n"),
        "12: steps: entry 'gone' was withdrawn by its author; remove this step",
    ),
    (swap("    minutes: 30\n", "    minutes: half an hour\n"), "8: modules: must be a whole number, not text"),
    (swap("    minutes: 30\n", ""), "6: modules: required field 'minutes' is missing"),
    (
        swap("audience: [peer-worker]", "audience: [peer-workers]"),
        "3: audience: unknown audience 'peer-workers'; did you mean 'peer-worker'? (one of: staff, peer-worker, manager, trainer, consumer, carer)",
    ),
    (swap("title: Orientation\n", ""), "1: title: required field is missing"),
    (
        swap("      - activity: reflection\n", "      - activity: roleplay\n"),
        "15: modules: unknown activity 'roleplay'; did you mean 'role-play'? (one of: reflection, discussion, role-play)",
    ),
    (
        swap("        prompt: What gives you hope?\n", ""),
        "15: steps: an activity needs a 'prompt': the question or instructions",
    ),
    (
        swap("      - activity: reflection\n", "      - entry: hope\n        activity: reflection\n"),
        "15: steps: a step needs exactly one of 'entry' or 'activity'; it has both 'entry' and 'activity'",
    ),
    (swap("  - id: values\n", "  - id: print\n"), "6: modules: module id 'print' is reserved; choose another"),
    (
        swap("      - entry: hope#where-hope-comes-from\n", "      - entry: hope\n"),
        "14: steps: 'hope' is already a step of this module (line 12)",
    ),
    (GOOD + "sources: [nowhere]\n", "17: sources: unknown entry 'nowhere'"),
    (swap("    steps:\n", "    steps: []\n").split("      - entry: hope\n")[0], "11: modules: needs at least 1 item"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_each_mistake_is_one_located_error(tmp_path: Path, text: str, expected: str) -> None:
    _, problems = load(tmp_path, text)
    errors = [p for p in problems if p.is_error]
    assert [str(p) for p in errors] == [f"library/pathways/orientation.yml:{expected}"]


def test_an_unknown_field_is_a_warning_with_a_suggestion(tmp_path: Path) -> None:
    _, problems = load(tmp_path, swap("    outcomes:\n", "    outcome:\n      - x\n    outcomes:\n"))
    assert [(str(p), p.severity) for p in problems] == [
        (
            "library/pathways/orientation.yml:9: modules: unknown field 'modules.0.outcome'; did you mean 'outcomes'?; it is ignored",
            "warning",
        )
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "1: a pathway file must be a mapping (id:, title:, modules: ...), not empty"),
        ("- a\n- b\n", "1: a pathway file must be a mapping (id:, title:, modules: ...), not a list"),
        ("id: x\ntitle: [unclosed\n", "3: YAML syntax error"),
        ("a: &x 1\nb: *x\n", "1: YAML anchors and aliases (& and *) are not allowed here"),
    ],
)
def test_unreadable_files_are_located_problems(tmp_path: Path, text: str, expected: str) -> None:
    library, problems = load(tmp_path, text)
    assert library.pathways == ()
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"library/pathways/orientation.yml:{expected}")


def test_a_symlink_out_of_the_library_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yml"
    outside.write_text(GOOD, encoding="utf-8")
    lib = make_library(tmp_path, ENTRIES)
    (lib / "pathways").mkdir()
    (lib / "pathways" / "linked.yml").symlink_to(outside)
    library, problems = load_library(lib, root=tmp_path)
    assert library.pathways == ()
    assert [str(p) for p in problems] == [
        "library/pathways/linked.yml:1: is a symbolic link to a file outside library/; copy the file in instead"
    ]


def test_duplicate_pathway_ids_keep_the_first(tmp_path: Path) -> None:
    lib = make_library(tmp_path, {**ENTRIES, "pathways/a.yml": GOOD, "pathways/b.yml": GOOD})
    library, problems = load_library(lib, root=tmp_path)
    assert [p.path for p in library.pathways] == ["library/pathways/a.yml"]
    assert [str(p) for p in problems] == [
        "library/pathways/b.yml:1: id: duplicate pathway id 'orientation': library/pathways/a.yml"
    ]


def test_bad_steps_are_dropped_and_the_rest_kept(tmp_path: Path) -> None:
    library, problems = load(tmp_path, swap("      - entry: hope\n", "      - entry: nope\n"))
    assert len(problems) == 1
    assert [s.entry for s in library.pathways[0].modules[0].steps] == ["hope", None]


def test_check_command_reports_pathway_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    load(tmp_path, swap("      - entry: hope\n", "      - entry: hpoe\n"))
    monkeypatch.chdir(tmp_path)
    assert main(["check", "library"]) == 1
    assert "library/pathways/orientation.yml:12: steps: unknown entry 'hpoe'" in capsys.readouterr().out


# Time


def words(n: int, id: str = "e") -> Entry:
    """An entry whose summary and body hold n words in all."""
    return Entry(id=id, title="T", type="term", summary="one", topics=("t",), path="x.md", body=" w" * (n - 1))


def module(*entry_ids: str | None, minutes: int = 30) -> Module:
    steps = tuple(
        Step("entry", i, entry=e) if e else Step("discussion", i, prompt="Talk.") for i, e in enumerate(entry_ids)
    )
    return Module("m", "M", minutes, ("o",), steps, 1)


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        ([], 0),
        ([1], 1),  # any reading rounds up to a minute
        ([200], 1),
        ([201], 2),
        ([150, 250], 2),  # words are summed before rounding
        ([1000, 1000, 1], 11),
    ],
)
def test_reading_minutes_at_200_words_a_minute(sizes: list[int], expected: int) -> None:
    entries = {f"e{i}": words(n, f"e{i}") for i, n in enumerate(sizes)}
    assert reading_minutes(module(*entries), entries) == expected


def test_an_entry_twice_in_a_module_is_read_once_and_activities_take_no_reading() -> None:
    entries = {"a": words(400, "a")}
    assert reading_minutes(module("a", "a", None), entries) == 2


def test_module_and_pathway_time_add_declared_minutes_to_reading() -> None:
    from peer_library.model.pathways import Pathway

    entries = {"a": words(400, "a"), "b": words(100, "b")}
    m1, m2 = module("a", minutes=30), module("a", "b", None, minutes=15)
    assert module_minutes(m1, entries) == 32
    assert module_minutes(m2, entries) == 18
    p = Pathway("p", "P", ("staff",), "S", (m1, m2), "p.yml")
    assert pathway_minutes(p, entries) == 50


def test_word_count_counts_summary_and_body_words() -> None:
    e = Entry(
        id="e",
        title="T",
        type="term",
        summary="Peer workers' values.",
        topics=("t",),
        path="x",
        body="## Hope\n\nIt's real.",
    )
    assert word_count(e) == 3 + 3


@pytest.mark.parametrize(
    ("minutes", "text"), [(0, "0 min"), (45, "45 min"), (60, "1 h"), (61, "1 h 1 min"), (323, "5 h 23 min")]
)
def test_format_minutes(minutes: int, text: str) -> None:
    assert format_minutes(minutes) == text


def test_step_keys_are_stable_and_unique() -> None:
    m = Module(
        "values",
        "V",
        10,
        ("o",),
        (
            Step("reflection", 1, prompt="a"),
            Step("entry", 2, entry="hope"),
            Step("entry", 3, entry="hope", anchor="why"),
            Step("discussion", 4, prompt="b"),
        ),
        1,
    )
    assert [step_key(m, s) for s in m.steps] == [
        "values/activity-1",
        "values/hope",
        "values/hope#why",
        "values/activity-2",
    ]


def test_uses_lists_each_pathway_module_once_per_entry(tmp_path: Path) -> None:
    library, _ = load(tmp_path, GOOD)
    used = uses(library.pathways)
    assert [(p.id, m.id) for p, m in used["hope"]] == [("orientation", "values")]
    assert "mutuality" not in used
