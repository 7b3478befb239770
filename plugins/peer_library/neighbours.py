"""Which entries point at which: links written in bodies, ``related`` lists, backlinks and computed neighbours.

Pure functions of a ``Library``. Withdrawn entries are neither sources nor targets of any list here.
Work is linear in entries and links: neighbours are scored only among a bounded window of candidates
per shared topic or domain, never against every other entry. The scoring is documented in CONTRIBUTING.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import links as linkmod
from .indexes import by_title, sort_key
from .model import Entry, Library

COMPUTED = 5  # computed neighbours shown after the explicit related entries
WINDOW = 50  # candidates considered on each side of an entry within one topic or domain
TOPIC_POINTS, DOMAIN_POINTS, SECTION_POINTS, TYPE_POINTS = 3, 2, 1, 1


def outgoing(library: Library) -> dict[str, tuple[str, ...]]:
    """For each entry, the ids its body links to (by id, alias or file), sorted; self-links are left out."""
    names = {a: e.id for e in library.entries for a in e.aliases} | {e.id: e.id for e in library.entries}
    resolve = linkmod.build_resolver(names)
    by_path = {e.path: e.id for e in library.entries}
    out: dict[str, tuple[str, ...]] = {}
    for e in library.entries:
        targets: set[str] = set()
        for link in linkmod.find_links(e.body):
            if link.wiki:
                target = resolve(link.target)
            else:
                target = by_path.get(linkmod.resolve_file(e.path, link.target))
            if target is not None and target != e.id:
                targets.add(target)
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


def _facets(e: Entry) -> tuple[set[str], dict[str, set[str]]]:
    """An entry's topics, and its domains with their sections (a domain entry belongs to all of its own)."""
    domains: dict[str, set[str]] = {}
    for d in e.domains:
        domains.setdefault(d.domain, set()).add(d.section)
    if e.type == "domain":
        domains.setdefault(e.id, set()).add("*")
    return set(e.topics), domains


def score(a: Entry, b: Entry) -> int:
    """How related two entries are: 3 per shared topic, 2 per shared framework domain (1 more when they share
    a section of it; a domain entry shares every section of itself), 1 for the same type if they share anything."""
    topics_a, domains_a = _facets(a)
    topics_b, domains_b = _facets(b)
    points = TOPIC_POINTS * len(topics_a & topics_b)
    for d in domains_a.keys() & domains_b.keys():
        sa, sb = domains_a[d], domains_b[d]
        points += DOMAIN_POINTS + (SECTION_POINTS if sa & sb or "*" in sa | sb else 0)
    return points + (TYPE_POINTS if points and a.type == b.type else 0)


def related(library: Library) -> dict[str, tuple[Related, ...]]:
    """For each public entry: its explicit ``related`` entries (as written, withdrawn ones dropped), then up to
    five computed neighbours, highest score first, ties broken by title and then id."""
    public = {e.id: e for e in library.public}
    buckets: dict[str, list[Entry]] = {}
    for e in by_title(public.values()):
        topics, domains = _facets(e)
        for key in [f"t:{t}" for t in sorted(topics)] + [f"d:{d}" for d in sorted(domains)]:
            buckets.setdefault(key, []).append(e)
    position = {key: {e.id: i for i, e in enumerate(es)} for key, es in buckets.items()}
    out: dict[str, tuple[Related, ...]] = {}
    for e in public.values():
        explicit = [public[r] for r in dict.fromkeys(e.related) if r in public and r != e.id]
        taken = {e.id, *(x.id for x in explicit)}
        candidates: dict[str, Entry] = {}
        topics, domains = _facets(e)
        for key in [f"t:{t}" for t in topics] + [f"d:{d}" for d in domains]:
            bucket = buckets.get(key, [])
            if len(bucket) <= 2 * WINDOW + 1:
                window = bucket
            else:  # the entries nearest it in title order, wrapping round: bounded and fair to every letter
                at = position[key][e.id]
                window = [bucket[(at + k) % len(bucket)] for k in range(-WINDOW, WINDOW + 1)]
            for c in window:
                if c.id not in taken:
                    candidates[c.id] = c
        scored = sorted(
            ((score(e, c), c) for c in candidates.values()),
            key=lambda sc: (-sc[0], sort_key(sc[1].title), sc[1].id),
        )
        computed = [Related(c, False, s) for s, c in scored[:COMPUTED] if s > 0]
        out[e.id] = (*(Related(x, True) for x in explicit), *computed)
    return out
