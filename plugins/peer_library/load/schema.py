"""The entry schema, defined once: the loader validates with it and ``json_schema`` exports it.

A field is a ``Spec``; ``check(spec, value)`` returns the value in plain Python form plus the
problems found, each with the dotted key it belongs to so the loader can give its line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from peer_library.model import ERROR, WARNING, Problem, nearest_line, vocab

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SAFE_URL = re.compile(r"^(https?://|mailto:)[^\s<>\"]+$", re.IGNORECASE)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
MAX_SLUG = 100  # ids become folder names: file systems refuse names over 255 bytes


@dataclass(frozen=True)
class Spec:
    """What one field accepts. ``kind`` is one of text, slug, int, date, url, path, doi, isbn, enum, list,
    object."""

    kind: str
    description: str = ""
    required: bool = False
    choices: Mapping[str, str] | None = None
    items: Spec | None = None
    fields: Mapping[str, Spec] = field(default_factory=dict)
    min_items: int = 0
    max_items: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    one_line: bool = True


def _text(desc: str, required: bool = False, one_line: bool = True) -> Spec:
    return Spec("text", desc, required=required, one_line=one_line)


def _enum(desc: str, choices: Mapping[str, str], required: bool = False) -> Spec:
    return Spec("enum", desc, required=required, choices=choices)


def _list(desc: str, items: Spec, required: bool = False, min_items: int = 0, max_items: int | None = None) -> Spec:
    return Spec("list", desc, required=required, items=items, min_items=min_items, max_items=max_items)


def object_spec(desc: str, fields: Mapping[str, Spec], required: bool = False) -> Spec:
    return Spec("object", desc, required=required, fields=fields)


YEAR = Spec("int", "A four-digit year.", minimum=1000, maximum=2999)

SOURCE = object_spec(
    "Structured citation of the work the entry describes or draws on.",
    {
        "title": _text("Title of the work.", required=True),
        "authors": _list("Personal authors as 'Surname, Initials'.", _text("An author.")),
        "organisation": _text("Corporate author or organisation."),
        "publisher": _text("Publisher."),
        "place": _text("Place of publication."),
        "year": YEAR,
        "section": _text("Section or chapter the entry draws on."),
        "pages": _text("Page or page range."),
        "url": Spec("url", "Web address (http or https)."),
        "container": _text("Journal, book or series the work appears in."),
        "volume": _text("Volume."),
        "issue": _text("Issue."),
        "doi": Spec("doi", "DOI, without https://doi.org/ (10.xxxx/...)."),
        "isbn": Spec(
            "isbn", "ISBN-10 or ISBN-13 of the edition cited; hyphens allowed, the check digit must be right."
        ),
        "edition": _text("Edition."),
    },
)

ENTRY: dict[str, Spec] = {
    "id": Spec("slug", "Stable identifier: lowercase words joined by hyphens. The entry's URL.", required=True),
    "title": _text("Title as readers see it.", required=True),
    "type": _enum("What kind of entry this is.", {k: v for k, v in vocab.TYPE_LABELS.items()}, required=True),
    "summary": _text(
        "One or two plain-language sentences a new staff member understands.", required=True, one_line=False
    ),
    "topics": _list("Topic ids from library/topics.yml.", Spec("slug", "A topic id."), required=True, min_items=1),
    "aliases": _list("Old ids (lowercase slugs, which get redirects) and other names or acronyms.", _text("An alias.")),
    "audience": _list("Who the entry is for.", _enum("An audience.", vocab.AUDIENCES)),
    "authors": _list(
        "Authors of the writing or resource.",
        object_spec(
            "An author.",
            {
                "name": _text("Name as published.", required=True),
                "attribution": _enum("How the author chose to be credited.", vocab.ATTRIBUTIONS, required=True),
                "consent": Spec("date", "Date the author consented to inclusion."),
            },
        ),
    ),
    "source": SOURCE,
    "year": YEAR,
    "jurisdiction": _text("Country or state the resource comes from or applies to."),
    "format": _enum("Format of the resource.", vocab.FORMATS),
    "related": _list("Ids of related entries.", Spec("slug", "An entry id.")),
    "domains": _list(
        "Framework domain sections this entry relates to.",
        object_spec(
            "A domain mapping.",
            {
                "domain": Spec("slug", "Id of a domain entry.", required=True),
                "section": _enum("Section of the domain.", vocab.DOMAIN_SECTIONS, required=True),
            },
        ),
    ),
    "criteria": _list("Recovery Library selection criteria the resource meets.", _enum("A criterion.", vocab.CRITERIA)),
    "reviewed": object_spec(
        "Who last reviewed the entry, and when.",
        {
            "by": _text("Reviewer.", required=True),
            "on": Spec("date", "Review date.", required=True),
        },
    ),
    "content_notes": _list("Difficult subjects the entry discusses.", _enum("A content note.", vocab.CONTENT_NOTES)),
    "added": Spec("date", "Date the entry was added."),
    "updated": Spec("date", "Date the entry was last updated."),
    "withdrawn": Spec("date", "Date the author withdrew the piece; the page becomes a short notice."),
    "holdings": _list(
        "Physical copies the service holds.",
        object_spec(
            "A copy.",
            {
                "copy": Spec("slug", "Copy id, unique within the entry.", required=True),
                "location": _text("Where the copy is kept.", required=True),
            },
        ),
    ),
    "access": object_spec(
        "Where to read the resource: a web address or a file under library/files/.",
        {
            "url": Spec("url", "Web address (http or https)."),
            "file": Spec("path", "Path of a file under library/files/."),
        },
    ),
}


def isbn_digits(text: str) -> str | None:
    """The ISBN without hyphens or spaces if its length and check digit are right, else None."""
    digits = re.sub(r"[\s-]", "", text).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return digits if total % 11 == 0 else None
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(digits))
        return digits if total % 10 == 0 else None
    return None


def suggest(word: str, choices: Any) -> str:
    """A "; did you mean 'x'?" suffix when a close match exists, else ''."""
    return _did_you_mean(str(word), [str(c) for c in choices])


class Suggestions:
    """``suggest`` for many words over one large set of choices (every entry id): the choices are
    listed once, and each word's answer is kept, since one renamed entry can leave hundreds of
    links to its old id (difflib takes about 0.08 s per word over 10,000 ids)."""

    def __init__(self, choices: Any) -> None:
        self._choices = [str(c) for c in choices]
        self._said: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        if word not in self._said:
            self._said[word] = _did_you_mean(word, self._choices)
        return self._said[word]


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _type_name(value: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        int: "a number",
        float: "a decimal number",
        bool: "true/false",
        dt.date: "a date",
        type(None): "empty",
    }.get(type(value), type(value).__name__)


def check(spec: Spec, value: Any, key: str) -> tuple[Any, list[tuple[str, str]]]:
    """Validate ``value`` against ``spec``; return (clean value or None, [(key, message), ...])."""
    kind = spec.kind
    if kind == "object":
        if not isinstance(value, dict):
            return None, [(key, f"must be a mapping of {', '.join(spec.fields)}, not {_type_name(value)}")]
        clean, problems = check_mapping(spec.fields, value, key)
        complete = all(name in clean for name, sub in spec.fields.items() if sub.required)
        return (clean if complete else None), problems
    if kind == "list":
        if not isinstance(value, list):
            return None, [(key, f"must be a list, not {_type_name(value)}")]
        out, problems = [], []
        assert spec.items is not None
        for i, item in enumerate(value):
            clean, found = check(spec.items, item, f"{key}.{i}")
            problems += found
            if clean is not None:
                out.append(clean)
        if len(value) < spec.min_items:
            problems.append((key, f"needs at least {spec.min_items} item{'s' * (spec.min_items > 1)}"))
        if spec.max_items is not None and len(value) > spec.max_items:
            problems.append((key, f"has {len(value)} items; at most {spec.max_items} allowed"))
        return out, problems
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date(), []
        if isinstance(value, dt.date):
            return value, []
        if isinstance(value, str) and DATE.match(value.strip()):
            try:
                return dt.date.fromisoformat(value.strip()), []
            except ValueError:
                pass
        return None, [(key, f"invalid date {str(value)!r}; write it as YYYY-MM-DD")]
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return None, [(key, f"must be a whole number, not {_type_name(value)}")]
        if (spec.minimum is not None and value < spec.minimum) or (spec.maximum is not None and value > spec.maximum):
            return None, [(key, f"{value} is out of range ({spec.minimum}-{spec.maximum})")]
        return value, []
    # The remaining kinds are all text.
    if not isinstance(value, str):
        return None, [(key, f"must be text, not {_type_name(value)}")]
    text = value.strip()
    if not text:
        return None, [(key, "must not be empty")]
    if kind == "slug":
        if len(text) > MAX_SLUG:
            return None, [(key, f"{text[:20]!r}... is {len(text)} characters long; an id has at most {MAX_SLUG}")]
        if not SLUG.match(text):
            fixed = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
            hint = f"; try '{fixed}'" if fixed else ""
            return None, [(key, f"{text!r} is not a valid id: use lowercase letters, digits and hyphens{hint}")]
    elif kind == "enum":
        assert spec.choices is not None
        if text not in spec.choices:
            what = key.rsplit(".", 1)[0] if key[-1].isdigit() else key
            return None, [
                (
                    key,
                    f"unknown {what.split('.')[-1]} {text!r}{suggest(text, spec.choices)} "
                    f"(one of: {', '.join(spec.choices)})",
                )
            ]
    elif kind == "url":
        if not SAFE_URL.match(text):
            return None, [(key, f"{text!r} is not a web address; use an http:// or https:// URL")]
    elif kind == "doi":
        bare = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", text, flags=re.IGNORECASE)
        if not DOI.match(bare):
            return None, [(key, f"{text!r} is not a DOI; write it as 10.1234/abcd, without https://doi.org/")]
        return bare, []
    elif kind == "isbn":
        digits = isbn_digits(text)
        if digits is None:
            return None, [(key, f"{text!r} is not a valid ISBN (10 or 13 digits with a correct check digit)")]
        return digits, []
    elif kind == "path":
        if text.startswith(("/", "\\")) or ".." in text.replace("\\", "/").split("/"):
            return None, [(key, f"{text!r} must be a path inside library/files/, without '..'")]
    elif spec.one_line and ("\n" in text):
        text = " ".join(text.split())
    return text, []


def check_mapping(
    fields: Mapping[str, Spec], data: dict[Any, Any], prefix: str = ""
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Validate a mapping field by field: required keys, unknown keys (warnings, marked '~'), values."""
    out: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    dot = f"{prefix}." if prefix else ""
    for name, spec in fields.items():
        if name not in data or data[name] is None:
            if spec.required:
                named = f" '{name}'" if prefix else ""  # the problem is shown under the top field's name
                problems.append((f"{dot}{name}", f"required field{named} is {'missing' if name not in data else 'empty'}"))
            continue
        clean, found = check(spec, data[name], f"{dot}{name}")
        problems += found
        if clean is not None:
            out[name] = clean
    for name in data:
        if name not in fields:
            problems.append((f"~{dot}{name}", f"unknown field '{dot}{name}'{suggest(name, fields)}; it is ignored"))
    return out, problems


def located(path: str, lines: Mapping[str, int], key: str, message: str, missing: int, within: str = "") -> Problem:
    """A problem ``check_mapping`` found, at the line of its key (``within`` a list item, e.g. "3.");
    an unknown field, which is ignored, is a warning (``check_mapping`` marks its key with '~')."""
    severity = WARNING if key.startswith("~") else ERROR
    key = key.lstrip("~")
    return Problem(path, nearest_line(lines, f"{within}{key}", missing), key.split(".")[0], message, severity)
