"""Content-note check: which words call for which note, and the warning an entry gets without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from peer_library.checks.content_notes import mentions
from peer_library.checks.registry import check_library
from tests.helpers import entry_text, make_library

CALLS_FOR = [
    ("thoughts of suicide", {"suicide": "suicide"}),
    ("Suicidal feelings", {"suicide": "Suicidal"}),
    ("suicidality and hope", {"suicide": "suicidality"}),
    ("non-suicidal self-injury", {"suicide": "suicidal", "self-harm": "self-injury"}),
    ("self-harm", {"self-harm": "self-harm"}),
    ("self harming", {"self-harm": "self harming"}),
    ("selfharm", {"self-harm": "selfharm"}),
    ("childhood abuse", {"abuse": "abuse"}),
    ("she was abused", {"abuse": "abused"}),
    ("an abusive relationship", {"abuse": "abusive"}),
    ("Abuses of power", {"abuse": "Abuses"}),
    ("physical restraint", {"restraint-seclusion": "restraint"}),
    ("was restrained", {"restraint-seclusion": "restrained"}),
    ("Seclusion rooms", {"restraint-seclusion": "Seclusion"}),
    ("seclusion and restraint", {"restraint-seclusion": "seclusion"}),
]

DOES_NOT = [
    "disabused of the idea",
    "self-harmony",
    "harm reduction",
    "self-restraint at meetings",
    "unrestrained joy",
    "a secluded beach",
    "substance abuse services",  # a language warning covers this wording, not the abuse note
    "drug-abuse",
    "suicidology",
    "restrictive practices",
    "abusefully",
]


@pytest.mark.parametrize(("text", "expected"), CALLS_FOR)
def test_words_that_call_for_a_note(text: str, expected: dict[str, str]) -> None:
    assert mentions(text) == expected


@pytest.mark.parametrize("text", DOES_NOT)
def test_words_inside_other_words_do_not(text: str) -> None:
    assert mentions(text) == {}


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    lib = make_library(tmp_path, files)
    _, found = check_library(lib, root=lib.parent)
    return [str(p) for p in found]


def test_missing_note_is_a_warning_at_the_first_mention(tmp_path: Path) -> None:
    body = "Intro.\n\nSome people live with thoughts of suicide.\nSuicidal feelings pass.\nSeclusion hurts.\n"
    assert problems(tmp_path, {"a.md": entry_text(body=body)}) == [
        "library/a.md:11: content_notes: the entry mentions 'suicide' but content_notes does not include "
        "'suicide'; add it so readers are told before they read the body",
        "library/a.md:13: content_notes: the entry mentions 'Seclusion' but content_notes does not include "
        "'restraint-seclusion'; add it so readers are told before they read the body",
    ]


def test_declared_notes_are_satisfied(tmp_path: Path) -> None:
    body = "Thoughts of suicide. Seclusion and restraint. Abuse.\n"
    fields = "content_notes: [suicide, restraint-seclusion, abuse]\n"
    assert problems(tmp_path, {"a.md": entry_text(fields, body)}) == []


def test_summary_counts_too(tmp_path: Path) -> None:
    text = entry_text().replace("summary: Believing recovery is possible.", "summary: Surviving abuse.")
    assert problems(tmp_path, {"a.md": text}) == [
        "library/a.md:5: content_notes: the entry mentions 'abuse' but content_notes does not include 'abuse'; "
        "add it so readers are told before they read the body"
    ]


def test_link_ids_urls_and_the_cited_title_do_not_count(tmp_path: Path) -> None:
    cited = "source:\n  title: Uses and abuses of recovery\n  doi: 10.1002/wps.20084\n"
    other = entry_text(cited, id="slade-2014-uses-and-abuses-of-recovery", type="resource")
    body = (
        "See [[slade-2014-uses-and-abuses-of-recovery]] and [[slade-2014-uses-and-abuses-of-recovery|Slade]].\n"
        "Read https://example.org/suicide-prevention/ or [this](https://example.org/self-harm).\n"
        "The paper *Uses and abuses of recovery* is about language.\n"
        "A `restraint` in code.\n"
    )
    fields = "source:\n  title: Uses and abuses of recovery\n  year: 2014\n"
    assert problems(tmp_path, {"a.md": entry_text(fields, body), "b.md": other}) == []


def test_trauma_and_substance_use_are_not_inferred(tmp_path: Path) -> None:
    # 'trauma-informed' and 'drug use' are everywhere in this library; only the four subjects are checked
    assert problems(tmp_path, {"a.md": entry_text(body="Trauma-informed care and drug use.\n")}) == []
