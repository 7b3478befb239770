"""An entry from the body GitHub renders for the "Propose a new entry" form (see ``issue_form``).

GitHub writes each answer under its question as ``### Label``, a blank line, then the value; an
unanswered question reads ``_No response_`` and a ticked box ``- [X] words``. The body is data: the
front matter is built as a dict and written by ``yaml.safe_dump``, then read back and compared, so no
answer can add a key or change the id. Problems name the form's questions, never YAML keys.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from peer_library.derive import issue_form as f
from peer_library.load import schema
from peer_library.load.frontmatter import FrontMatterError, parse
from peer_library.model import Problem

from .scaffold import slugify

NO_RESPONSE = "_No response_"
_BOX = re.compile(r"^\s*[-*] \[([ xX])\] (.*)$")
_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_YEAR = re.compile(r"^\d{4}$")

# The front-matter key a problem names -> the form question the contributor answered.
KEY_LABELS: dict[str, str] = {
    "id": f.TITLE,
    "title": f.TITLE,
    "type": f.TYPE,
    "summary": f.SUMMARY,
    "topics": f.TOPICS,
    "audience": f.AUDIENCE,
    "authors": f.NAME,
    "authors.name": f.NAME,
    "authors.attribution": f.NAMED,
    "source": f.SOURCE_TITLE,
    "source.title": f.SOURCE_TITLE,
    "source.authors": f.SOURCE_AUTHORS,
    "source.organisation": f.SOURCE_ORG,
    "source.year": f.SOURCE_YEAR,
    "source.url": f.SOURCE_LINK,
    "content_notes": f.NOTES,
    "body": f.TEXT,
}
# YAML words that checks put in their messages, in the form's words.
_MESSAGE_WORDS = {
    "content_notes does not include": f"no {f.NOTES} box is ticked for",
    "content_notes": f"the {f.NOTES} boxes",
    "topics.yml": "the library's topic list",
}


@dataclass(frozen=True)
class Answer:
    """One question's answer as written in the body (None when unanswered) and the line of its heading."""

    value: str | None
    line: int


@dataclass(frozen=True)
class Draft:
    """An entry made from a form: its front matter (ready for safe_dump) and body."""

    data: dict[str, Any]
    body: str

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def type(self) -> str:
        return str(self.data["type"])


def read_answers(text: str, labels: Sequence[str]) -> dict[str, Answer]:
    """Each question's answer, found by its ``### Label`` heading.

    Headings before the entry text are taken first to last, and those after it last to first, so a
    heading typed inside the entry text (or the summary) cannot move another answer."""
    rows = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    heads = {i: row.rstrip()[4:] for i, row in enumerate(rows) if row.startswith("### ")}
    split = labels.index(f.TEXT) + 1 if f.TEXT in labels else len(labels)
    found: dict[str, int] = {}
    after = -1
    for label in labels[:split]:
        at = next((i for i in sorted(heads) if i > after and heads[i] == label), None)
        if at is not None:
            found[label] = after = at
    before = len(rows)
    for label in reversed(labels[split:]):
        at = next((i for i in sorted(heads, reverse=True) if after < i < before and heads[i] == label), None)
        if at is not None:
            found[label] = before = at
    starts = sorted(found.values())
    answers: dict[str, Answer] = {}
    for label in labels:
        at = found.get(label)
        if at is None:
            answers[label] = Answer(None, 1)
            continue
        end = next((s for s in starts if s > at), len(rows))
        value = "\n".join(rows[at + 1 : end]).strip("\n").rstrip()
        answers[label] = Answer(None if value.strip() in ("", NO_RESPONSE) else value, at + 1)
    return answers


def ticked(value: str | None) -> list[str]:
    """The words of each ticked box (``- [X] words``) in a checkboxes answer."""
    return [m[2].strip() for row in (value or "").split("\n") if (m := _BOX.match(row)) and m[1] in "xX"]


def chosen(value: str, options: Mapping[str, str], multiple: bool) -> tuple[list[str], list[str]]:
    """The option keys a dropdown answer names, and any words that match no option.

    GitHub joins several choices with ', ', and an option's words may hold ', ' too: the longest
    option that starts the remaining text is taken each time."""
    by_words = {words: key for key, words in options.items()}
    if not multiple:
        return ([by_words[value]], []) if value in by_words else ([], [value])
    keys: list[str] = []
    unknown: list[str] = []
    rest = value
    while rest:
        fits = [w for w in by_words if rest == w or rest.startswith(w + ", ")]
        if fits:
            words = max(fits, key=len)
            keys.append(by_words[words])
            rest = rest[len(words) + 2 :]
        else:
            word, _, rest = rest.partition(", ")
            unknown.append(word)
    return list(dict.fromkeys(keys)), unknown


class _Reader:
    """Turns answers into front-matter values, collecting problems located in the body file."""

    def __init__(self, answers: Mapping[str, Answer], shown: str) -> None:
        self.answers, self.shown = answers, shown
        self.problems: list[Problem] = []

    def refuse(self, label: str, message: str) -> None:
        self.problems.append(Problem(self.shown, self.answers[label].line, label, message))

    def text(self, label: str, required: bool = False, one_line: bool = True, plain: bool = False) -> str | None:
        value = self.answers[label].value
        if value is None:
            if required:
                self.refuse(label, "this question needs an answer")
            return None
        if _CONTROL.search(value):
            self.refuse(label, "holds invisible control characters; type the text again without them")
            return None
        if one_line and "\n" in value.strip():
            self.refuse(label, "write the answer on one line")
            return None
        if plain and _TAG.search(value):
            self.refuse(label, "write plain text: HTML tags such as <b> or <script> are not allowed here")
            return None
        return " ".join(value.split()) if one_line else value

    def choice(self, field: f.FormField) -> list[str]:
        value = self.text(field.label, required=field.required, one_line=True)
        if value is None:
            return []
        keys, unknown = chosen(value, field.options, field.multiple)
        for word in unknown:
            self.refuse(field.label, f"'{word}' is not one of the choices; choose from the list in the form")
        return keys


