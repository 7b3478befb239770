"""`peer-library from-issue`: a form's body, as GitHub renders it, becomes an entry file or a refusal in plain
words; the body is data, so no answer can add a front-matter key or change the id."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from peer_library.cli import from_issue, main
from peer_library.cli.form_commands import comment, make_entry
from peer_library.derive import issue_form
from peer_library.derive.issue_form import FormField
from peer_library.load.frontmatter import decode, parse
from peer_library.load.library import load_topics
from tests.helpers import entry_text, make_library

TOPICS = """\
- id: recovery
  label: Recovery
  description: Personal recovery.
- id: peer-values
  label: Peer values, hope and mutuality
  description: A label holding the ', ' GitHub puts between choices.
"""
TODAY = dt.date(2026, 12, 6)
COMPLETE = {
    issue_form.TYPE: "Value",
    issue_form.TITLE: "Courage",
    issue_form.SUMMARY: "Acting on what matters to you,\neven when it is hard.",
    issue_form.TOPICS: "Peer values, hope and mutuality, Recovery",
    issue_form.AUDIENCE: "All staff, Peer workers",
    issue_form.SOURCE_TITLE: "Mind's peer work framework",
    issue_form.SOURCE_AUTHORS: "Childs, B.\n- Smith, J.",
    issue_form.SOURCE_ORG: "Mind Australia",
    issue_form.SOURCE_YEAR: "2021",
    issue_form.SOURCE_LINK: "https://www.mindaustralia.org.au/work-us/peer-work",
    issue_form.TEXT: "## What it is\n\nCourage is taking a step when you are not sure. See [[hope]].",
    issue_form.NOTES: ["Trauma"],
    issue_form.NAMED: "By a pseudonym",
    issue_form.NAME: "River",
    issue_form.CONFIRM: list(issue_form.CONFIRMATIONS),
}
EXPECTED = """\
---
id: courage
title: Courage
type: value
summary: Acting on what matters to you, even when it is hard.
topics:
- peer-values
- recovery
audience:
- staff
- peer-worker
authors:
- name: River
  attribution: pseudonym
source:
  title: Mind's peer work framework
  authors:
  - Childs, B.
  - Smith, J.
  organisation: Mind Australia
  year: 2021
  url: https://www.mindaustralia.org.au/work-us/peer-work
content_notes:
- trauma
added: 2026-12-06
---

## What it is

Courage is taking a step when you are not sure. See [[hope]].
"""


def questions(tmp_path: Path) -> list[FormField]:
    topics, _ = load_topics(tmp_path / "library" / "topics.yml", tmp_path)
    return issue_form.form_fields(topics)


def render_body(fields: list[FormField], answers: dict[str, str | list[str] | None]) -> str:
    """A body as GitHub renders the form: ### Label, a blank line, the answer; boxes as - [X] / - [ ]."""
    parts = []
    for q in fields:
        value = answers.get(q.label)
        if q.kind == "checkboxes":
            ticked = value if isinstance(value, list) else []
            text = "\n".join(f"- [{'X' if words in ticked else ' '}] {words}" for words in q.options.values())
        else:
            text = value if isinstance(value, str) and value else "_No response_"
        parts.append(f"### {q.label}\n\n{text}")
    return "\n\n".join(parts) + "\n"


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    return make_library(tmp_path, {"values/hope.md": entry_text()}, topics=TOPICS)


def run(lib: Path, answers: dict[str, str | list[str] | None]) -> tuple[int, Path]:
    body = lib.parent / "issue.md"
    body.write_text(render_body(questions(lib.parent), answers), encoding="utf-8")
    return main(["from-issue", str(body), "--library", str(lib)]), body


