"""One way to find what a reference points at: an id, an alias as a writer typed it, or a link
written in an entry's body (``[[id]]``, ``[[alias|text]]`` or a relative .md file link).

Validation, entry pages, neighbours and pathways all resolve through ``References``, so a link that
validation accepts is the link a page shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from .entries import Entry
from .links import Link, alias_key, heading_ids, resolve_file


class References:
    """The entries a reference may point at, with lookups by id, alias and file path built once."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.by_id: dict[str, Entry] = {e.id: e for e in entries}
        self.names: dict[str, str] = {a: e.id for e in self.by_id.values() for a in e.aliases} | {
            i: i for i in self.by_id
        }
        self._anchors: dict[str, set[str]] = {}

    @cached_property
    def _keyed(self) -> dict[str, str]:
        return {alias_key(k): v for k, v in self.names.items()}

    @cached_property
    def by_path(self) -> dict[str, Entry]:
        return {e.path: e for e in self.by_id.values()}

    def id(self, typed: str) -> str | None:
        """The id of the entry that ``typed`` (an id or an alias, in any case and spacing) names."""
        return self.names.get(typed) or self._keyed.get(alias_key(typed))

    def link(self, source: Entry, link: Link) -> Entry | None:
        """The entry a link in ``source``'s body points at, or None."""
        if link.wiki:
            found = self.id(link.target)
            return self.by_id.get(found) if found else None
        return self.by_path.get(resolve_file(source.path, link.target))

    def anchors(self, entry: Entry) -> set[str]:
        """The heading ids of an entry's body (worked out once per entry)."""
        if entry.id not in self._anchors:
            self._anchors[entry.id] = heading_ids(entry.body)
        return self._anchors[entry.id]
