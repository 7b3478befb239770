"""Read a library folder into an immutable ``Library`` and the list of every problem found."""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import stat
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import schema
from .body_checks import check_body
from .circulation import ledger_path, load_ledger
from .frontmatter import MAX_BYTES, FrontMatterError, decode, load_yaml, parse
from .model import (
    ERROR,
    WARNING,
    Access,
    Author,
    DomainRef,
    Entry,
    Holding,
    Library,
    LineMap,
    Problem,
    Review,
    Source,
    Topic,
)
from .pathways import load_pathways
from .prose import front_rows
from .validate import cross_check

SKIP_DIRS = {"files", "pathways", "circulation", "style"}


@dataclass
class Cache:
    """Parsed entries kept between ``mkdocs serve`` rebuilds, keyed by path, mtime and size."""

    files: dict[str, tuple[tuple[int, int], Entry | None, list[Problem]]] = field(default_factory=dict)
    # the writing checks' problems per entry path, with the matcher and the entry's inputs they came from
    writing: dict[str, tuple[Any, tuple[object, ...], list[Problem]]] = field(default_factory=dict)
    matcher: tuple[Any, Any] | None = None  # (the word list's rules, the matcher compiled from them)


def _walk(library_dir: Path) -> tuple[list[Path], list[Path]]:
    """(entry files, other paths the loader will not read) under the library's entry folders."""
    found: list[Path] = []
    unread: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(library_dir, followlinks=False):
        top = Path(dirpath) == library_dir
        if top:
            dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        # os.walk lists a symbolic link to a folder but never enters it: say so rather than skip it.
        unread += [Path(dirpath, d) for d in dirnames if Path(dirpath, d).is_symlink()]
        for f in filenames:
            if f.endswith(".md"):
                if f.lower() != "readme.md":
                    found.append(Path(dirpath, f))
            elif not top and not f.startswith("."):
                unread.append(Path(dirpath, f))
    return sorted(found), sorted(unread)


def entry_files(library_dir: Path) -> list[Path]:
    """Every entry file under the library folder, in a stable order."""
    return _walk(library_dir)[0]


def unread_files(library_dir: Path, root: Path) -> list[Problem]:
    """A warning for each file in an entry folder that is not read (not .md) and each linked folder."""
    return _unread_problems(_walk(library_dir)[1], root)


def _unread_problems(unread: list[Path], root: Path) -> list[Problem]:
    problems = []
    for path in unread:
        if path.is_dir():
            message = "is a symbolic link to a folder, which is not read; move the entries into library/"
        else:
            message = "is not read: only .md files are entries (put other files in library/files/)"
        problems.append(Problem(display(path, root), 1, "", message, WARNING))
    return problems


def display(path: Path, root: Path) -> str:
    """The path as problems show it: relative to the project root where possible, with '/'."""
    text, base = os.fspath(path), os.fspath(root)
    if os.sep == "/" and text.startswith(base + "/"):
        return text[len(base) + 1 :]  # the usual case, without pathlib's cost (it adds up over 10,000 files)
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def load_library(
    library_dir: Path, root: Path | None = None, cache: Cache | None = None, jobs: int = 1
) -> tuple[Library, list[Problem]]:
    """Load topics and entries, validate each and then all together; never raises for bad content.

    ``jobs`` > 1 reads a large library in that many worker processes when nothing is cached yet (see
    ``safe_jobs``); later loads with a ``cache`` reread only files that changed, in this process.
    """
    library_dir = Path(library_dir)
    root = Path(root) if root is not None else library_dir.parent
    problems: list[Problem] = []
    topics, topic_problems = load_topics(library_dir / "topics.yml", root)
    paths, unread = _walk(library_dir)  # once: over 10,000 files a walk is a tenth of a second
    problems += topic_problems + _unread_problems(unread, root)
    entries: list[Entry] = []
    if jobs > 1 and len(paths) >= PARALLEL_FROM and not (cache and cache.files):
        loaded = _load_parallel(paths, library_dir, root, jobs, cache)
    else:
        loaded = [_load_cached(path, library_dir, root, cache) for path in paths]
    for entry, found in loaded:
        problems += found
        if entry is not None:
            entries.append(entry)
    kept, cross = cross_check(entries, topics, library_dir, root)
    problems += cross
    pathways, pathway_problems = load_pathways(library_dir / "pathways", root, kept)
    problems += pathway_problems
    library = Library(entries=tuple(sorted(kept, key=lambda e: e.id)), topics=tuple(topics), pathways=tuple(pathways))
    loans, loan_problems = load_ledger(library_dir, library, display(ledger_path(library_dir), root))
    library = dataclasses.replace(library, loans=loans)
    problems += loan_problems
    return library, sorted(set(problems))


PARALLEL_FROM = 2000  # below this, starting workers costs more than it saves


def safe_jobs() -> int:
    """How many processes may parse entries: every core, unless threads are running (forking a
    threaded process can deadlock; ``mkdocs serve`` has threads once its server is up)."""
    return (os.cpu_count() or 1) if threading.active_count() == 1 else 1