def read_draft(
    text: str, questions: Sequence[f.FormField], shown: str, today: dt.date
) -> tuple[Draft | None, list[Problem]]:
    """The entry a form body describes, or the problems (located at the question's heading) that stop it."""
    fields = {x.label: x for x in questions}
    answers = read_answers(text, list(fields))
    r = _Reader(answers, shown)
    types = r.choice(fields[f.TYPE])
    title = r.text(f.TITLE, required=True, plain=True)
    summary = r.text(f.SUMMARY, required=True, one_line=False, plain=True)
    topics = r.choice(fields[f.TOPICS])
    audience = r.choice(fields[f.AUDIENCE])
    source = _source(r)
    body = r.text(f.TEXT, required=True, one_line=False)
    ticked_notes = ticked(answers[f.NOTES].value)
    notes = [key for key, words in fields[f.NOTES].options.items() if words in ticked_notes]
    authors = _authors(r, fields[f.NAMED])
    confirmed = ticked(answers[f.CONFIRM].value)
    if any(words not in confirmed for words in fields[f.CONFIRM].options.values()):
        r.refuse(f.CONFIRM, "tick both boxes to confirm; a reviewer cannot accept the entry without them")
    entry_id = slugify(title) if title else ""
    if title and not schema.SLUG.match(entry_id):
        r.refuse(f.TITLE, "needs some letters or digits: the entry's web address is made from them")
    if r.problems or not (types and title and summary and topics and body):
        return None, r.problems
    data: dict[str, Any] = {"id": entry_id, "title": title, "type": types[0], "summary": " ".join(summary.split())}
    data["topics"] = topics
    if audience:
        data["audience"] = audience
    if authors:
        data["authors"] = authors
    if source:
        data["source"] = source
    if notes:
        data["content_notes"] = notes
    data["added"] = today
    _, found = schema.check_mapping(schema.ENTRY, data)
    problems = [Problem(shown, answers[label_of(key)].line, label_of(key), msg) for key, msg in found]
    return (None, problems) if problems else (Draft(data, body.strip() + "\n"), [])


def _source(r: _Reader) -> dict[str, Any] | None:
    title = r.text(f.SOURCE_TITLE, plain=True)
    authors_text = r.text(f.SOURCE_AUTHORS, one_line=False, plain=True)
    organisation = r.text(f.SOURCE_ORG, plain=True)
    year_text = r.text(f.SOURCE_YEAR)
    url = r.text(f.SOURCE_LINK)
    authors = [" ".join(a.lstrip("-* ").split()) for a in (authors_text or "").split("\n") if a.strip("-* \t")]
    year = None
    if year_text is not None:
        if _YEAR.match(year_text):
            year = int(year_text)
        else:
            r.refuse(f.SOURCE_YEAR, f"'{year_text}' is not a year; write four digits, such as 2021")
    if title is None:
        if authors or organisation or year or url:
            r.refuse(f.SOURCE_TITLE, "give the title of the work whose authors, year or link you filled in")
        return None
    source: dict[str, Any] = {"title": title}
    if authors:
        source["authors"] = authors
    if organisation:
        source["organisation"] = organisation
    if year is not None:
        source["year"] = year
    if url:
        source["url"] = url
    return source


def _authors(r: _Reader, field: f.FormField) -> list[dict[str, str]]:
    choice = r.choice(field)
    name = r.text(f.NAME, plain=True)
    if not choice:
        if name:
            r.refuse(
                f.NAMED, f"you gave a name; also choose how you wish to be named ({', '.join(field.options.values())})"
            )
        return []
    if choice[0] == "anonymous":  # the site and the file say only "Anonymous", whatever name was typed
        return [{"name": "Anonymous", "attribution": "anonymous"}]
    if not name:
        r.refuse(f.NAME, "write the name to publish, or choose to be named anonymously")
        return []
    return [{"name": name, "attribution": choice[0]}]


def label_of(key: str) -> str:
    """The form question for a front-matter key (``source.url``, ``topics.2``, ``~authors.0.x``)."""
    parts = [p for p in key.lstrip("~").split(".") if not p.isdigit()]
    for n in range(len(parts), 0, -1):
        label = KEY_LABELS.get(".".join(parts[:n]))
        if label:
            return label
    return f.TEXT


def in_form_words(message: str) -> str:
    """A check's message with YAML words replaced by the form's."""
    for word, words in _MESSAGE_WORDS.items():
        message = message.replace(word, words)
    return message


class _Dumper(yaml.SafeDumper):
    """safe_dump that never writes anchors: the loader refuses them."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def render_draft(draft: Draft) -> str:
    """The entry file's text. Raises ValueError if it would not read back as exactly the draft (a bug)."""
    head = yaml.dump(draft.data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
    text = f"---\n{head}---\n\n{draft.body}"
    try:
        back = parse(text)
    except FrontMatterError as exc:
        raise ValueError(f"the entry file would not read back: {exc.message}") from None
    if back.data != draft.data or back.body.strip() != draft.body.strip():
        raise ValueError("the entry file would not read back as the form's answers")
    return text
