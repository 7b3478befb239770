"""Read a library folder into an immutable ``Library`` and the list of every problem found."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from peer_library.model import ERROR, WARNING, Entry, Library, Problem, Topic

from . import schema
from .availability import load_availability
from .cross_entry import cross_check
from .entry_file import display, load_entry
from .frontmatter import FrontMatterError, decode, load_yaml
from .pathways import load_pathways

SKIP_DIRS = {"files", "pathways", "circulation", "style"}
# Names an editor may give a Markdown file. Only ".md" is read; the others are reported as errors, since
# whoever wrote them meant an entry.
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".mkdn"}


Loaded = tuple[Entry | None, list[Problem]]
# Reads entry files, giving each one's entry (or None) and problems in the order of the paths;
# speed/ offers faster ones (in parallel, from a cache) that give the same values.
ReadMany = Callable[[list[Path]], list[Loaded]]


def _is_markdown(name: str) -> bool:
    return Path(name).suffix.lower() in MARKDOWN_SUFFIXES and name.lower() != "readme.md"


def _walk(library_dir: Path) -> tuple[list[Path], list[Path]]:
    """(entry files, other paths the loader will not read): under the library's entry folders, and the
    Markdown files anywhere else in it but library/files/ (at the top, in pathways/, style/, ...)."""
    found: list[Path] = []
    unread: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(library_dir, followlinks=False):
        top = Path(dirpath) == library_dir
        if top:
            unread += [
                path
                for d in sorted(SKIP_DIRS - {"files"})
                for path in sorted(Path(dirpath, d).rglob("*"))
                if _is_markdown(path.name) and path.is_file()
            ]
            dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        # os.walk lists a symbolic link to a folder but never enters it: say so rather than skip it.
        unread += [Path(dirpath, d) for d in dirnames if Path(dirpath, d).is_symlink()]
        for f in filenames:
            if f.endswith(".md"):
                if f.lower() != "readme.md":
                    found.append(Path(dirpath, f))
            elif (not top and not f.startswith(".")) or _is_markdown(f):
                unread.append(Path(dirpath, f))
    return sorted(found), sorted(unread)


def entry_files(library_dir: Path) -> list[Path]:
    """Every entry file under the library folder, in a stable order."""
    return _walk(library_dir)[0]


def _unread_problem(path: Path, library_dir: Path, root: Path) -> Problem:
    """Why a file or folder is not read: an error for a Markdown file, which was meant as an entry."""
    folder = path.relative_to(library_dir).parts[0]
    if path.is_dir():
        message = "is a symbolic link to a folder, which is not read; move the entries into library/"
    elif folder in SKIP_DIRS:
        message = f"is not read: library/{folder}/ holds no entries; move it to a type folder such as library/values/"
    elif _is_markdown(path.name):
        message = f"is not read: an entry's file name ends in .md; rename it to {path.stem}.md"
    else:
        message = "is not read: only .md files are entries (put other files in library/files/)"
    severity = ERROR if _is_markdown(path.name) and not path.is_dir() else WARNING
    return Problem(display(path, root), 1, "", message, severity)


def load_library(
    library_dir: Path,
    root: Path | None = None,
    read_many: ReadMany | None = None,
    after_reading: Callable[[], None] | None = None,
) -> tuple[Library, list[Problem]]:
    """Load topics and entries, validate each and then all together; never raises for bad content.

    ``read_many`` reads the entry files (one by one, here, unless a faster reader is given);
    ``after_reading`` is called once every entry file is read, before the checks across entries.
    """
    library_dir = Path(library_dir)
    root = Path(root) if root is not None else library_dir.parent
    problems: list[Problem] = []
    topics, topic_problems = load_topics(library_dir / "topics.yml", root)
    paths, unread = _walk(library_dir)  # once: over 10,000 files a walk is a tenth of a second
    problems += topic_problems + [_unread_problem(path, library_dir, root) for path in unread]
    if read_many is not None:
        loaded = read_many(paths)
    else:
        loaded = [read_entry(path, library_dir, root) for path in paths]
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


def read_entry(path: Path, library_dir: Path, root: Path) -> Loaded:
    """One entry file read and validated on its own: its entry (None if unusable) and problems."""
    try:
        st = os.lstat(path)
    except OSError as exc:
        return None, [Problem(display(path, root), 1, "", f"cannot read file: {exc.strerror}")]
    return load_entry(path, library_dir, root, st)


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
        problems += [schema.located(shown, lines, key, message, line, within=f"{i}.") for key, message in found]
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
