"""What ``mkdocs serve`` rebuilds reuse: generated pages whose inputs did not change.

After a one-entry edit, MkDocs renders the whole site again; the plugin's own share stays small only
if it does not regenerate thousands of unchanged pages. Reuse is decided by comparing inputs, never by
guessing what an edit touched:

- an entry page is reused when its entry is unchanged, every entry's and topic's *front matter* is
  unchanged (titles, aliases, summaries and topics show on other entries' pages), the options are
  unchanged, and the once-per-build site context gives it the same values (see ``changed_ids``);
- any other feature's pages and files are reused while what the feature declares it reads
  (``Feature.reads``: the front matter, the front matter and loans, or the whole library) and the
  options compare equal.

Unchanged entries are the very objects the load cache returned, so these comparisons are identity
checks almost everywhere and cost little even at 10,000 entries.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from peer_library.model import Entry, Library
from peer_library.model.links import heading_ids

# Everything an entry says except its body: what other pages may show of it.
HEAD_FIELDS = tuple(f.name for f in dataclasses.fields(Entry) if f.name not in ("body", "body_line", "lines"))
_head = attrgetter(*HEAD_FIELDS)


_last: list[Any] = [None, None]  # [library, its front matter]: a rebuild asks once per feature


def front_matter(library: Library) -> tuple[Any, ...]:
    """Every entry's front matter and every topic: a value that changes when any of them does.
    Made once per library (a ``Library`` never changes)."""
    if _last[0] is not library:
        _last[:] = [library, (tuple(map(_head, library.entries)), library.topics)]
    return _last[1]  # type: ignore[no-any-return]


# What a feature reads (site/features.py ``Feature.reads``) -> the value its output is reused for.
READS: dict[str, Callable[[Library], Hashable]] = {
    "front matter": front_matter,
    "front matter and loans": lambda library: (front_matter(library), library.on_loan, library.history),
    "library": lambda library: library,
}


def site_key(library: Library, options: Any) -> Hashable:
    """Everything the site context is derived from: front matter, the links in every body and the
    headings of framework domains (backlinks and domain sections), pathways and the ledger. A body
    edit that changes none of these (most edits) leaves the site context as it was."""
    links = tuple(tuple((link.target, link.wiki) for link in e.links) for e in library.entries)
    domain_headings = tuple(heading_ids(e.body) for e in library.entries if e.type == "domain")
    return front_matter(library), links, domain_headings, library.pathways, library.on_loan, library.history, options


def shown(value: Any) -> Any:
    """A site-context value as pages can show it: entries inside it reduced to their front matter,
    since an entry's body never appears on another entry's page (a body edit elsewhere changes
    nothing here unless the derived value itself changes)."""
    if isinstance(value, Entry):
        return _head(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return type(value).__name__, tuple(shown(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (list, tuple)):
        return tuple(shown(v) for v in value)
    if isinstance(value, Mapping):
        return {k: shown(v) for k, v in value.items()}
    return value


def _same(a: Any, b: Any) -> bool:
    return a is b or a == b or shown(a) == shown(b)


def changed_ids(old: Mapping[str, Any] | None, new: Mapping[str, Any], ids: Mapping[str, Any]) -> set[str] | None:
    """Entry ids whose slice of the site context changed, or None when every entry page must be redone.

    A site value that is a mapping keyed only by entry ids (backlinks, availability, ...) dirties
    just the entries whose value changed; any other changed value dirties every page.
    """
    if old is None or old.keys() != new.keys():
        return None
    dirty: set[str] = set()
    for key, value in new.items():
        before = old[key]
        if before is value or before == value:
            continue
        if not (isinstance(before, Mapping) and isinstance(value, Mapping)):
            return None
        keys = before.keys() | value.keys()
        if any(k not in ids for k in keys):
            return None
        dirty |= {k for k in keys if not _same(before.get(k), value.get(k))}
    return dirty


@dataclass
class RenderCache:
    """Pages kept between rebuilds of one ``mkdocs serve`` session."""

    entries: dict[str, tuple[Entry, Any]] = field(default_factory=dict)  # id -> (entry, page)
    head: tuple[Any, ...] | None = None
    site: Mapping[str, Any] | None = None
    options: Any = None
    makers: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # maker name -> (key, pages)
    reused: int = 0  # entry pages reused by the last rebuild, for tests and the bench
    templates: Any = None  # the templates' names and modification times when these pages were made
    last_site: tuple[Any, dict[str, Any]] | None = None  # (site_key, site context) of the last rebuild

    def templates_are(self, stamp: Any) -> None:
        """Forget every page if the templates changed: pages made from the old ones are stale."""
        if stamp != self.templates:
            self.entries.clear()
            self.makers.clear()
            self.head = self.site = self.last_site = None
            self.templates = stamp

    def start(self, library: Library, options: Any, site: Mapping[str, Any]) -> set[str] | None:
        """Begin a rebuild: forget what can no longer be reused; return the dirty ids (None: all)."""
        head = front_matter(library)
        dirty = changed_ids(self.site, site, library.by_id)
        if dirty is None or head != self.head or options != self.options:
            self.entries.clear()
            dirty = set()
        known = library.by_id
        for stale in [i for i in self.entries if i not in known or i in dirty]:
            del self.entries[stale]
        self.head, self.site, self.options, self.reused = head, site, options, 0
        return dirty

    def entry(self, entry: Entry) -> Any | None:
        """The page made for this very entry last time, if it may be reused."""
        hit = self.entries.get(entry.id)
        if hit is not None and (hit[0] is entry or hit[0] == entry):
            self.reused += 1
            return hit[1]
        return None

    def keep(self, entry: Entry, page: Any) -> None:
        self.entries[entry.id] = (entry, page)

    def made(self, name: str, reads: str, library: Library, options: Any, make: Callable[[], Any]) -> Any:
        """A feature's output: reused while what it reads (``READS``) and the options compare equal."""
        key = (READS[reads](library), options)
        hit = self.makers.get(name)
        if hit is not None and (hit[0] is key or hit[0] == key):
            return hit[1]
        made = make()
        self.makers[name] = (key, made)
        return made

    def site_context(self, library: Library, options: Any, derive: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """The site context, reused while everything it is derived from (``site_key``) is unchanged."""
        key = site_key(library, options)
        if self.last_site is not None and self.last_site[0] == key:
            return self.last_site[1]
        site = derive()
        self.last_site = (key, site)
        return site

    def entry_pages(
        self, library: Library, options: Any, site: Mapping[str, Any], make: Callable[[Entry], Any]
    ) -> dict[str, Any]:
        """Every entry's page by entry id, reusing those of entries whose inputs did not change."""
        self.start(library, options, site)
        out: dict[str, Any] = {}
        for e in library.entries:
            page = self.entry(e)
            if page is None:
                page = make(e)
                self.keep(e, page)
            out[e.id] = page
        return out
