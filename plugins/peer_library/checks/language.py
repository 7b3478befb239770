"""Recovery-oriented language: flag phrases from library/style/language.yml, with a kinder alternative.

Warnings only: the writer decides. Matching is case-insensitive and whole-word (a phrase inside
a longer word never matches; a space or hyphen in a phrase matches either). A line is left alone
when it carries ``<!-- language: ok -->`` (body) or ``# language: ok`` (a title or summary line
in the front matter), e.g. where a person's own words about themselves are quoted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from peer_library.load import schema
from peer_library.load.frontmatter import FrontMatterError, decode, load_yaml
from peer_library.load.prose import prose_lines
from peer_library.model import WARNING, Entry, Problem

STYLE_FILE = Path("style") / "language.yml"
WORD = re.compile(r"\w+")
SILENCE_BODY = re.compile(r"<!--\s*language:\s*ok\s*-->", re.IGNORECASE)
SILENCE_FRONT = re.compile(r"#\s*language:\s*ok\b", re.IGNORECASE)

RULE_FIELDS = {
    "phrase": schema.Spec("text", "The phrase to flag.", required=True),
    "also": schema.Spec("list", "Other forms of it.", items=schema.Spec("text", "A form.")),
    "suggest": schema.Spec(
        "list", "What to write instead.", required=True, min_items=1, items=schema.Spec("text", "An alternative.")
    ),
    "reason": schema.Spec("text", "Why, in one line.", required=True),
}


@dataclass(frozen=True)
class Rule:
    """A phrase to avoid, its other forms, what to write instead and why."""

    phrase: str
    suggest: tuple[str, ...]
    reason: str
    also: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Hit:
    """A flagged phrase in a line of text: the words as written and the rule they break."""

    start: int
    end: int
    text: str
    rule: Rule


def normal(phrase: str) -> str:
    """How phrases are compared: case-folded, spaces and hyphens between words as one space."""
    return re.sub(r"[\s\-]+", " ", phrase.casefold()).strip()


class Matcher:
    """All rules compiled into one case-insensitive, whole-word pattern."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.by_form: dict[str, Rule] = {}
        for rule in rules:
            for form in (rule.phrase, *rule.also):
                self.by_form.setdefault(normal(form), rule)
        # A line can only match if it has the longest word of some form: a cheap test that skips most lines.
        self.keys = frozenset(max(f.split(" "), key=len) for f in self.by_form)
        forms = sorted(self.by_form, key=lambda f: (-len(f), f))  # longest first: 'the mentally ill' wins
        alternatives = [r"[\s\-]+".join(re.escape(w) for w in f.split(" ")) for f in forms]
        self.pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE) if alternatives else None
        )

    def find(self, text: str) -> list[Hit]:
        """Every flagged phrase in ``text``, left to right, never overlapping."""
        if self.pattern is None or self.keys.isdisjoint(WORD.findall(text.casefold())):
            return []
        return [
            Hit(m.start(), m.end(), m.group(0), self.by_form[normal(m.group(0))]) for m in self.pattern.finditer(text)
        ]


def load_rules(path: Path, shown: str) -> tuple[list[Rule], list[Problem]]:
    """Read the word list; a missing file means no rules. Problems are located in the file."""
    try:
        data, lines = load_yaml(decode(path.read_bytes()))
    except FileNotFoundError:
        return [], []
    except FrontMatterError as exc:
        return [], [Problem(shown, exc.line, "", exc.message)]
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [Problem(shown, 1, "", "must be a list of '- phrase: ...' items with suggest and reason")]
    rules: list[Rule] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(data):
        line = lines.get(str(i), 1)
        if isinstance(item, dict) and isinstance(item.get("suggest"), str):
            item = {**item, "suggest": [item["suggest"]]}  # one suggestion may be written without a list
        if not isinstance(item, dict):
            problems.append(Problem(shown, line, "", "each item must be a mapping with phrase, suggest and reason"))
            continue
        clean, found = schema.check_mapping(RULE_FIELDS, item)
        problems += [schema.located(shown, lines, key, message, line, within=f"{i}.") for key, message in found]
        if not {"phrase", "suggest", "reason"} <= clean.keys():
            continue
        rule = Rule(clean["phrase"], tuple(clean["suggest"]), clean["reason"], tuple(clean.get("also", [])), line)
        for form in (rule.phrase, *rule.also):
            key = normal(form)
            if key in seen:
                problems.append(Problem(shown, line, "phrase", f"'{form}' is already listed at line {seen[key]}"))
            seen.setdefault(key, line)
        rules.append(rule)
    return rules, problems


def silenced(field: str, raw: str) -> bool:
    """Whether the writer marked this line as deliberate (a quotation, someone's own words)."""
    return bool((SILENCE_FRONT if field in ("title", "summary") else SILENCE_BODY).search(raw))


def message(hit: Hit) -> str:
    """'"suffers from": try "lives with" or "has experience of". Why: ...'"""
    options = [f'"{s}"' for s in hit.rule.suggest]
    said = options[0] if len(options) == 1 else ", ".join(options[:-1]) + " or " + options[-1]
    return f'"{hit.text}": try {said}. Why: {hit.rule.reason}'


def check_entry(entry: Entry, raw: str | None, matcher: Matcher) -> list[Problem]:
    """Language warnings for one entry's title, summary and body, each at its line (``raw``: the file's
    text, or None to read what loading kept on the entry)."""
    problems: list[Problem] = []
    silent_fields: set[str] = set()
    # a body line without the longest word of any phrase cannot match: most lines are never masked
    for prose in prose_lines(entry, raw, needles=matcher.keys):
        if prose.field != "body" and prose.line == entry.lines.get(prose.field) and silenced(prose.field, prose.raw):
            silent_fields.add(prose.field)  # '# language: ok' on a field's first line covers all of it
        if prose.field in silent_fields or silenced(prose.field, prose.raw):
            continue
        for hit in matcher.find(prose.text):
            problems.append(Problem(entry.path, prose.line, prose.field, message(hit), WARNING))
    return problems