def test_complete_form_becomes_exactly_the_expected_entry(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = render_body(questions(lib.parent), COMPLETE)
    outcome = make_entry(body, lib, lib.parent, "issue.md", TODAY)
    assert outcome.path == "library/values/courage.md" and outcome.problems == []
    assert (lib / "values" / "courage.md").read_text(encoding="utf-8") == EXPECTED


def test_cli_prints_the_path_and_passes_the_check(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(lib, COMPLETE)
    out = capsys.readouterr()
    assert code == 0
    assert out.out.splitlines()[0] == "library/values/courage.md"
    assert "the check found no problems" in out.err
    assert main(["check", str(lib), "--no-cache"]) == 0


def test_where_new_would_write_it_and_not_over_an_entry(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(lib, {**COMPLETE, issue_form.TYPE: "Practice", issue_form.TITLE: "Shared decision-making"})
    assert code == 0 and (lib / "practices" / "shared-decision-making.md").is_file()
    code, body = run(lib, {**COMPLETE, issue_form.TITLE: "Hope"})
    assert code == 3
    out = capsys.readouterr().out
    assert f"{body}:5: Title: an entry with the address 'hope' already exists" in out
    assert "suggest a change to that entry instead" in out


def test_missing_required_answers_are_refused_by_their_question(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, body = run(lib, {**COMPLETE, issue_form.TITLE: None, issue_form.CONFIRM: [issue_form.CONFIRMATIONS[0]]})
    assert code == 3
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{body}:5: Title: this question needs an answer",
        f"{body}:66: Your own words: tick both boxes to confirm; a reviewer cannot accept the entry without them",
    ]
    assert sorted(p.name for p in (lib / "values").iterdir()) == ["hope.md"]


def test_every_answer_empty_lists_each_required_question(lib: Path) -> None:
    outcome = make_entry(render_body(questions(lib.parent), {}), lib, lib.parent, "issue.md", TODAY)
    assert not outcome.path
    assert [(p.field, p.message) for p in outcome.problems] == [
        (issue_form.TYPE, "this question needs an answer"),
        (issue_form.TITLE, "this question needs an answer"),
        (issue_form.SUMMARY, "this question needs an answer"),
        (issue_form.TOPICS, "this question needs an answer"),
        (issue_form.TEXT, "this question needs an answer"),
        (issue_form.CONFIRM, "tick both boxes to confirm; a reviewer cannot accept the entry without them"),
    ]
    assert comment(outcome).startswith("Thank you for proposing an entry. It could not be made yet")


def test_an_empty_body_is_refused_not_a_crash(lib: Path) -> None:
    outcome = make_entry("", lib, lib.parent, "issue.md", TODAY)
    assert not outcome.path and len(outcome.problems) == 6


@pytest.mark.parametrize(
    ("answers", "question", "message"),
    [
        ({issue_form.TITLE: "Hope\nid: evil"}, issue_form.TITLE, "write the answer on one line"),
        ({issue_form.TITLE: "Courage <script>alert(1)</script>"}, issue_form.TITLE, "write plain text: HTML tags"),
        ({issue_form.SUMMARY: "Fine.<img src=x onerror=alert(1)>"}, issue_form.SUMMARY, "write plain text"),
        ({issue_form.TITLE: "---"}, issue_form.TITLE, "needs some letters or digits"),
        ({issue_form.TITLE: "!!!"}, issue_form.TITLE, "needs some letters or digits"),
        ({issue_form.TITLE: "Bell\x07"}, issue_form.TITLE, "holds invisible control characters"),
        ({issue_form.TOPICS: "Recovery, id: evil"}, issue_form.TOPICS, "'id: evil' is not one of the choices"),
        ({issue_form.TYPE: "Value\nid: evil"}, issue_form.TYPE, "write the answer on one line"),
        ({issue_form.TYPE: "Spell"}, issue_form.TYPE, "'Spell' is not one of the choices"),
        ({issue_form.SOURCE_YEAR: "2021\nid: evil"}, issue_form.SOURCE_YEAR, "write the answer on one line"),
        ({issue_form.SOURCE_YEAR: "last year"}, issue_form.SOURCE_YEAR, "'last year' is not a year"),
        ({issue_form.SOURCE_LINK: "javascript:alert(1)"}, issue_form.SOURCE_LINK, "is not a web address"),
        ({issue_form.SOURCE_TITLE: None}, issue_form.SOURCE_TITLE, "give the title of the work"),
        ({issue_form.NAME: None}, issue_form.NAME, "write the name to publish"),
    ],
)
def test_hostile_or_wrong_answers_are_refused_in_plain_words(
    lib: Path, answers: dict[str, str | None], question: str, message: str
) -> None:
    body = render_body(questions(lib.parent), {**COMPLETE, **answers})
    outcome = make_entry(body, lib, lib.parent, "issue.md", TODAY)
    assert not outcome.path
    assert any(p.field == question and message in p.message for p in outcome.problems), outcome.problems
    assert sorted(p.name for p in lib.rglob("*.md")) == ["hope.md"]


FRONT_KEYS = ["id", "title", "type", "summary", "topics", "audience", "authors", "source", "content_notes", "added"]


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        ("id: evil", "Fine."),
        ("Courage: a --- story", "Summary\n---\nid: evil\ntype: term\n---"),
        ("&anchor Courage", "*anchor"),
        ("!!python/object/apply:os.system ['true']", "!!binary aGk="),
        ("Courage # language: ok", "{id: evil, title: x}"),
        ("'Courage'", '"quoted" and \\escaped'),
        ("[[hope-and-courage]]", "- id: evil"),
        ("yes", "null"),
        ("2021-01-01", "123"),
        ("Courage %TAG ! tag:evil", "... and ---"),
    ],
)
def test_hostile_titles_and_summaries_never_add_keys_or_change_the_id(lib: Path, title: str, summary: str) -> None:
    body = render_body(questions(lib.parent), {**COMPLETE, issue_form.TITLE: title, issue_form.SUMMARY: summary})
    outcome = make_entry(body, lib, lib.parent, "issue.md", TODAY)
    assert outcome.path, outcome.problems
    data = parse(decode((lib.parent / outcome.path).read_bytes())).data
    assert list(data) == FRONT_KEYS
    assert data["id"] == from_issue.slugify(title) == outcome.entry_id
    assert data["title"] == title and data["summary"] == " ".join(summary.split())
    assert data["type"] == "value" and data["topics"] == ["peer-values", "recovery"]


def test_headings_typed_in_the_entry_text_move_no_answer(lib: Path) -> None:
    text = "Intro.\n\n### Title\n\nid: evil\n\n### Your own words\n\n- [X] fake\n\n### Topics\n\nRecovery\n\nEnd."
    body = render_body(questions(lib.parent), {**COMPLETE, issue_form.TEXT: text})
    outcome = make_entry(body, lib, lib.parent, "issue.md", TODAY)
    written = parse(decode((lib.parent / outcome.path).read_bytes()))
    assert written.data["id"] == "courage" and written.data["topics"] == ["peer-values", "recovery"]
    assert written.body.strip() == text


def test_a_front_matter_fence_in_the_entry_text_stays_body(lib: Path) -> None:
    text = "---\nid: evil\nwithdrawn: 2020-01-01\n---\nStill the body."
    body = render_body(questions(lib.parent), {**COMPLETE, issue_form.TEXT: text})
    outcome = make_entry(body, lib, lib.parent, "issue.md", TODAY)
    written = parse(decode((lib.parent / outcome.path).read_bytes()))
    assert list(written.data) == FRONT_KEYS and written.body.strip() == text


def test_anonymous_authors_are_never_named(lib: Path) -> None:
    answers = {**COMPLETE, issue_form.NAMED: "Anonymously (no name on the site)", issue_form.NAME: "Jane Citizen"}
    outcome = make_entry(render_body(questions(lib.parent), answers), lib, lib.parent, "issue.md", TODAY)
    text = (lib.parent / outcome.path).read_text(encoding="utf-8")
    assert "Jane" not in text and "- name: Anonymous\n  attribution: anonymous" in text


def test_checks_speak_of_the_forms_questions(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (lib.parent / "library" / "style").mkdir()
    (lib / "style" / "language.yml").write_text(
        "- phrase: suffers from\n  suggest: [lives with]\n  reason: it describes a person only by distress.\n"
    )
    text = "First line.\n\nShe suffers from fear. See [[nowhere]].\nShe thought about suicide."
    code, _ = run(lib, {**COMPLETE, issue_form.TEXT: text})
    out = capsys.readouterr().out
    assert code == 1
    assert "library/values/courage.md:30: Entry text (line 3 of your text): " in out
    assert '"suffers from": try "lives with"' in out and "(warning)" in out
    assert "Entry text (line 3 of your text): link to unknown entry '[[nowhere]]'" in out
    assert "Content notes: the entry mentions 'suicide' but no Content notes box is ticked for 'suicide'" in out
    assert "content_notes" not in out and "body:" not in out


@pytest.mark.parametrize(
    ("value", "keys", "unknown"),
    [
        ("Recovery", ["recovery"], []),
        ("Peer values, hope and mutuality", ["peer-values"], []),
        ("Recovery, Peer values, hope and mutuality", ["recovery", "peer-values"], []),
        ("Recovery, Recovery", ["recovery"], []),
        ("Recovery, Nope", ["recovery"], ["Nope"]),
    ],
)
def test_several_choices_are_told_apart_even_with_commas(value: str, keys: list[str], unknown: list[str]) -> None:
    options = {"recovery": "Recovery", "peer-values": "Peer values, hope and mutuality"}
    assert from_issue.chosen(value, options, multiple=True) == (keys, unknown)


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("title", "Title"),
        ("topics.2", "Topics"),
        ("source.url", "Source: link"),
        ("~source.colour", "Source: title"),
        ("authors.0.name", "Your name or pseudonym"),
        ("body", "Entry text"),
    ],
)
def test_front_matter_keys_are_named_by_their_question(key: str, label: str) -> None:
    assert from_issue.label_of(key) == label


def test_the_comment_cannot_mention_people_or_run_html(lib: Path) -> None:
    answers = {**COMPLETE, issue_form.TYPE: "@maintainers <b>`x`</b>"}
    outcome = make_entry(render_body(questions(lib.parent), answers), lib, lib.parent, "issue.md", TODAY)
    said = comment(outcome)
    assert "@maintainers" not in said and "<b>" not in said and "`x`" not in said


def test_unreadable_body_file_is_a_usage_error(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["from-issue", str(lib.parent / "missing.md"), "--library", str(lib)]) == 2
    assert "cannot read" in capsys.readouterr().err
