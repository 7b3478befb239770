"""One entry file: read it, validate its front matter and body on their own (checks across entries
come later, in ``validate``), and say where each problem is."""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path
from typing import Any

from peer_library.model import (
    Access,
    Author,
    DomainRef,
    Entry,
    Holding,
    LineMap,
    Problem,
    Review,
    Source,
    nearest_line,
)

from . import schema
from .body_checks import check_body
from .frontmatter import MAX_BYTES, FrontMatterError, decode, parse
from .prose import front_rows

REQUIRED = ("title", "type", "summary", "topics")  # an entry cannot be published without these
FIRST_FIELD = 2  # the line after the opening '---': where a missing field is reported


def display(path: Path, root: Path) -> str:
    """The path as problems show it: relative to the project root where possible, with '/'."""
    text, base = os.fspath(path), os.fspath(root)
    if os.sep == "/":  # the usual cases, without pathlib's cost (it adds up over 10,000 files)
        if text.startswith(base + "/"):
            return text[len(base) + 1 :]
        if not text.startswith("/") and base.startswith("/"):
            return text  # already relative (`peer-library check library` from the project folder)
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def load_entry(
    path: Path, library_dir: Path, root: Path, st: os.stat_result | None = None
) -> tuple[Entry | None, list[Problem]]:
    """Read and validate one entry file on its own (cross-entry checks come later); ``st`` is its lstat."""
    shown = display(path, root)
    link = path.is_symlink() if st is None else stat.S_ISLNK(st.st_mode)
    if link:
        target = path.resolve()
        if not target.is_relative_to(library_dir.resolve()):
            return None, [
                Problem(shown, 1, "", "is a symbolic link to a file outside library/; copy the file in instead")
            ]
    try:
        regular = stat.S_ISREG(st.st_mode) if st is not None and not link else path.is_file()
        if not regular:  # a folder named .md, a named pipe (reading it would block), a device
            return None, [Problem(shown, 1, "", "is not a regular file; an entry is a plain .md text file")]
        size = st.st_size if st is not None and not link else path.stat().st_size
        if size > MAX_BYTES:
            return None, [
                Problem(
                    shown, 1, "", f"file is larger than {MAX_BYTES // 1_000_000} MB; split it or link to the full text"
                )
            ]
        parsed = parse(decode(path.read_bytes()))
    except FrontMatterError as exc:
        return None, [Problem(shown, exc.line, "", exc.message)]
    except OSError as exc:
        return None, [Problem(shown, 1, "", f"cannot read file: {exc.strerror}")]
    clean, found = schema.check_mapping(schema.ENTRY, parsed.data)
    problems = [schema.located(shown, parsed.lines, key, message, FIRST_FIELD) for key, message in found]
    problems += _identifier_problems(clean, parsed.lines, shown)
    body_problems = [Problem(shown, parsed.body_line + i, "body", msg, sev) for i, msg, sev in check_body(parsed.body)]
    problems += body_problems
    if any(p.is_error for p in body_problems) or "id" not in clean:
        return None, problems  # a body that is not safe to read further, or nothing to know it by
    unusable = any(p.is_error and p.field in REQUIRED for p in problems)
    if unusable:  # stand-ins, so that its topics, related entries and links are still checked
        clean = {"title": clean["id"], "type": "", "summary": "", "topics": [], **clean}
    front = front_rows(parsed.front, parsed.lines, parsed.body_line)
    entry = build_entry(clean, parsed.body, parsed.body_line, parsed.lines, shown, front)
    return (dataclasses.replace(entry, unusable=True) if unusable else entry), problems


IDENTIFIED_TYPES = ("writing", "resource")  # works a cataloguer must be able to find again


def _identifier_problems(data: dict[str, Any], lines: dict[str, int], shown: str) -> list[Problem]:
    """A writing or resource names its work by at least one public identifier: doi, isbn or url."""
    if data.get("type") not in IDENTIFIED_TYPES or data.get("withdrawn"):  # a withdrawn piece is a notice only
        return []
    src = data.get("source") or {}
    if any(src.get(k) for k in ("doi", "isbn", "url")):
        return []
    return [
        Problem(
            shown,
            nearest_line(lines, "source", nearest_line(lines, "type", FIRST_FIELD)),
            "source",
            f"a {data['type']} needs a public identifier for its work: add source.doi, source.isbn or source.url "
            "(the record you checked it against)",
        )
    ]


def build_entry(
    data: dict[str, Any],
    body: str,
    body_line: int,
    lines: dict[str, int],
    path: str,
    front: tuple[tuple[int, str], ...] = (),
) -> Entry:
    """Turn validated plain data into an ``Entry``."""

    def objs(cls: Any, key: str) -> tuple[Any, ...]:
        return tuple(cls(**item) for item in data.get(key, []))

    src = data.get("source")
    return Entry(
        id=data["id"],
        title=data["title"],
        type=data["type"],
        summary=" ".join(data["summary"].split()),
        topics=tuple(data["topics"]),
        path=path,
        body=body,
        body_line=body_line,
        aliases=tuple(data.get("aliases", [])),
        audience=tuple(data.get("audience", [])),
        authors=objs(Author, "authors"),
        source=Source(**{**src, "authors": tuple(src.get("authors", []))}) if src else None,
        year=data.get("year"),
        jurisdiction=data.get("jurisdiction"),
        format=data.get("format"),
        related=tuple(data.get("related", [])),
        domains=objs(DomainRef, "domains"),
        criteria=tuple(data.get("criteria", [])),
        reviewed=Review(**data["reviewed"]) if "reviewed" in data else None,
        content_notes=tuple(data.get("content_notes", [])),
        added=data.get("added"),
        updated=data.get("updated"),
        withdrawn=data.get("withdrawn"),
        holdings=objs(Holding, "holdings"),
        access=Access(**data["access"]) if "access" in data else None,
        lines=LineMap(lines),
        front_rows=front,
    )
