"""Numbered pages for long lists: a topic, type, audience or author page shows at most ``PER_PAGE``
entries, and the rest follow on ``<page>/2/``, ``<page>/3/``... Plain links, so every entry stays
reachable without JavaScript, and no page grows with the library (150 KB at 10,000 entries).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlencode

PER_PAGE = 100
T = TypeVar("T")


@dataclass(frozen=True)
class Paging:
    """Where one page sits among the numbered pages of a list."""

    number: int
    uris: tuple[str, ...]  # every page's source URI, page 1 first
    total: int  # items on all pages together
    per_page: int = PER_PAGE
    search: str = ""  # query string of the catalogue search filtered to the same list ("topic=Recovery")

    @property
    def count(self) -> int:
        return len(self.uris)

    @property
    def first(self) -> int:
        """The position (from 1) of this page's first item."""
        return (self.number - 1) * self.per_page + 1

    @property
    def last(self) -> int:
        return min(self.total, self.number * self.per_page)

    @property
    def previous(self) -> str | None:
        return self.uris[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.uris[self.number] if self.number < self.count else None


def page_uri(first: str, number: int) -> str:
    """``topics/recovery.md`` for page 1, ``topics/recovery/2.md`` for page 2 (served at /topics/recovery/2/)."""
    return first if number == 1 else f"{first.removesuffix('.md')}/{number}.md"


def search_query(facet: str, value: str) -> str:
    """The query string that opens the catalogue search filtered to one facet value."""
    return urlencode({facet: value})


def paginate(
    first: str, items: Sequence[T], per_page: int = PER_PAGE, search: str = ""
) -> list[tuple[str, Paging, Sequence[T]]]:
    """Split ``items`` into pages: (source URI, paging, the page's items); one empty page for no items."""
    parts = [items[i : i + per_page] for i in range(0, len(items), per_page)] or [items[:0]]
    uris = tuple(page_uri(first, n) for n in range(1, len(parts) + 1))
    return [(uris[n - 1], Paging(n, uris, len(items), per_page, search), part) for n, part in enumerate(parts, 1)]
