"""Checks across entries: unique ids and aliases, and every reference pointing somewhere real.

References that point nowhere are reported and then dropped from the entry, so every later stage
can trust that topics, related ids and domains resolve.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from peer_library.model import WARNING, Entry, Problem, Topic, links as linkmod
from peer_library.model.resolve import References

from .schema import SLUG, Suggestions, suggest


def cross_check(
    entries: list[Entry], topics: list[Topic], library_dir: Path, root: Path
) -> tuple[list[Entry], list[Problem]]:
    """Return the entries to publish (duplicates removed, dangling references dropped) and the problems."""
    problems: list[Problem] = []
    kept: list[Entry] = []
    owner: dict[str, tuple[Entry, str]] = {}  # alias_key -> (entry, what it is there: id or alias)
    unusable = [e for e in entries if e.unusable]  # checked below, never kept
    for e in (e for e in entries if not e.unusable):
        if not _duplicate_id(e, owner, problems):
            owner[e.id] = (e, "id")
            kept.append(e)
    taken = dict(owner)
    for e in unusable:  # not published, but its id may still be one another file has
        if not _duplicate_id(e, taken, problems):
            taken[e.id] = (e, "id")
    for e in kept:
        for i, alias in enumerate(e.aliases):
            key = linkmod.alias_key(alias)
            clash = owner.get(key)
            if clash and clash[0] is e:
                continue  # another spelling of its own id or alias: harmless, and it helps search
            if clash:
                problems.append(
                    Problem(
                        e.path,
                        e.line_of(f"aliases.{i}"),
                        "aliases",
                        f"duplicate alias '{alias}': {clash[0].path} already uses it as its {clash[1]}",
                    )
                )
            elif key:
                owner[key] = (e, "alias")

    refs = References(kept)
    # here, not where a file is read: a kept check cache must not keep the answer; with a day's grace,
    # since a contributor east of the machine that builds (New Zealand, say) may already be a day ahead
    today = dt.date.today() + dt.timedelta(days=1)
    ids = refs.by_id
    near = Suggestions(ids)  # "did you mean" for unknown ids, each worked out once
    topic_ids = {t.id for t in topics}
    out: list[Entry] = []
    for e in [*kept, *unusable]:
        found: list[Problem] = []
        topics_ok = _known(e, "topics", e.topics, topic_ids, "topic", found)
        related_ok = tuple(r for i, r in enumerate(e.related) if _check_related(e, i, r, refs, near, found))
        domains_ok = []
        for i, d in enumerate(e.domains):
            target = ids.get(d.domain)
            if target is None or target.type != "domain":
                domains = [x for x in ids.values() if x.type == "domain"]
                found.append(
                    Problem(
                        e.path,
                        e.line_of(f"domains.{i}.domain"),
                        "domains",
                        f"unknown domain '{d.domain}'{suggest(d.domain, [x.id for x in domains])}",
                    )
                )
            else:
                domains_ok.append(d)
        _check_access(e, library_dir, found)
        _check_holdings(e, found)
        _check_dates(e, today, found)
        _check_body_links(e, refs, near, found)
        problems += found
        if e.unusable:
            continue
        if (topics_ok, related_ok, tuple(domains_ok)) == (e.topics, e.related, e.domains):
            out.append(e)  # the usual case; keeps the cached object, so later stages can tell it is unchanged
        else:
            out.append(dataclasses.replace(e, topics=topics_ok, related=related_ok, domains=tuple(domains_ok)))
    return out, problems


def _duplicate_id(e: Entry, owner: dict[str, tuple[Entry, str]], problems: list[Problem]) -> bool:
    """Whether ``e``'s id is already an id; if so, says so on both files (either may be the new one)."""
    clash = owner.get(e.id) or owner.get(linkmod.alias_key(e.id))
    if not clash:
        return False
    other = clash[0]
    duplicate = f"duplicate id '{e.id}'"
    problems.append(Problem(e.path, e.line_of("id"), "id", f"{duplicate}: {other.path} already uses it as its id"))
    problems.append(Problem(other.path, other.line_of("id"), "id", f"{duplicate}: {e.path} uses it too"))
    return True


