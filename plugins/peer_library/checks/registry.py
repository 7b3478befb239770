"""Everything ``peer-library check`` and the build report about the content, in one run: loading and
validation, then each check in ``CHECKS`` over the loaded library.

A check is a function from the ``CheckContext`` to a list of located problems. The CLI and the
MkDocs adapter both call ``check_library`` (or ``run_checks`` on a library they loaded), so a check
added here runs in both. Checks that belong to a kind of page are listed with it in site/features.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peer_library.derive.indexes import topic_problems
from peer_library.load.entry_file import display
from peer_library.load.library import ReadMany, load_library
from peer_library.model import Entry, Library, Problem

from . import borrower_scan, content_notes, language


@dataclass
class WritingMemo:
    """The writing checks' results kept between runs (serve rebuilds, the kept check cache): per entry
    path, the matcher and the entry's inputs they came from; and the word list's compiled matcher."""

    results: dict[str, tuple[Any, tuple[object, ...], list[Problem]]] = field(default_factory=dict)
    matcher: tuple[Any, Any] | None = None  # (the word list's rules, the matcher compiled from them)


@dataclass(frozen=True)
class CheckContext:
    """What a check may look at: the loaded library, its folder, the root paths are shown from, and
    the writing checks' memo kept between runs (None: check everything afresh)."""

    library: Library
    library_dir: Path
    root: Path
    memo: WritingMemo | None = None

    def shown(self, path: Path) -> str:
        """A path as problems show it (relative to the root, with '/')."""
        return display(path, self.root)


Check = Callable[[CheckContext], list[Problem]]


def _inputs(entry: Entry) -> tuple[object, ...]:
    """What the writing checks read of an entry. A file that did not change keeps these very objects
    (the load cache hands back the same entry, and validation copies them over unchanged)."""
    return (entry.path, entry.body, entry.body_line, entry.lines, entry.front_rows, entry.source, entry.content_notes)


def writing(ctx: CheckContext) -> list[Problem]:
    """Recovery-oriented language and content notes, over every published entry's prose.

    With a cache, an entry whose inputs are the same objects as last time, checked against the
    same word list, gets last time's problems: a rebuild checks only the files that changed (and a
    check that read the library in parallel finds them done by ``WritingAhead``).
    """
    matcher, problems = _matcher(ctx.library_dir, ctx.root, ctx.memo)
    memo = ctx.memo.results if ctx.memo is not None else {}
    seen: set[str] = set()
    for entry in ctx.library.public:
        inputs = _inputs(entry)
        hit = memo.get(entry.path)
        if hit is not None and hit[0] is matcher and all(a is b for a, b in zip(hit[1], inputs, strict=True)):
            found = hit[2]
        else:
            found = _check_writing(entry, matcher)
            if ctx.memo is not None:
                memo[entry.path] = (matcher, inputs, found)
        seen.add(entry.path)
        problems += found
    for gone in memo.keys() - seen:  # entries deleted, withdrawn or now invalid
        del memo[gone]
    return problems


def _matcher(library_dir: Path, root: Path, cache: WritingMemo | None) -> tuple[language.Matcher, list[Problem]]:
    """The word list's matcher (kept in the cache while the list is unchanged) and its problems."""
    style = library_dir / language.STYLE_FILE
    rules, problems = language.load_rules(style, display(style, root))
    key = tuple(rules)
    if cache is not None and cache.matcher is not None and cache.matcher[0] == key:
        return cache.matcher[1], problems
    matcher = language.Matcher(rules)
    if cache is not None:
        cache.matcher = (key, matcher)
    return matcher, problems


def _check_writing(entry: Entry, matcher: language.Matcher) -> list[Problem]:
    found = language.check_entry(entry, None, matcher) if matcher.pattern is not None else []
    return found + content_notes.check_entry(entry)


@dataclass(frozen=True)
class WritingAhead:
    """The writing checks, done by the processes that parse the entries (see ``speed.reading.EntryWork``)."""

    matcher: language.Matcher
    memo: WritingMemo

    def run(self, entry: Entry) -> list[Problem]:
        return _check_writing(entry, self.matcher)

    def keep(self, entry: Entry, result: list[Problem]) -> None:
        self.memo.results[entry.path] = (self.matcher, _inputs(entry), result)


def writing_ahead(library_dir: Path, root: Path, memo: WritingMemo) -> WritingAhead:
    """The writing checks, to be done where each entry is read, their results kept in ``memo``."""
    return WritingAhead(_matcher(library_dir, root, memo)[0], memo)


def borrower_fields(ctx: CheckContext) -> list[Problem]:
    """A file git tracks, or one the site would publish, that holds a borrower (never naming them)."""
    project = ctx.library_dir.absolute().parent
    return borrower_scan.scan(project, ctx.library_dir.absolute(), borrower_scan.docs_dir_of(project), ctx.root)


def empty_topics(ctx: CheckContext) -> list[Problem]:
    """A topic no published entry uses is a warning: tag an entry with it or remove it."""
    return topic_problems(ctx.library)


# Each check beyond the entry schema and topics.yml, pathways and the ledger (validated while
# loading); order does not matter, problems are sorted.
CHECKS: list[Check] = [writing, empty_topics, borrower_fields]


def check_library(
    library_dir: Path,
    root: Path | None = None,
    read_many: ReadMany | None = None,
    memo: WritingMemo | None = None,
    after_reading: Callable[[], None] | None = None,
) -> tuple[Library, list[Problem]]:
    """Load the library and run every check; never raises for bad content. ``read_many`` and
    ``after_reading`` go to ``load_library``; ``memo`` keeps the writing checks' results."""
    library_dir = Path(library_dir)
    root = Path(root) if root is not None else library_dir.parent
    library, problems = load_library(library_dir, root=root, read_many=read_many, after_reading=after_reading)
    problems += run_checks(CheckContext(library, library_dir, root, memo))
    return library, sorted(set(problems))


def run_checks(ctx: CheckContext) -> list[Problem]:
    """The checks that only report (everything after loading), sorted; the build runs them in the
    background, since no page depends on them."""
    return sorted({p for check in CHECKS for p in check(ctx)})
