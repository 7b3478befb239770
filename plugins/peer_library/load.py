"""Read a library folder into an immutable ``Library`` and the list of every problem found."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import stat
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import schema
from .availability_file import load_availability
from .entry_file import display, load_entry
from .frontmatter import FrontMatterError, decode, load_yaml
from .model import WARNING, Entry, Library, Problem, Topic
from .pathways import load_pathways
from .reading import EntryWork, Loaded, Reading, can_fork, read_parallel
from .validate import cross_check

SKIP_DIRS = {"files", "pathways", "circulation", "style"}


@dataclass
class Cache:
    """Parsed entries kept between ``mkdocs serve`` rebuilds (and ``check`` runs: kept_cache), keyed
    by path, modification and change times, and size."""

    files: dict[str, tuple[tuple[int, int, int], Entry | None, list[Problem]]] = field(default_factory=dict)
    # the writing checks' problems per entry path, with the matcher and the entry's inputs they came from
    writing: dict[str, tuple[Any, tuple[object, ...], list[Problem]]] = field(default_factory=dict)
    matcher: tuple[Any, Any] | None = None  # (the word list's rules, the matcher compiled from them)
    read_afresh: int = 0  # entry files the last load read rather than found here


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


def load_library(
    library_dir: Path,
    root: Path | None = None,
    cache: Cache | None = None,
    jobs: int = 1,
    ahead: EntryWork | None = None,
    reading: Reading | None = None,
    after_reading: Callable[[], None] | None = None,
) -> tuple[Library, list[Problem]]:
    """Load topics and entries, validate each and then all together; never raises for bad content.

    ``jobs`` > 1 reads many files in that many processes (see ``safe_jobs``); a ``cache`` holds the
    entries of files that did not change since it was filled, and ``ahead`` is done where each
    entry file is read. ``reading``: the entry files, already being read (a build without a cache
    starts it early); used if the library still has those files. ``after_reading`` is called once
    every entry file is read, before the checks across entries.
    """
    library_dir = Path(library_dir)
    root = Path(root) if root is not None else library_dir.parent
    problems: list[Problem] = []
    topics, topic_problems = load_topics(library_dir / "topics.yml", root)
    paths, unread = _walk(library_dir)  # once: over 10,000 files a walk is a tenth of a second
    problems += topic_problems + _unread_problems(unread, root)
    if reading is not None and reading.paths == paths and cache is None:
        loaded = reading.result()
    else:
        if reading is not None:
            reading.cancel()  # files were added or removed meanwhile: read them again
        loaded = _load(paths, library_dir, root, cache, jobs, ahead)
    if after_reading is not None:
        after_reading()
    entries = [entry for entry, found in loaded if entry is not None]
    problems += [p for entry, found in loaded for p in found]
    kept, cross = cross_check(entries, topics, library_dir, root)
    problems += cross
    pathways, pathway_problems = load_pathways(library_dir / "pathways", root, kept)
    problems += pathway_problems
    library = Library(entries=tuple(sorted(kept, key=lambda e: e.id)), topics=tuple(topics), pathways=tuple(pathways))
    # the public availability file, never the private ledger: the circulation commands read that
    on_loan, history, loan_problems = load_availability(library_dir, library, root)
    library = dataclasses.replace(library, on_loan=on_loan, history=history)
    problems += loan_problems
    return library, sorted(set(problems))


def start_reading(library_dir: Path, root: Path, jobs: int) -> Reading | None:
    """Start reading a large library's entry files in ``jobs`` workers, for ``load_library(reading=)``
    to collect; None if it is small, or if the workers cannot be forked."""
    paths = entry_files(library_dir)
    if jobs < 2 or len(paths) < PARALLEL_FROM or not can_fork():
        return None
    return Reading(paths, library_dir, root, jobs)


def _load(
    paths: list[Path], library_dir: Path, root: Path, cache: Cache | None, jobs: int, ahead: EntryWork | None
) -> list[Loaded]:
    """Entries and problems of ``paths``, in order: from the cache where a file is unchanged, the
    rest read (in ``jobs`` processes when there are many)."""
    if cache is None:
        return _read(paths, library_dir, root, jobs, ahead)
    keys: dict[str, tuple[int, int, int]] = {}
    for path in paths:  # stat before parsing, so a file changed meanwhile is read again next time
        with contextlib.suppress(OSError):  # reading it then says what is wrong
            st = os.lstat(path)
            if not stat.S_ISLNK(st.st_mode):  # a link's target may change while the link does not
                keys[os.fspath(path)] = _key(st)
    before, cache.files = cache.files, {}  # files no longer there (renamed, deleted) are forgotten
    found: dict[str, Loaded] = {}
    stale: list[Path] = []
    for path in paths:
        where = os.fspath(path)
        if (hit := before.get(where)) is not None and hit[0] == keys.get(where):
            cache.files[where] = hit
            found[where] = hit[1], hit[2]
        else:
            stale.append(path)
    for path, (entry, problems) in zip(stale, _read(stale, library_dir, root, jobs, ahead), strict=True):
        where = os.fspath(path)
        found[where] = entry, problems
        if (key := keys.get(where)) is not None:
            cache.files[where] = (key, entry, problems)
    cache.read_afresh = len(stale)
    return [found[os.fspath(path)] for path in paths]


def _read(paths: list[Path], library_dir: Path, root: Path, jobs: int, ahead: EntryWork | None) -> list[Loaded]:
    if jobs < 2 or len(paths) < PARALLEL_FROM or not can_fork():
        return [_read_one(path, library_dir, root, ahead) for path in paths]
    return read_parallel(paths, library_dir, root, jobs, ahead)


PARALLEL_FROM = 2000  # below this, starting workers costs more than it saves


def safe_jobs() -> int:
    """How many processes may parse entries: every core, unless threads are running (forking a
    threaded process can deadlock; ``mkdocs serve`` has threads once its server is up)."""
    return (os.cpu_count() or 1) if threading.active_count() == 1 else 1


def _read_one(path: Path, library_dir: Path, root: Path, ahead: EntryWork | None) -> Loaded:
    try:
        st = os.lstat(path)
    except OSError as exc:
        return None, [Problem(display(path, root), 1, "", f"cannot read file: {exc.strerror}")]
    entry, found = load_entry(path, library_dir, root, st)
    if entry is not None and ahead is not None:
        ahead.keep(entry, ahead.run(entry))
    return entry, found


def _key(st: os.stat_result) -> tuple[int, int, int]:
    """When an entry file was last written, when its inode last changed (a copy that keeps the
    modification time still changes this), and its size: what tells a cached entry is stale."""
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size)


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
