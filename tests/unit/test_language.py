"""Recovery-oriented language: the shipped word list against tables of text that must and must not match."""

from __future__ import annotations

from pathlib import Path

import pytest

from peer_library.checks import language
from peer_library.checks.registry import check_library
from tests.conftest import ROOT
from tests.helpers import entry_text, make_library

SHIPPED = ROOT / "library" / "style" / "language.yml"


@pytest.fixture(scope="module")
def matcher() -> language.Matcher:
    rules, problems = language.load_rules(SHIPPED, "library/style/language.yml")
    assert problems == []
    return language.Matcher(rules)


# (text, the phrases flagged in it, as written)
MATCHES = [
    ("She suffers from depression.", ["suffers from"]),
    ("SUFFERS FROM", ["SUFFERS FROM"]),
    ("He was suffering from anxiety", ["suffering from"]),
    ("Sufferers meet on Tuesdays.", ["Sufferers"]),
    ("services for the mentally ill", ["the mentally ill"]),
    ("a mentally ill man", ["mentally ill"]),
    ("Her brother committed suicide in 2019.", ["committed suicide"]),
    ("he commit  suicide", ["commit  suicide"]),
    ("labelled non-compliant by the team", ["non-compliant"]),
    ("labelled non compliant", ["non compliant"]),
    ("noncompliant with medication", ["noncompliant"]),
    ("seen as manipulative", ["manipulative"]),
    ("attention-seeking behaviour", ["attention-seeking"]),
    ("attention seeking", ["attention seeking"]),
    ("a high-functioning person", ["high-functioning"]),
    ("low functioning", ["low functioning"]),
    ("an addict in recovery", ["addict"]),
    ("Addicts and their families", ["Addicts"]),
    ("an addict's story", ["addict"]),
    ("called a frequent flyer", ["frequent flyer"]),
    ("frequent-flier", ["frequent-flier"]),
    ("substance abuse services", ["substance abuse"]),
    ("he lacks insight", ["lacks insight"]),
    ("a failed suicide attempt", ["failed suicide attempt"]),
    ("junkies", ["junkies"]),
    ("manipulative and attention-seeking", ["manipulative", "attention-seeking"]),
]

# Words inside other words, and near misses, that must not match.
NO_MATCH = [
    "addiction services",
    "addicted to gambling",
    "an addictive pattern",
    "mental illness",
    "the mentally healthy",
    "compliant with the law",
    "compliance officer",
    "manipulation of data",
    "manipulate",
    "functioning well",
    "high function",
    "attention to detail",
    "seeking attention-grabbing headlines",
    "suffering",
    "suffer",
    "insufferable",
    "frequent visitors",
    "flyer for the event",
    "committed to recovery",
    "died by suicide",
]


@pytest.mark.parametrize(("text", "expected"), MATCHES)
def test_flagged_phrases(matcher: language.Matcher, text: str, expected: list[str]) -> None:
    assert [h.text for h in matcher.find(text)] == expected


@pytest.mark.parametrize("text", NO_MATCH)
def test_words_inside_other_words_do_not_match(matcher: language.Matcher, text: str) -> None:
    assert matcher.find(text) == []


def test_a_hyphen_is_a_word_boundary(matcher: language.Matcher) -> None:
    # 'ex-addict' still labels a person as an addict
    assert [h.text for h in matcher.find("an ex-addict")] == ["addict"]


def test_longest_phrase_wins_and_hits_never_overlap(matcher: language.Matcher) -> None:
    hits = matcher.find("care of the mentally ill")
    assert [(h.text, h.rule.phrase) for h in hits] == [("the mentally ill", "the mentally ill")]


def test_message_gives_alternatives_and_reason(matcher: language.Matcher) -> None:
    (hit,) = matcher.find("she suffers from")
    assert language.message(hit) == (
        '"suffers from": try "lives with" or "has experience of". '
        "Why: it describes a person only by distress; let people say how they experience it."
    )


def test_every_shipped_rule_has_a_suggestion_and_a_one_line_reason() -> None:
    rules, _ = language.load_rules(SHIPPED, "x")
    assert len(rules) >= 10
    for rule in rules:
        assert rule.suggest and rule.reason and "\n" not in rule.reason
    forms = {language.normal(f) for r in rules for f in (r.phrase, *r.also)}
    required = ["suffers from", "mentally ill", "committed suicide", "non-compliant", "manipulative"]
    required += ["attention-seeking", "high functioning", "low functioning", "the mentally ill", "addict"]
    required += ["frequent flyer"]
    assert [p for p in required if language.normal(p) not in forms] == []


