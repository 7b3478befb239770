"""The library as immutable data: entries, topics, and the problems found while reading them."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import ItemsView, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar

from .links import Link, find_links, unclosed_links
from .words import kept_words

if TYPE_CHECKING:
    from .pathways import Pathway

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located at ``path:line``."""

    path: str
    line: int
    field: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass(frozen=True)
class Author:
    name: str
    attribution: str = "named"
    consent: dt.date | None = None

    @property
    def display_name(self) -> str:
        """The name to show: anonymous authors are never named."""
        return "Anonymous" if self.attribution == "anonymous" else self.name


@dataclass(frozen=True)
class Source:
    title: str
    authors: tuple[str, ...] = ()
    organisation: str | None = None
    publisher: str | None = None
    place: str | None = None
    year: int | None = None
    section: str | None = None
    pages: str | None = None
    url: str | None = None
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    doi: str | None = None
    edition: str | None = None
    isbn: str | None = None


@dataclass(frozen=True)
class DomainRef:
    domain: str
    section: str


@dataclass(frozen=True)
class Review:
    by: str
    on: dt.date


@dataclass(frozen=True)
class Holding:
    copy: str
    location: str


@dataclass(frozen=True)
class LoanEvent:
    """One line of the loans ledger: a copy lent, returned or renewed. The borrower never leaves the CLI."""

    event: str
    item: str
    copy: str
    date: dt.date
    due: dt.date | None = None
    borrower: str = field(default="", repr=False)
    line: int = 0


@dataclass(frozen=True)
class CopyOnLoan:
    """A copy the availability file says is lent, and when it is due back; no borrower, ever."""

    item: str
    copy: str
    due: dt.date


@dataclass(frozen=True)
class LoanHistory:
    """Anonymous history of one item: how many times it was lent, and when first and last."""

    item: str
    times: int
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class Access:
    url: str | None = None
    file: str | None = None


class LineMap(Mapping[str, int]):
    """An entry's front-matter key -> line, read-only and compact.

    Entries written alike have the same keys in the same order: they share one key -> position
    index, and each keeps only a tuple of line numbers. A dict per entry would hold its own keys
    (about 3.5 KB an entry, 35 MB at 10,000 entries, kept all build long by the plugin).
    """

    __slots__ = ("_index", "_lines")
    _shapes: ClassVar[dict[tuple[str, ...], dict[str, int]]] = {}  # shared by every instance
    MAX_SHAPES: ClassVar[int] = 1 << 15  # past this, new shapes are not shared (keys still interned)

    def __init__(self, lines: Mapping[str, int] | None = None) -> None:
        lines = lines or {}
        keys = tuple(lines)
        index = self._shapes.get(keys)
        if index is None:
            index = {sys.intern(k): i for i, k in enumerate(keys)}
            if len(self._shapes) < self.MAX_SHAPES:
                self._shapes[tuple(index)] = index
        self._index = index
        self._lines = tuple(lines.values())

    def __getitem__(self, key: str) -> int:
        return self._lines[self._index[key]]

    def get(self, key: str, default: int | None = None) -> int | None:  # type: ignore[override]
        i = self._index.get(key)
        return default if i is None else self._lines[i]

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._lines)

    def items(self) -> ItemsView[str, int]:
        return _LineItems(self)

    def __repr__(self) -> str:
        return f"LineMap({dict(self)!r})"

    def __reduce__(self) -> tuple[type[LineMap], tuple[dict[str, int]]]:
        return LineMap, (dict(self),)


def nearest_line(lines: Mapping[str, int], key: str, missing: int) -> int:
    """The line a dotted key (``source.title``, ``topics.1``) was written on, else that of its nearest
    written parent; ``missing`` when none of them was written (a required field left out)."""
    while key:
        if key in lines:
            return lines[key]
        key = key.rpartition(".")[0]
    return missing


class _LineItems(ItemsView[str, int]):
    """``LineMap.items()``, iterated without a key lookup per item (the writing checks read them all)."""

    _mapping: LineMap

    def __iter__(self) -> Iterator[tuple[str, int]]:
        return zip(self._mapping._index, self._mapping._lines, strict=True)