def _load_parallel(
    paths: list[Path], library_dir: Path, root: Path, jobs: int, cache: Cache | None
) -> list[tuple[Entry | None, list[Problem]]]:
    """Parse entry files in ``jobs`` forked processes; results come back in the order of ``paths``."""
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: one process it is
        return [_load_cached(path, library_dir, root, cache) for path in paths]
    keys: dict[str, tuple[int, int]] = {}
    if cache is not None:  # stat before parsing, so a file changed meanwhile is read again next time
        for path in paths:
            with contextlib.suppress(OSError):
                st = os.lstat(path)
                keys[os.fspath(path)] = (st.st_mtime_ns, st.st_size)
    with context.Pool(jobs) as pool:
        shipped = pool.starmap(
            _load_shippable, [(p, library_dir, root) for p in paths], chunksize=max(1, len(paths) // (jobs * 8))
        )
    out: list[tuple[Entry | None, list[Problem]]] = []
    for path, (entry, lines, found) in zip(paths, shipped, strict=True):
        if entry is not None:
            object.__setattr__(entry, "lines", LineMap(lines))
        out.append((entry, found))
        if cache is not None and (key := keys.get(os.fspath(path))):
            cache.files[os.fspath(path)] = (key, entry, found)
    return out


def _load_shippable(path: Path, library_dir: Path, root: Path) -> tuple[Entry | None, dict[str, int], list[Problem]]:
    # A mappingproxy cannot be pickled: send the line map as a plain dict and wrap it again on arrival.
    entry, found = load_entry(path, library_dir, root)
    if entry is None:
        return None, {}, found
    lines = dict(entry.lines)
    object.__setattr__(entry, "lines", {})
    return entry, lines, found


def _load_cached(path: Path, library_dir: Path, root: Path, cache: Cache | None) -> tuple[Entry | None, list[Problem]]:
    shown = display(path, root)
    try:
        st = os.lstat(path)
    except OSError as exc:
        return None, [Problem(shown, 1, "", f"cannot read file: {exc.strerror}")]
    key = (st.st_mtime_ns, st.st_size)
    where = os.fspath(path)  # the full path: one process may serve (or test) several libraries
    if cache is not None and (hit := cache.files.get(where)) and hit[0] == key:
        return hit[1], hit[2]
    entry, found = load_entry(path, library_dir, root, st)
    if cache is not None:
        cache.files[where] = (key, entry, found)
    return entry, found


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
    problems = []
    for key, message in found:
        severity = WARNING if key.startswith("~") else ERROR
        key = key.lstrip("~")
        line = _line(parsed.lines, key)
        problems.append(Problem(shown, line, key.split(".")[0], message, severity))
    body_problems = [Problem(shown, parsed.body_line + i, "body", msg, sev) for i, msg, sev in check_body(parsed.body)]
    problems += body_problems
    if any(p.is_error for p in body_problems) or any(
        p.is_error and p.field in ("id", "title", "type", "summary", "topics") for p in problems
    ):
        return None, problems
    front = front_rows(parsed.front, parsed.lines, parsed.body_line)
    return build_entry(clean, parsed.body, parsed.body_line, parsed.lines, shown, front), problems


def _line(lines: dict[str, int], key: str) -> int:
    """The line of a key, or of its nearest parent that was written (a missing field: line 2)."""
    while key:
        if key in lines:
            return lines[key]
        key = key.rpartition(".")[0]
    return 2


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


TOPIC_FIELDS = {
    "id": schema.Spec("slug", "Topic id.", required=True),
    "label": schema.Spec("text", "Label.", required=True),
    "description": schema.Spec("text", "One sentence.", required=True, one_line=False),
    "broader": schema.Spec("slug", "Id of the broader topic."),
}


def load_topics(path: Path, root: Path) -> tuple[list[Topic], list[Problem]]:
    """Read topics.yml: a list of {id, label, description, broader}; check the hierarchy."""
    shown = display(path, root)
    try:
        data, lines = load_yaml(decode(path.read_bytes()))
    except FileNotFoundError:
        return [], [Problem(shown, 1, "", "topics file is missing; create it with at least one topic")]
    except FrontMatterError as exc:
        return [], [Problem(shown, exc.line, "", exc.message)]
    if not isinstance(data, list):
        return [], [Problem(shown, 1, "", "must be a list of topics, each '- id: ...' with label and description")]
    topics: list[Topic] = []
    problems: list[Problem] = []
    for i, item in enumerate(data):
        line = lines.get(str(i), 1)
        if not isinstance(item, dict):
            problems.append(Problem(shown, line, "", "each topic must be a mapping with id, label and description"))
            continue
        clean, found = schema.check_mapping(TOPIC_FIELDS, item)
        for key, message in found:
            key = key.lstrip("~")
            problems.append(Problem(shown, lines.get(f"{i}.{key}", line), key, message))
        if {"id", "label", "description"} <= clean.keys():
            topics.append(
                Topic(
                    clean["id"],
                    clean["label"],
                    " ".join(clean["description"].split()),
                    clean.get("broader"),
                    shown,
                    line,
                )
            )
    problems += _check_hierarchy(topics)
    return topics, problems


def _check_hierarchy(topics: Iterable[Topic]) -> list[Problem]:
    problems: list[Problem] = []
    by_id: dict[str, Topic] = {}
    for t in topics:
        if t.id in by_id:
            problems.append(
                Problem(t.path, t.line, "id", f"duplicate topic id '{t.id}' (first at line {by_id[t.id].line})")
            )
        else:
            by_id[t.id] = t
    for t in by_id.values():
        if t.broader and t.broader not in by_id:
            problems.append(
                Problem(t.path, t.line, "broader", f"unknown topic '{t.broader}'{schema.suggest(t.broader, by_id)}")
            )
            continue
        seen, up = {t.id}, t.broader
        while up and up in by_id:
            if up in seen:
                problems.append(
                    Problem(t.path, t.line, "broader", f"topic '{t.id}' is its own broader topic (a cycle)")
                )
                break
            seen.add(up)
            up = by_id[up].broader
    return problems