STYLE = """\
- phrase: suffers from
  suggest: [lives with]
  reason: it describes a person only by distress.
- phrase: addict
  suggest: person who uses drugs
  reason: it defines a person by one part of their life.
"""


def lib_with(tmp_path: Path, files: dict[str, str], style: str = STYLE) -> Path:
    lib = make_library(tmp_path, files)
    (lib / "style").mkdir()
    (lib / "style" / "language.yml").write_text(style, encoding="utf-8")
    return lib


def warnings(lib: Path) -> list[str]:
    _, problems = check_library(lib, root=lib.parent)
    return [str(p) for p in problems]


def test_body_title_and_summary_are_checked_at_their_lines(tmp_path: Path) -> None:
    text = entry_text(body="First line.\nShe suffers from it.\n").replace("title: Hope", "title: An addict's view")
    lib = lib_with(tmp_path, {"a.md": text})
    assert warnings(lib) == [
        'library/a.md:3: title: "addict": try "person who uses drugs". Why: it defines a person by one part of '
        "their life.",
        'library/a.md:10: body: "suffers from": try "lives with". Why: it describes a person only by distress.',
    ]


def test_a_line_is_silenced_by_the_documented_comment(tmp_path: Path) -> None:
    body = 'In her words: "I was an addict." <!-- language: ok -->\nHe suffers from it.\n'
    lib = lib_with(tmp_path, {"a.md": entry_text(body=body)})
    assert [w.split(": body: ")[1][:14] for w in warnings(lib)] == ['"suffers from"']


def test_front_matter_is_silenced_by_a_yaml_comment_on_the_field(tmp_path: Path) -> None:
    text = entry_text().replace(
        "summary: Believing recovery is possible.",
        "summary: >-  # language: ok\n  A memoir, Suffers From Nothing,\n  by an addict.",
    )
    assert warnings(lib_with(tmp_path, {"a.md": text})) == []


def test_source_title_and_its_quotation_in_the_body_are_ignored(tmp_path: Path) -> None:
    fields = "source:\n  title: Addict Suffers From Stigma\n  year: 2001\n"
    body = "The report *Addict Suffers From Stigma* argues for change.\n"
    assert warnings(lib_with(tmp_path, {"a.md": entry_text(fields, body)})) == []


def test_links_urls_and_code_are_not_prose(tmp_path: Path) -> None:
    body = (
        "See [[hope]] and <https://example.org/addict> and [a page](https://example.org/suffers-from).\n"
        "`addict` in code\n"
        "```\nsuffers from\n```\n"
        "<!--\nan addict wrote this note\n-->\n"
    )
    assert warnings(lib_with(tmp_path, {"a.md": entry_text(body=body)})) == []


def test_withdrawn_entries_are_not_checked(tmp_path: Path) -> None:
    text = entry_text("withdrawn: 2026-01-01\n", "He suffers from it.\n")
    keeps_topic_used = entry_text(id="other")
    assert warnings(lib_with(tmp_path, {"a.md": text, "b.md": keeps_topic_used})) == []


def test_no_word_list_means_no_language_check(tmp_path: Path) -> None:
    lib = make_library(tmp_path, {"a.md": entry_text(body="He suffers from it.\n")})
    assert warnings(lib) == []


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("- phrase: x\n  reason: r\n", "library/style/language.yml:1: suggest: required field is missing"),
        ("- phrase: x\n  suggest: [y]\n  reason: r\n  sugest: z\n", "library/style/language.yml:4: sugest: unknown"),
        ("phrase: x\n", "library/style/language.yml:1: must be a list"),
        ("- [x\n", "library/style/language.yml:2: YAML syntax error"),
        (
            "- phrase: x\n  suggest: y\n  reason: r\n- phrase: X\n  suggest: y\n  reason: r\n",
            "library/style/language.yml:4: phrase: 'X' is already listed at line 1",
        ),
    ],
)
def test_problems_in_the_word_list_are_located(tmp_path: Path, style: str, expected: str) -> None:
    lib = lib_with(tmp_path, {"a.md": entry_text()}, style)
    got = warnings(lib)
    assert len(got) == 1 and got[0].startswith(expected), got


def test_an_unknown_key_in_the_word_list_is_a_warning_and_check_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from peer_library.cli import main

    lib = lib_with(tmp_path, {"a.md": entry_text()}, "- phrase: x\n  suggest: [y]\n  reason: r\n  sugest: z\n")
    _, problems = check_library(lib, root=lib.parent)
    (unknown,) = [p for p in problems if p.field == "sugest"]
    assert not unknown.is_error and "it is ignored" in unknown.message
    assert main(["check", str(lib), "--no-cache"]) == 0
    assert "sugest" in capsys.readouterr().out
