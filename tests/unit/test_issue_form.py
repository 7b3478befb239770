"""The "Propose a new entry" issue form: made from the library, and kept in step with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from peer_library.cli import main
from peer_library.derive import issue_form
from peer_library.load.library import load_topics
from peer_library.model import Topic, vocab
from tests.conftest import ROOT

FORM = ROOT / issue_form.FORM_PATH


def _topics() -> list[Topic]:
    topics, problems = load_topics(ROOT / "library" / "topics.yml", ROOT)
    assert not problems
    return topics


def test_form_file_matches_the_library() -> None:
    assert FORM.read_text(encoding="utf-8") == issue_form.render_form(_topics()), (
        "the issue form and the library disagree: run `peer-library form` and commit the result"
    )


def test_form_offers_every_type_topic_audience_and_content_note() -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    by_label = {el["attributes"]["label"]: el for el in form["body"] if el["type"] != "markdown"}
    assert by_label[issue_form.TYPE]["attributes"]["options"] == list(vocab.TYPE_LABELS.values())
    topics = by_label[issue_form.TOPICS]["attributes"]
    assert topics["multiple"] is True
    assert sorted(topics["options"]) == sorted(t.label for t in _topics())
    assert by_label[issue_form.AUDIENCE]["attributes"]["options"] == list(vocab.AUDIENCES.values())
    notes = [o["label"] for o in by_label[issue_form.NOTES]["attributes"]["options"]]
    assert len(notes) == len(vocab.CONTENT_NOTES)
    assert issue_form.ATTRIBUTION_OPTIONS.keys() == vocab.ATTRIBUTIONS.keys()
    assert issue_form.NOTE_OPTIONS.keys() == vocab.CONTENT_NOTES.keys()
    assert form["labels"] == [issue_form.LABEL]


def test_form_follows_githubs_form_rules() -> None:
    """Unique labels and ids (GitHub refuses a form otherwise), ids of letters, digits, - and _, and no
    option named 'None', which GitHub keeps for an unanswered dropdown."""
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    elements = [el for el in form["body"] if el["type"] != "markdown"]
    labels = [el["attributes"]["label"] for el in elements]
    ids = [el["id"] for el in elements]
    assert len(set(labels)) == len(labels) and len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    for el in elements:
        options = el["attributes"].get("options", [])
        words = [o["label"] if isinstance(o, dict) else o for o in options]
        assert len(set(words)) == len(words) and "None" not in words
        assert el["type"] in ("input", "textarea", "dropdown", "checkboxes")
    required = [el["attributes"]["label"] for el in elements if el.get("validations", {}).get("required")]
    assert required == [issue_form.TYPE, issue_form.TITLE, issue_form.SUMMARY, issue_form.TOPICS, issue_form.TEXT]
    confirm = next(el for el in elements if el["attributes"]["label"] == issue_form.CONFIRM)
    assert all(o["required"] for o in confirm["attributes"]["options"])


def _topic(tid: str, label: str) -> Topic:
    return Topic(tid, label, "A topic.", None, "library/topics.yml", 1)


@pytest.mark.parametrize(
    ("topics", "problem"),
    [
        ([_topic("a", "Hope"), _topic("b", "hope")], "topics 'a' and 'b' have the same label 'hope'"),
        ([_topic("a", "None")], "topic 'a' is labelled 'None', which GitHub's forms reserve"),
    ],
)
def test_topics_the_form_cannot_offer_are_named(topics: list[Topic], problem: str) -> None:
    assert any(p.startswith(problem) for p in issue_form.form_problems(topics))


def test_form_command_writes_the_form_beside_the_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = tmp_path / "library"
    lib.mkdir()
    (lib / "topics.yml").write_text("- id: recovery\n  label: Recovery\n  description: Personal recovery.\n")
    assert main(["form", "--library", str(lib)]) == 0
    written = yaml.safe_load((tmp_path / issue_form.FORM_PATH).read_text(encoding="utf-8"))
    topics = next(el for el in written["body"] if el.get("id") == "topics")
    assert topics["attributes"]["options"] == ["Recovery"]
    assert "Wrote" in capsys.readouterr().out


def test_form_command_refuses_topics_it_cannot_offer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = tmp_path / "library"
    lib.mkdir()
    (lib / "topics.yml").write_text(
        "- id: a\n  label: Hope\n  description: One.\n- id: b\n  label: Hope\n  description: Two.\n"
    )
    assert main(["form", "--library", str(lib)]) == 1
    assert not (tmp_path / issue_form.FORM_PATH).exists()
    assert "have the same label 'Hope'" in capsys.readouterr().err
