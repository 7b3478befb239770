"""A new entry file to fill in: every field present with a short comment, the id made from the title.

The comments come from the one schema (``schema.ENTRY``), so a field added there appears here too.
Empty fields are read as absent, so the file passes ``check`` once summary and topics are filled.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import yaml

from peer_library.load import schema
from peer_library.load.entry_file import display
from peer_library.load.frontmatter import FrontMatterError, decode, parse
from peer_library.load.library import entry_files
from peer_library.model import vocab
from peer_library.model.links import alias_key

MAX_ID = 60

# Extra words for fields whose shape the schema description alone does not show a newcomer.
HINTS: dict[str, str] = {
    "id": "never change it once published: add the old id to aliases instead",
    "topics": "e.g. [{examples}]",
    "aliases": "e.g. [WRAP]",
    "authors": "each: - name: ..., attribution: named | pseudonym | anonymous, consent: YYYY-MM-DD",
    "source": "title, authors or organisation, year, doi, isbn or url (a writing or resource needs one), pages, "
    "publisher (indented lines below 'source:')",
    "domains": "each: - domain: <domain entry id>, section: " + " | ".join(vocab.DOMAIN_SECTIONS),
    "reviewed": "by: <reviewer>, on: YYYY-MM-DD",
    "holdings": "each: - copy: <copy id>, location: <shelf or office>",
    "access": "url: https://... or file: <name in library/files/>",
    "withdrawn": "YYYY-MM-DD; only when an author withdraws their piece",
    "content_notes": "check warns when the text mentions one of these without it",
}

BODY = """\
<!--
Write the entry here, in your own words and in plain language. Draw on the source you cite above;
do not paste its sentences. To link another entry, put its id in double square brackets
(CONTRIBUTING.md shows how).
Headings that often help: "## What it is", "## In practice", "## Where it comes from".
Delete this comment when you are done, then run: peer-library check
-->
"""


def slugify(title: str) -> str:
    """An id from a title: ASCII lowercase words joined by hyphens, at most 60 characters."""
    text = unicodedata.normalize("NFKD", title.replace("&", " and ")).encode("ascii", "ignore").decode()
    text = re.sub(r"['’]", "", text.lower())  # "People's" -> "peoples", not "people-s"
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_ID:
        slug = slug[: MAX_ID + 1].rsplit("-", 1)[0] if "-" in slug[:MAX_ID] else slug[:MAX_ID]
    return slug


def taken(library_dir: Path, root: Path) -> dict[str, str]:
    """Every id and alias already used, as compared (case-folded), -> who uses it, for messages.

    Reads each file's front matter directly, so an entry that does not yet pass ``check`` still
    keeps its id."""
    used: dict[str, str] = {}
    for path in entry_files(library_dir):
        try:
            data = parse(decode(path.read_bytes())).data
        except (OSError, FrontMatterError):
            continue
        shown = display(path, root)
        if isinstance(data.get("id"), str):
            used.setdefault(alias_key(data["id"]), f"{shown} (its id)")
        aliases = data.get("aliases")
        for alias in aliases if isinstance(aliases, list) else []:
            if isinstance(alias, str):
                used.setdefault(alias_key(alias), f"{shown} (an alias)")
    return used


def entry_path(library_dir: Path, entry_type: str, entry_id: str) -> Path:
    """Where an entry of this type lives: library/<type folder>/<id>.md."""
    return library_dir / vocab.TYPES[entry_type][0] / f"{entry_id}.md"


def _scalar(text: str) -> str:
    """A YAML scalar that reads back as exactly ``text`` (quoted only when it must be)."""
    try:
        plain = yaml.safe_load(f"v: {text}")
    except yaml.YAMLError:
        plain = None
    return text if isinstance(plain, dict) and plain.get("v") == text else json.dumps(text, ensure_ascii=False)


def _comment(name: str, spec: schema.Spec, topic_ids: list[str], filled: bool) -> str:
    parts = [("REQUIRED: " if spec.required and not filled else "") + spec.description.rstrip(".")]
    if spec.choices and name != "type":
        parts.append("one of: " + ", ".join(spec.choices))
    elif spec.items and spec.items.choices:
        parts.append("a list, any of: [" + ", ".join(spec.items.choices) + "]")
    hint = HINTS.get(name)
    if hint:
        parts.append(hint.format(examples=", ".join(topic_ids[:3]) or "recovery"))
    return "; ".join(parts)


def render_entry(entry_type: str, title: str, entry_id: str, today: dt.date, topic_ids: list[str]) -> str:
    """The new file's text: front matter with every field and a comment each, then a body guide."""
    values = {"id": entry_id, "title": _scalar(title), "type": entry_type, "added": today.isoformat()}
    rows = [f"{name}: {values[name]}" if name in values else f"{name}:" for name in schema.ENTRY]
    width = max(len(r) for r in rows) + 2
    lines = [
        "---",
        f"# A new {vocab.TYPE_LABELS[entry_type].lower()} entry. Fill in summary and topics, then any other field",
        "# that applies, and leave the rest empty. docs/schema/entry.schema.json describes every field.",
    ]
    for row, (name, spec) in zip(rows, schema.ENTRY.items(), strict=True):
        lines.append(f"{row.ljust(width)}# {_comment(name, spec, topic_ids, name in values)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + BODY