def _known(
    e: Entry, field: str, values: tuple[str, ...], known: set[str], what: str, found: list[Problem]
) -> tuple[str, ...]:
    ok = []
    for i, value in enumerate(values):
        if value in known:
            ok.append(value)
        else:
            found.append(
                Problem(e.path, e.line_of(f"{field}.{i}"), field, f"unknown {what} '{value}'{suggest(value, known)}")
            )
    return tuple(ok)


def _check_related(
    e: Entry,
    i: int,
    rid: str,
    refs: References,
    near: Suggestions,
    found: list[Problem],
) -> bool:
    line = e.line_of(f"related.{i}")
    if rid == e.id:
        found.append(Problem(e.path, line, "related", "an entry cannot be related to itself", WARNING))
        return False
    if rid in refs.by_id:
        return True
    real = refs.id(rid)
    hint = f"; '{rid}' is an alias, use the id '{real}'" if real else near(rid)
    found.append(Problem(e.path, line, "related", f"unknown entry '{rid}'{hint}"))
    return False


def _check_access(e: Entry, library_dir: Path, found: list[Problem]) -> None:
    if e.access is None:
        return
    line = e.line_of("access")
    if not e.access.url and not e.access.file:
        found.append(Problem(e.path, line, "access", "give a 'url' or a 'file'"))
    if e.access.file:
        files = (library_dir / "files").resolve()
        target = (library_dir / "files" / e.access.file).resolve()
        if not target.is_relative_to(files):
            found.append(
                Problem(e.path, e.line_of("access.file"), "access", f"file '{e.access.file}' is outside library/files/")
            )
        elif not target.is_file():
            found.append(
                Problem(
                    e.path,
                    e.line_of("access.file"),
                    "access",
                    f"file '{e.access.file}' does not exist in library/files/",
                )
            )


def _check_holdings(e: Entry, found: list[Problem]) -> None:
    seen: set[str] = set()
    for i, h in enumerate(e.holdings):
        if h.copy in seen:
            found.append(Problem(e.path, e.line_of(f"holdings.{i}.copy"), "holdings", f"duplicate copy id '{h.copy}'"))
        seen.add(h.copy)


def _check_dates(e: Entry, today: dt.date, found: list[Problem]) -> None:
    """A date after today is a typing mistake; in ``added`` it would also lead "Newest additions" until then."""
    dates = (
        ("added", e.added, " (the home page lists the newest additions first)"),
        ("updated", e.updated, ""),
        ("reviewed.on", e.reviewed and e.reviewed.on, ""),
    )
    for key, date, why in dates:
        if date and date > today:
            message = f"{date.isoformat()} is after today{why}; check the year"
            found.append(Problem(e.path, e.line_of(key), key.split(".")[0], message, WARNING))


def _check_body_links(e: Entry, refs: References, near: Suggestions, found: list[Problem]) -> None:
    for i, start in e.unclosed_links:
        message = f"'{start}' is not closed on this line: write each [[link]] on one line"
        found.append(Problem(e.path, e.body_line + i, "body", message))
    for link in e.links:
        line = e.body_line + link.line
        target = refs.link(e, link)
        if target is None:
            if link.wiki:
                hint = near(link.target) if SLUG.match(link.target) else ""
                found.append(Problem(e.path, line, "body", f"link to unknown entry '[[{link.target}]]'{hint}"))
            else:
                found.append(Problem(e.path, line, "body", f"link to '{link.target}', which is not an entry file"))
            continue
        if link.anchor and link.anchor not in (anchors := refs.anchors(target)):
            found.append(
                Problem(
                    e.path,
                    line,
                    "body",
                    f"'{target.id}' has no heading '#{link.anchor}'{suggest(link.anchor, anchors)}",
                )
            )
