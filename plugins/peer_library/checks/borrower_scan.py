"""Find borrower fields where they must never be: in a file git tracks, or in one the build publishes or reads.

A loans ledger committed even once stays in the repository's history, and the pull-request workflow
publishes the repository; so ``check`` and the build fail on it. Problems name the file and line, never
the borrower.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
from pathlib import Path

from peer_library.load.entry_file import display
from peer_library.load.project_config import ConfigError, read_config
from peer_library.model import WARNING, Problem

# Data files a ledger, an export or a copy of one could be saved as; prose (.md) is not scanned.
DATA_SUFFIXES = {".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".yml", ".yaml", ".txt", ".log", ".bak"}
# Folders of the library that the build reads or may publish, scanned whether git tracks them or not.
BUILT_DIRS = ("circulation", "files")
# "borrower": followed by a value that names someone (not null, "" or an empty list)
JSON_FIELD = re.compile(r'"borrower"\s*:\s*(?!null\b|""|\[\s*\]|\{\s*\}|false\b)[^\s,}\]]', re.IGNORECASE)
YAML_FIELD = re.compile(
    r"^[\s-]*['\"]?borrower['\"]?\s*:\s*(?!null\b|~|''|\"\"|\[\]|#)\S", re.IGNORECASE | re.MULTILINE
)
FIX = (
    "loan records must never be committed or published: keep the ledger outside the project "
    "(peer-library ledger move), delete this file, and remove it from git history (see the privacy page)"
)


def borrower_line(path: Path) -> int | None:
    """The first line of ``path`` that holds a borrower field with a value, or None (unreadable files: None)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if b"borrower" not in data.lower():
        return None
    text = data.decode("utf-8", errors="replace")
    if path.suffix.lower() in (".csv", ".tsv"):
        return _csv_line(text, "\t" if path.suffix.lower() == ".tsv" else ",")
    for pattern in (JSON_FIELD, YAML_FIELD):
        if match := pattern.search(text):
            return text.count("\n", 0, match.start()) + 1
    return None


def _csv_line(text: str, delimiter: str) -> int | None:
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(rows, [])]
    if "borrower" not in header:
        return None
    column = header.index("borrower")
    for number, row in enumerate(rows, start=2):
        if len(row) > column and row[column].strip():
            return number
    return None


def tracked_files(project: Path) -> tuple[list[Path] | None, str | None]:
    """Files git tracks under ``project``; (None, None) outside a git work tree or without git,
    (None, reason) when git failed otherwise."""
    try:
        done = subprocess.run(
            ["git", "-C", os.fspath(project), "ls-files", "-z", "--cached"],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None, None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        if reason and "not a git repository" in reason[0]:
            return None, None
        return None, reason[0] if reason else f"git exited with {done.returncode}"
    return [project / name for name in done.stdout.decode("utf-8", errors="replace").split("\0") if name], None


def _files_under(folder: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found += [Path(dirpath, f) for f in filenames]
    return found


def _ignored(project: Path, paths: list[Path]) -> set[Path]:
    """Which of ``paths`` git ignores (so ``git add -A`` would not commit them)."""
    if not paths:
        return set()
    try:
        done = subprocess.run(
            ["git", "-C", os.fspath(project), "check-ignore", "-z", "--stdin"],
            input=b"\0".join(os.fsencode(p) for p in paths),
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return set()
    return {Path(os.fsdecode(name)) for name in done.stdout.split(b"\0") if name}


def scan(project: Path, library_dir: Path, docs_dir: Path | None, root: Path) -> list[Problem]:
    """Every file that holds a borrower and is tracked by git, published by the build, or left inside
    the library where ``git add`` would take it: an error each (a git-ignored ledger left inside the
    library is a warning: move it out)."""
    tracked, failure = tracked_files(project)
    problems: list[Problem] = []
    if failure is not None:
        problems.append(
            Problem(display(project, root), 1, "", f"could not list the files git tracks ({failure})", WARNING)
        )
    built = [p for d in BUILT_DIRS for p in _files_under(library_dir / d)]
    published = _files_under(docs_dir) if docs_dir is not None and docs_dir.is_dir() else []
    tracked_set = {p.absolute() for p in tracked or ()}
    candidates = {p.absolute() for p in (*built, *published)} | tracked_set
    hits = {
        p: line
        for p in sorted(candidates)
        if p.suffix.lower() in DATA_SUFFIXES and (line := borrower_line(p)) is not None
    }
    in_docs = {p.absolute() for p in published}
    loose = [p for p in hits if p not in tracked_set and p not in in_docs]
    ignored = _ignored(project, loose) if tracked is not None else set()
    for path, line in hits.items():
        shown = display(path, root)
        if path in tracked_set:
            problems.append(
                Problem(shown, line, "borrower", f"this file is tracked by git and holds a borrower; {FIX}")
            )
        elif path in in_docs:
            problems.append(
                Problem(shown, line, "borrower", f"the site would publish this file, which holds a borrower; {FIX}")
            )
        elif path in ignored:
            message = "a file holding borrowers inside the project (git ignores it); move the ledger out with peer-library ledger move"
            problems.append(Problem(shown, line, "borrower", message, WARNING))
        else:
            problems.append(Problem(shown, line, "borrower", f"this file inside the library holds a borrower; {FIX}"))
    return problems


def docs_dir_of(project: Path) -> Path:
    """The site's docs folder, from mkdocs.yml beside the library (``docs`` when it cannot be read)."""
    try:
        name = read_config(project / "mkdocs.yml").docs_dir
    except ConfigError:
        name = "docs"
    return project / name


def blocking(project: Path, library_dir: Path, docs_dir: Path) -> list[Problem]:
    """What ``scan`` finds, if any of it is an error: a build stops on it before anything is written."""
    found = scan(project, library_dir, docs_dir, project)
    return found if any(p.is_error for p in found) else []
