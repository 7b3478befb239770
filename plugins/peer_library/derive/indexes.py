"""Indexes derived from the library: topics (with narrower-topic counts), types, audiences, authors, A–Z,
framework domains, and the warnings they reveal.

Pure functions of a ``Library``; only entries that are not withdrawn (``library.public``) appear.
Each runs in one pass over the entries (times the few topics, authors or aliases each has).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from peer_library.load.schema import SLUG
from peer_library.model import WARNING, Entry, Library, Problem, Topic, vocab
from peer_library.model.links import alias_key


@lru_cache(maxsize=1 << 16)
def sort_key(text: str) -> tuple[str, str]:
    """How titles are ordered: accents and case ignored, then the text itself to break ties.
    Kept per text: each entry is sorted on a dozen index pages (type, audiences, topics, A–Z...)."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^\w\s]", "", plain).strip(), text


def by_title(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """Entries in reading order: by title (accents and case ignored), then id."""
    return tuple(sorted(entries, key=lambda e: (sort_key(e.title), e.id)))


def group(entries: Iterable[Entry], keys: Iterable[str], key_of: str) -> dict[str, tuple[Entry, ...]]:
    """Entries grouped under each key of ``keys`` (in that order) by ``type`` or ``audience``."""
    groups: dict[str, list[Entry]] = {k: [] for k in keys}
    for e in entries:
        values = (e.type,) if key_of == "type" else e.audience
        for v in values:
            groups.setdefault(v, []).append(e)
    return {k: by_title(v) for k, v in groups.items()}


def by_type(library: Library) -> dict[str, tuple[Entry, ...]]:
    """Every type (in vocabulary order, empty ones included) and its public entries."""
    return group(library.public, vocab.TYPES, "type")


def by_audience(library: Library) -> dict[str, tuple[Entry, ...]]:
    """Every audience (in vocabulary order, empty ones included) and its public entries."""
    return group(library.public, vocab.AUDIENCES, "audience")


# Topics ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicIndex:
    """The topic hierarchy with each topic's own entries and its count including narrower topics."""

    topics: Mapping[str, Topic]
    roots: tuple[str, ...]
    narrower: Mapping[str, tuple[str, ...]]
    entries: Mapping[str, tuple[Entry, ...]]  # tagged with the topic itself
    counts: Mapping[str, int]  # distinct entries in the topic or any narrower topic

    def ancestors(self, topic_id: str) -> tuple[str, ...]:
        """Broader topics from the nearest up to the top (cycles, already reported, stop the walk)."""
        chain: list[str] = []
        up = self.topics[topic_id].broader
        while up and up in self.topics and up not in chain and up != topic_id:
            chain.append(up)
            up = self.topics[up].broader
        return tuple(chain)


def topic_index(library: Library) -> TopicIndex:
    """Build the topic tree and its counts in one pass over the entries."""
    tree, own = _topic_tree(library)
    return TopicIndex(tree.topics, tree.roots, tree.narrower, {t: by_title(es) for t, es in own.items()}, tree.counts)


def _topic_tree(library: Library) -> tuple[TopicIndex, dict[str, list[Entry]]]:
    """The tree and counts, with each topic's own entries not yet sorted (the costly part: the
    empty-topics check needs only the counts)."""
    topics = {t.id: t for t in library.topics}
    label = {t: sort_key(topics[t].label) for t in topics}
    children: dict[str, list[str]] = {t: [] for t in topics}
    roots: list[str] = []
    for topic in topics.values():
        if topic.broader and topic.broader in topics and topic.broader != topic.id:
            children[topic.broader].append(topic.id)
        else:
            roots.append(topic.id)
    narrower = {t: tuple(sorted(c, key=label.__getitem__)) for t, c in children.items()}
    index = TopicIndex(topics, tuple(sorted(roots, key=label.__getitem__)), narrower, {}, {})
    own: dict[str, list[Entry]] = {t: [] for t in topics}
    under: dict[str, set[str]] = {t: set() for t in topics}
    chains: dict[str, tuple[str, ...]] = {}
    for e in library.public:
        for t in e.topics:
            if t not in topics:
                continue
            own[t].append(e)
            if t not in chains:
                chains[t] = (t, *index.ancestors(t))
            for up in chains[t]:
                under[up].add(e.id)
    counts = {t: len(ids) for t, ids in under.items()}
    return TopicIndex(topics, index.roots, narrower, {}, counts), own


RESERVED_TOPICS = {"index"}  # topics/index.md is the topic tree


def topic_problems(library: Library) -> list[Problem]:
    """A warning, at its line in topics.yml, for each topic with no entries (narrower topics included),
    and an error for a topic id that would take the place of the topic tree."""
    counts = _topic_tree(library)[0].counts
    reserved = [
        Problem(t.path, t.line, "id", f"topic id '{t.id}' is reserved for the list of all topics; choose another")
        for t in library.topics
        if t.id in RESERVED_TOPICS
    ]
    return reserved + [
        Problem(
            t.path,
            t.line,
            "topics",
            f"topic '{t.id}' has no entries; tag an entry with it, or remove it from the vocabulary",
            WARNING,
        )
        for t in library.topics
        if counts.get(t.id, 0) == 0
    ]


# Authors --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuthorIndex:
    """Credited authors (named or pseudonymous; never anonymous) with their slugs and entries."""

    names: Mapping[str, str]  # slug -> name as credited
    entries: Mapping[str, tuple[Entry, ...]]  # slug -> entries


def author_index(library: Library) -> AuthorIndex:
    """Every author credited by name or pseudonym, keyed by a slug of the name; anonymous authors are left out."""
    names: dict[str, str] = {}
    found: dict[str, list[Entry]] = {}
    for e in library.public:
        for a in e.authors:
            if a.attribution == "anonymous":
                continue
            slug = alias_key(a.name) or "author"
            # Two different names with one slug keep separate pages: the second gets a number.
            n = 1
            while slug in names and names[slug] != a.name:
                n += 1
                slug = f"{alias_key(a.name) or 'author'}-{n}"
            names[slug] = a.name
            mine = found.setdefault(slug, [])
            if not mine or mine[-1].id != e.id:
                mine.append(e)
    order = sorted(names, key=lambda s: (sort_key(names[s]), s))
    return AuthorIndex({s: names[s] for s in order}, {s: by_title(found[s]) for s in order})


# A–Z ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AZRow:
    """A line of the A–Z index: an entry's title, or one of its aliases pointing at it."""

    text: str
    entry: Entry
    alias: bool


def letter_of(text: str) -> str:
    """The A–Z heading a title files under: its first letter without accents, or '#' for anything else."""
    first = sort_key(text)[0][:1].upper()
    return first if "A" <= first <= "Z" else "#"


def a_to_z(library: Library) -> dict[str, tuple[AZRow, ...]]:
    """Titles and aliases of every public entry, grouped by letter ('#' first), each group in order."""
    rows: list[AZRow] = []
    for e in library.public:
        rows.append(AZRow(e.title, e, False))
        seen = {alias_key(e.title)}
        for alias in e.aliases:
            if SLUG.match(alias) or alias_key(alias) in seen:
                continue  # old ids are redirects, not names readers look up
            seen.add(alias_key(alias))
            rows.append(AZRow(alias, e, True))
    letters: dict[str, list[AZRow]] = {}
    for row in sorted(rows, key=lambda r: (sort_key(r.text), r.alias, r.entry.id)):
        letters.setdefault(letter_of(row.text), []).append(row)
    return {k: tuple(letters[k]) for k in sorted(letters)}


# Framework domains ----------------------------------------------------------------------------------


def domain_map(library: Library) -> dict[str, dict[str, tuple[Entry, ...]]]:
    """For each domain entry: its four sections (in order) and the public entries mapped to each."""
    out: dict[str, dict[str, list[Entry]]] = {
        e.id: {s: [] for s in vocab.DOMAIN_SECTIONS} for e in library.public if e.type == "domain"
    }
    for e in library.public:
        for d in e.domains:
            mapped = out[d.domain][d.section] if d.domain in out and e.id != d.domain else None
            if mapped is not None and (not mapped or mapped[-1].id != e.id):
                mapped.append(e)
    return {d: {s: by_title(es) for s, es in sections.items()} for d, sections in out.items()}


def redirects(library: Library) -> dict[str, str]:
    """Old ids kept as aliases (slug-shaped, used by no entry) and the entry id each now points to."""
    ids = library.by_id
    out: dict[str, str] = {}
    for e in library.entries:  # withdrawn entries too: their old links reach the tombstone
        for alias in e.aliases:
            if SLUG.match(alias) and alias not in ids and alias not in out:
                out[alias] = e.id
    return dict(sorted(out.items()))
