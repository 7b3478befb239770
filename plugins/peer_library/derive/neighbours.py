"""Which entries point at which: links written in bodies, ``related`` lists, backlinks and computed neighbours.

Pure functions of a ``Library``. Withdrawn entries are neither sources nor targets of any list here.
Work is linear in entries and links: neighbours are scored only among a bounded window of candidates
per shared topic, pair of topics or domain, never against every other entry. The scoring is documented in CONTRIBUTING.md.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass

from peer_library.model import Entry, Library
from peer_library.model.resolve import References

from .indexes import by_title

COMPUTED = 5  # computed neighbours shown after the explicit related entries
WINDOW = 20  # candidates considered on each side of an entry within one topic, pair of topics, or domain
TOPIC_POINTS, DOMAIN_POINTS, SECTION_POINTS, TYPE_POINTS = 3, 2, 1, 1


def outgoing(library: Library) -> dict[str, tuple[str, ...]]:
    """For each entry, the ids its body links to (by id, alias or file), sorted; self-links are left out."""
    refs = References(library.entries)
    out: dict[str, tuple[str, ...]] = {}
    for e in library.entries:
        targets = {t.id for link in e.links if (t := refs.link(e, link)) is not None and t.id != e.id}
        out[e.id] = tuple(sorted(targets))
    return out


def backlinks(
    library: Library, body_links: Mapping[str, tuple[str, ...]] | None = None
) -> dict[str, tuple[Entry, ...]]:
    """For each public entry, the public entries that link to it in their body or list it in ``related``."""
    body_links = outgoing(library) if body_links is None else body_links
    public = {e.id: e for e in library.public}
    sources: dict[str, dict[str, Entry]] = {i: {} for i in public}
    for e in public.values():
        for target in (*body_links.get(e.id, ()), *e.related):
            if target in sources and target != e.id:
                sources[target][e.id] = e
    return {i: by_title(s.values()) for i, s in sources.items()}


@dataclass(frozen=True)
class Related:
    """One line of an entry's Related list: the entry, and whether an author chose it or it was computed."""

    entry: Entry
    explicit: bool
    score: int = 0


Facets = tuple[frozenset[str], dict[str, frozenset[str]]]


def _facets(e: Entry) -> Facets:
    """An entry's topics, and its domains with their sections (a domain entry belongs to all of its own)."""
    domains: dict[str, set[str]] = {}
    for d in e.domains:
        domains.setdefault(d.domain, set()).add(d.section)
    if e.type == "domain":
        domains.setdefault(e.id, set()).add("*")
    return frozenset(e.topics), {d: frozenset(s) for d, s in domains.items()}


def _points(a: Facets, b: Facets, same_type: bool) -> int:
    points = TOPIC_POINTS * len(a[0] & b[0])
    for d in a[1].keys() & b[1].keys() if a[1] and b[1] else ():
        sa, sb = a[1][d], b[1][d]
        points += DOMAIN_POINTS + (SECTION_POINTS if sa & sb or "*" in sa or "*" in sb else 0)
    return points + (TYPE_POINTS if points and same_type else 0)


def score(a: Entry, b: Entry) -> int:
    """How related two entries are: 3 per shared topic, 2 per shared framework domain (1 more when they share
    a section of it; a domain entry shares every section of itself), 1 for the same type if they share anything."""
    return _points(_facets(a), _facets(b), a.type == b.type)


def _keys(f: Facets) -> list[str]:
    """The groups an entry is compared within: each topic, each pair of its topics (so entries sharing two
    topics meet even in a large library), and each domain."""
    topics = sorted(f[0])
    pairs = [f"p:{a}|{b}" for n, a in enumerate(topics) for b in topics[n + 1 :]]
    return [f"t:{t}" for t in topics] + pairs + [f"d:{d}" for d in sorted(f[1])]


def related(library: Library) -> dict[str, tuple[Related, ...]]:
    """For each public entry: its explicit ``related`` entries (as written, withdrawn ones dropped), then up to
    five computed neighbours, highest score first, ties broken by title and then id."""
    public = {e.id: e for e in by_title(library.public)}
    facets = {i: _facets(e) for i, e in public.items()}
    rank = {i: n for n, i in enumerate(public)}  # title order, then id: the tie-break
    types = {i: e.type for i, e in public.items()}
    buckets: dict[str, list[str]] = {}
    for i, f in facets.items():
        for key in _keys(f):
            buckets.setdefault(key, []).append(i)
    position = {key: {i: n for n, i in enumerate(ids)} for key, ids in buckets.items()}
    out: dict[str, tuple[Related, ...]] = {}
    for e in public.values():
        explicit = [public[r] for r in dict.fromkeys(e.related) if r in public and r != e.id]
        taken = {e.id, *(x.id for x in explicit)}
        candidates: set[str] = set()
        for key in _keys(facets[e.id]):
            bucket = buckets[key]
            if len(bucket) <= 2 * WINDOW + 1:
                candidates.update(bucket)
            else:  # the entries nearest it in title order, wrapping round: bounded and fair to every letter
                at = position[key][e.id]
                lo, hi = at - WINDOW, at + WINDOW + 1
                candidates.update(bucket[max(lo, 0) : hi])
                if lo < 0:
                    candidates.update(bucket[lo:])
                if hi > len(bucket):
                    candidates.update(bucket[: hi - len(bucket)])
        candidates -= taken
        topics, domains = facets[e.id]
        scored = []
        for c in candidates:  # the hot loop of large builds: _points inlined for topics, the common case
            c_topics, c_domains = facets[c]
            points = TOPIC_POINTS * len(topics & c_topics)
            if domains and c_domains:
                points += _points((frozenset(), domains), (frozenset(), c_domains), False)
            if points:
                scored.append((-points - (TYPE_POINTS if types[c] == e.type else 0), rank[c], c))
        computed = [Related(public[c], False, -s) for s, _, c in heapq.nsmallest(COMPUTED, scored)]
        out[e.id] = (*(Related(x, True) for x in explicit), *computed)
    return out
