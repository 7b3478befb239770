"""What the contributor documents promise matches what the code does."""

from __future__ import annotations

import re

import yaml

from peer_library.checks import language
from tests.conftest import ROOT

CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
TEMPLATE = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8"))


def test_documented_silencing_comments_silence() -> None:
    for doc in (CONTRIBUTING, README):
        assert "<!-- language: ok -->" in doc and "# language: ok" in doc
    assert language.silenced("body", "In her words, an addict. <!-- language: ok -->")
    assert language.silenced("summary", "summary: An addict's memoir  # language: ok")
    assert not language.silenced("body", "In her words, an addict.")


def test_workflow_checks_and_builds_pull_requests_and_publishes_main() -> None:
    triggers = WORKFLOW[True]  # YAML 1.1 reads the key 'on' as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = [s.get("run", "") for s in WORKFLOW["jobs"]["check"]["steps"]]
    assert ".venv/bin/peer-library check --format github" in steps
    assert ".venv/bin/mkdocs build --strict" in steps
    assert steps.index(".venv/bin/peer-library check --format github") < steps.index(".venv/bin/mkdocs build --strict")
    publish = WORKFLOW["jobs"]["publish"]
    assert publish["needs"] == "check" and "refs/heads/main" in publish["if"]
    assert WORKFLOW["permissions"] == {"contents": "read"}  # write access only where publishing needs it


def test_pull_request_template_has_the_review_checklist() -> None:
    boxes = re.findall(r"^- \[ \] \*\*(.+?)\*\*", TEMPLATE, flags=re.M)
    assert boxes == [
        "Plain language",
        "Own words and source",
        "Topics",
        "Content notes",
        "Recovery-oriented language",
        "No one identified",
        "Attribution",
        "Consent",
        "The author knows",
    ]


def test_contributing_covers_what_peer_authors_need() -> None:
    for heading in (
        "## 2. Edit files in your web browser, step by step",
        "## What reviewers look for",
        "## Lived-experience writing: consent and attribution",
        "## Links between entries",
    ):
        assert heading in CONTRIBUTING
    for attribution in ("`named`", "`pseudonym`", "`anonymous`"):
        assert attribution in CONTRIBUTING
    assert "withdrawn: YYYY-MM-DD" in CONTRIBUTING


def test_contributing_leads_with_the_form_then_the_browser_then_the_command_line() -> None:
    ways = [
        "## 1. Fill in the entry form (the easiest way)",
        "## 2. Edit files in your web browser, step by step",
        "## 3. On your own computer, with the command line",
    ]
    headings = re.findall(r"^## .+$", CONTRIBUTING, flags=re.M)
    assert headings[:3] == ways
    assert "Suggest a change" in CONTRIBUTING and "Propose a new entry" in CONTRIBUTING


def test_readme_maps_the_published_schema_to_entry_files() -> None:
    mapping = re.search(r"schemas: \{'\./(.+?)': \['\./(.+?)'\]\}", README)
    assert mapping is not None
    assert (ROOT / mapping.group(1)).is_file()
    assert mapping.group(2) == "library/**/*.md"
