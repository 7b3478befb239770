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

from . import content_notes, language
from .frontmatter import FrontMatterError, decode
from .indexes import topic_problems
from .load import Cache, display, load_library
from .model import Library, Problem


@dataclass(frozen=True)
class CheckContext:
    """What a check may look at: the loaded library, its folder, and the root paths are shown from."""

    library: Library
    library_dir: Path
    root: Path

    def shown(self, path: Path) -> str:
        """A path as problems show it (relative to the root, with '/')."""
        return display(path, self.root)


Check = Callable[[CheckContext], list[Problem]]


def writing(ctx: CheckContext) -> list[Problem]:
    """Recovery-oriented language and content notes, over every published entry's prose."""
    style = ctx.library_dir / language.STYLE_FILE
    rules, problems = language.load_rules(style, ctx.shown(style))
    matcher = language.Matcher(rules)
    for entry in ctx.library.public:
        try:
            raw = decode((ctx.root / entry.path).read_bytes())
        except (OSError, FrontMatterError):  # it was read a moment ago; loading reports any fault
            continue
        if matcher.pattern is not None:
            problems += language.check_entry(entry, raw, matcher)
        problems += content_notes.check_entry(entry, raw)
    return problems


# Each check beyond the entry schema and topics.yml (validated while loading). Add yours here,
# e.g. pathways.check and circulation.check; order does not matter, problems are sorted.
def empty_topics(ctx: CheckContext) -> list[Problem]:
    """A topic no published entry uses is a warning: tag an entry with it or remove it."""
    return topic_problems(ctx.library)


CHECKS: list[Check] = [writing, empty_topics]


def check_library(
    library_dir: Path, root: Path | None = None, cache: Cache | None = None, jobs: int = 1
) -> tuple[Library, list[Problem]]:
    """Load the library and run every check; never raises for bad content."""
    library_dir = Path(library_dir)
    root = Path(root) if root is not None else library_dir.parent
    library, problems = load_library(library_dir, root=root, cache=cache, jobs=jobs)
    ctx = CheckContext(library, library_dir, root)
    for check in CHECKS:
        problems += check(ctx)
    return library, sorted(set(problems))
