"""Everything ``peer-library check`` and the build report, in one run: loading and validation, then
each registered check over the loaded library.

A feature with files of its own to validate (pathways, the circulation ledger) plugs in by adding a
``Check`` to ``CHECKS``: a function from the ``CheckContext`` to a list of located problems. The
CLI and the MkDocs adapter both call ``check_library``, so a check added here runs in both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import borrower_scan, content_notes, language
from .entry_file import display
from .indexes import topic_problems
from .load import Cache, load_library
from .model import Entry, Library, Problem


@dataclass(frozen=True)
class CheckContext:
    """What a check may look at: the loaded library, its folder, the root paths are shown from, and
    the cache kept between ``mkdocs serve`` rebuilds (None for a one-off check)."""

    library: Library
    library_dir: Path
    root: Path
    cache: Cache | None = None

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
    matcher, problems = _matcher(ctx.library_dir, ctx.root, ctx.cache)
    memo = ctx.cache.writing if ctx.cache is not None else {}
    seen: set[str] = set()
    for entry in ctx.library.public:
        inputs = _inputs(entry)
        hit = memo.get(entry.path)
        if hit is not None and hit[0] is matcher and all(a is b for a, b in zip(hit[1], inputs, strict=True)):
            found = hit[2]
        else:
            found = _check_writing(entry, matcher)
            if ctx.cache is not None:
                memo[entry.path] = (matcher, inputs, found)
        seen.add(entry.path)
        problems += found
    for gone in memo.keys() - seen:  # entries deleted, withdrawn or now invalid
        del memo[gone]
    return problems


def _matcher(library_dir: Path, root: Path, cache: Cache | None) -> tuple[language.Matcher, list[Problem]]:
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
    """The writing checks, done by the processes that parse the entries (see ``reading.EntryWork``)."""

    matcher: language.Matcher
    cache: Cache

    def run(self, entry: Entry) -> list[Problem]:
        return _check_writing(entry, self.matcher)

    def keep(self, entry: Entry, result: list[Problem]) -> None:
        self.cache.writing[entry.path] = (self.matcher, _inputs(entry), result)


# Each check beyond the entry schema and topics.yml (validated while loading). Add yours here,
# e.g. pathways.check and circulation.check; order does not matter, problems are sorted.
def empty_topics(ctx: CheckContext) -> list[Problem]:
    """A topic no published entry uses is a warning: tag an entry with it or remove it."""
    return topic_problems(ctx.library)


CHECKS: list[Check] = [writing, empty_topics, borrower_scan.borrower_fields]


def check_library(
    library_dir: Path,
    root: Path | None = None,
    cache: Cache | None = None,
    jobs: int = 1,
    after_reading: Callable[[], None] | None = None,
) -> tuple[Library, list[Problem]]:
    """Load the library and run every check; never raises for bad content. ``after_reading`` is
    called once the entry files are read. With a ``cache``, or ``jobs`` > 1, each entry's writing
    checks run as soon as it is read, so the cache holds their results too."""
    library_dir = Path(library_dir)
    root = Path(root) if root is not None else library_dir.parent
    memo = cache if cache is not None else Cache()  # for one run: where the writing checks done ahead wait
    ahead = WritingAhead(_matcher(library_dir, root, memo)[0], memo) if jobs > 1 or cache is not None else None
    library, problems = load_library(
        library_dir, root=root, cache=cache, jobs=jobs, ahead=ahead, after_reading=after_reading
    )
    problems += run_checks(CheckContext(library, library_dir, root, memo))
    return library, sorted(set(problems))


def run_checks(ctx: CheckContext) -> list[Problem]:
    """The checks that only report (everything after loading), sorted; the build runs them in the
    background, since no page depends on them."""
    return sorted({p for check in CHECKS for p in check(ctx)})
