"""The "Propose a new entry" GitHub issue form, made from the library: the entry types from ``vocab``, the
topics from topics.yml. ``from_issue`` reads the body GitHub renders for it by the same field list.

Each field is a ``FormField``; its ``label`` is both what the contributor sees and the heading GitHub puts
above their answer (``### Label``), so labels are unique and never change meaning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from peer_library.model import Topic, vocab

FORM_PATH = Path(".github") / "ISSUE_TEMPLATE" / "new-entry.yml"
FORM_FILE = FORM_PATH.name  # the template= of a new-issue link
LABEL = "new-entry"  # put on every issue opened from the form; the workflow runs on it

TYPE, TITLE, SUMMARY, TOPICS, AUDIENCE = "Type of entry", "Title", "Summary", "Topics", "Who it is for"
SOURCE_TITLE, SOURCE_AUTHORS, SOURCE_ORG = "Source: title", "Source: authors", "Source: organisation"
SOURCE_YEAR, SOURCE_LINK = "Source: year", "Source: link"
TEXT, NOTES, NAMED, NAME, CONFIRM = (
    "Entry text",
    "Content notes",
    "How you wish to be named",
    "Your name or pseudonym",
    "Your own words",
)

# How the author wishes to be named: the form's words for each of vocab.ATTRIBUTIONS.
ATTRIBUTION_OPTIONS: dict[str, str] = {
    "named": "By my name",
    "pseudonym": "By a pseudonym",
    "anonymous": "Anonymously (no name on the site)",
}
# One box for each of vocab.CONTENT_NOTES.
NOTE_OPTIONS: dict[str, str] = {note: label[0].upper() + label[1:] for note, label in vocab.CONTENT_NOTES.items()}
CONFIRMATIONS = (
    "I wrote the entry text in my own words; the source says where the ideas come from.",
    "No one with lived experience who is not a published author can be recognised from it.",
)

INTRO = """\
Thank you for adding to the library. Answer in plain words; nobody needs to know YAML or Git.
When you submit, a pull request is opened for you with the entry file made from your answers, and a
peer reviewer reads it before it goes on the site. The check's result is posted here as a comment.

This issue is public and shows your GitHub account. If you want to stay anonymous, send your text to
the library's coordinator instead. CONTRIBUTING.md explains every field."""


@dataclass(frozen=True)
class FormField:
    """One question of the form. ``kind`` is GitHub's element type: input, textarea, dropdown or checkboxes.

    ``options`` maps the value written in the entry to the words shown (for checkboxes: the words only)."""

    id: str
    kind: str
    label: str
    description: str
    required: bool = False
    options: Mapping[str, str] = field(default_factory=dict)
    multiple: bool = False
    placeholder: str = ""


def form_fields(topics: Iterable[Topic]) -> list[FormField]:
    """The form's questions, in order; topics A–Z by label."""
    by_label = sorted(topics, key=lambda t: (t.label.casefold(), t.id))
    return [
        FormField(
            "type", "dropdown", TYPE, "What kind of entry is this?", True, {k: v for k, v in vocab.TYPE_LABELS.items()}
        ),
        FormField(
            "title", "input", TITLE, "The entry's title as readers will see it. Its web address is made from it.", True
        ),
        FormField(
            "summary",
            "textarea",
            SUMMARY,
            "One or two plain sentences that a new staff member would understand.",
            True,
        ),
        FormField(
            "topics",
            "dropdown",
            TOPICS,
            "Choose one or more topics, so staff can find the entry by browsing.",
            True,
            {t.id: t.label for t in by_label},
            multiple=True,
        ),
        FormField("audience", "dropdown", AUDIENCE, "Who the entry is for (optional).", False, vocab.AUDIENCES, True),
        FormField(
            "source-title", "input", SOURCE_TITLE, "The title of the work you drew on (a book, report, web page...)."
        ),
        FormField(
            "source-authors",
            "textarea",
            SOURCE_AUTHORS,
            "Its authors as 'Surname, Initials', one per line. Leave empty if an organisation wrote it.",
            placeholder="Childs, B.",
        ),
        FormField("source-organisation", "input", SOURCE_ORG, "The organisation that wrote or published it."),
        FormField("source-year", "input", SOURCE_YEAR, "The year it was published, e.g. 2021.", placeholder="2021"),
        FormField(
            "source-link", "input", SOURCE_LINK, "Its web address, starting with https://", placeholder="https://"
        ),
        FormField(
            "text",
            "textarea",
            TEXT,
            "The entry itself, in your own words. Markdown is welcome: ## for headings, - for lists, "
            "[[id]] to link another entry.",
            True,
        ),
        FormField(
            "content-notes",
            "checkboxes",
            NOTES,
            "Tick each difficult subject the entry discusses; readers are told before they read it.",
            options={k: v for k, v in NOTE_OPTIONS.items()},
        ),
        FormField(
            "attribution",
            "dropdown",
            NAMED,
            "For your own lived-experience writing: how the site credits you. "
            "Leave it empty when the entry describes someone else's work.",
            False,
            ATTRIBUTION_OPTIONS,
        ),
        FormField("name", "input", NAME, "The name to publish, if you chose your name or a pseudonym above."),
        FormField(
            "confirm",
            "checkboxes",
            CONFIRM,
            "Both are needed before a reviewer can accept the entry.",
            True,
            {str(i): text for i, text in enumerate(CONFIRMATIONS)},
        ),
    ]


def form_problems(topics: Iterable[Topic]) -> list[str]:
    """Why the form cannot be made from these topics (GitHub needs unique option words, never 'None')."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for t in topics:
        key = t.label.casefold()
        if key in seen:
            problems.append(
                f"topics '{seen[key]}' and '{t.id}' have the same label '{t.label}'; give one another label"
            )
        elif key == "none":
            problems.append(f"topic '{t.id}' is labelled 'None', which GitHub's forms reserve; choose another label")
        seen.setdefault(key, t.id)
    return problems


def _element(f: FormField) -> dict[str, Any]:
    attributes: dict[str, Any] = {"label": f.label, "description": f.description}
    if f.kind == "dropdown":
        attributes["multiple"] = f.multiple
        attributes["options"] = list(f.options.values())
    elif f.kind == "checkboxes":
        attributes["options"] = [{"label": text, "required": f.required} for text in f.options.values()]
    if f.placeholder:
        attributes["placeholder"] = f.placeholder
    element: dict[str, Any] = {"type": f.kind, "id": f.id, "attributes": attributes}
    if f.required and f.kind != "checkboxes":
        element["validations"] = {"required": True}
    return element


def form(topics: Iterable[Topic]) -> dict[str, Any]:
    """The issue form as GitHub's form schema (name, description, labels, body)."""
    return {
        "name": "Propose a new entry",
        "description": "Suggest an entry for the library in plain words; a pull request is made for you.",
        "title": "New entry: ",
        "labels": [LABEL],
        "body": [{"type": "markdown", "attributes": {"value": INTRO}}, *map(_element, form_fields(topics))],
    }


class _Dumper(yaml.SafeDumper):
    """safe_dump with multi-line text as a literal block, as a person would write it."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def render_form(topics: Iterable[Topic]) -> str:
    """The form file's text: a note saying how it is made, then the form as YAML."""
    head = (
        "# Made by `peer-library form` from library/topics.yml and the entry types; edit those, then run it again.\n"
        "# A test fails when this file and the library disagree.\n"
    )
    body = yaml.dump(form(list(topics)), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return head + body