@dataclass(frozen=True)
class Entry:
    """One library entry: its front matter, its Markdown body, and where each field was written."""

    id: str
    title: str
    type: str
    summary: str
    topics: tuple[str, ...]
    path: str
    body: str = ""
    body_line: int = 1
    aliases: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    authors: tuple[Author, ...] = ()
    source: Source | None = None
    year: int | None = None
    jurisdiction: str | None = None
    format: str | None = None
    related: tuple[str, ...] = ()
    domains: tuple[DomainRef, ...] = ()
    criteria: tuple[str, ...] = ()
    reviewed: Review | None = None
    content_notes: tuple[str, ...] = ()
    added: dt.date | None = None
    updated: dt.date | None = None
    withdrawn: dt.date | None = None
    holdings: tuple[Holding, ...] = ()
    access: Access | None = None
    # field name (or "field.0" for list items) -> line in the file
    lines: Mapping[str, int] = field(default_factory=LineMap, compare=False)
    # (line, text) of the front-matter rows holding title and summary, as written: the writing checks
    # read them (with ``body``) instead of reading the file again. A few short strings per entry.
    front_rows: tuple[tuple[int, str], ...] = field(default=(), compare=False, repr=False)
    # A file whose title, type, summary or topics could not be read: its other references are still
    # checked (so every problem of a file shows in one run), but it is never published.
    unusable: bool = field(default=False, compare=False, repr=False)

    def line_of(self, key: str) -> int:
        """The line a front-matter key (or list item, ``topics.1``) was written on, else the key's own."""
        return self.lines.get(key) or self.lines.get(key.split(".")[0]) or 1

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn is not None

    @property
    def hidden_names(self) -> frozenset[str]:
        """The names of its anonymous authors: never in a public file, nor as a source's author."""
        return frozenset(a.name for a in self.authors if a.attribution == "anonymous")

    @cached_property
    def links(self) -> tuple[Link, ...]:
        """The links to other entries written in the body (kept, and sent along when it is pickled)."""
        return tuple(find_links(self.body))

    @cached_property
    def unclosed_links(self) -> tuple[tuple[int, str], ...]:
        """Where a ``[[`` has no ``]]`` on its line (``links.unclosed_links``), found with ``links``."""
        return tuple(unclosed_links(self.body))

    @cached_property
    def name_words(self) -> tuple[str, ...]:
        """The words of its title and aliases (``words.words_of``)."""
        return kept_words(" ".join((self.title, *self.aliases)))

    @cached_property
    def text_words(self) -> tuple[str, ...]:
        """The words of its summary and body. Kept, so a ``mkdocs serve`` rebuild finds them again
        on every entry that was not edited (the load cache hands back the same entry)."""
        return kept_words(f"{self.summary} {self.body}")


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    description: str
    broader: str | None
    path: str
    line: int


@dataclass(frozen=True)
class Library:
    """An immutable snapshot of every valid entry and topic, with lookups built once."""

    entries: tuple[Entry, ...]
    topics: tuple[Topic, ...]
    pathways: tuple[Pathway, ...] = ()
    loans: tuple[LoanEvent, ...] = ()  # the private ledger: only the circulation commands fill it
    on_loan: tuple[CopyOnLoan, ...] = ()  # from availability.json: what the build shows
    history: tuple[LoanHistory, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", MappingProxyType({e.id: e for e in self.entries}))
        object.__setattr__(self, "_topics", MappingProxyType({t.id: t for t in self.topics}))

    @property
    def by_id(self) -> Mapping[str, Entry]:
        return self._by_id  # type: ignore[attr-defined,no-any-return]

    @property
    def topic_by_id(self) -> Mapping[str, Topic]:
        return self._topics  # type: ignore[attr-defined,no-any-return]

    @property
    def public(self) -> tuple[Entry, ...]:
        """Entries that appear in indexes, feeds and search: every entry not withdrawn."""
        return tuple(e for e in self.entries if not e.is_withdrawn)
