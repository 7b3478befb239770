"""Circulating the collection: an Atom feed of the newest entries and catalogue.json of every public entry.

Both are deterministic (no build time in them) and leave withdrawn entries out.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Mapping
from typing import Any

from peer_library.derive.availability import Availability
from peer_library.model import Entry, Library, vocab
from peer_library.model.urls import entry_path

from .render import render

FEED_SIZE = 50


def _latest(e: Entry) -> dt.date:
    return max(d for d in (e.added, e.updated) if d is not None)


def newest(library: Library, n: int = FEED_SIZE) -> list[Entry]:
    """Public entries with an ``added`` date, newest first (ties by id), at most ``n``."""
    dated = [e for e in library.public if e.added]
    return sorted(dated, key=lambda e: (-e.added.toordinal() if e.added else 0, e.id))[:n]


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom(library: Library, site_name: str, site_url: str, directory_urls: bool = True) -> str:
    """The Atom feed /feed.xml. Links are absolute with a site_url, else relative to the feed."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    entries = [
        {
            "entry": e,
            "href": f"{base}{entry_path(e.id, directory_urls)}",
            "id": f"{base}{entry_path(e.id, directory_urls)}" if base else f"urn:peer-library:entry:{e.id}",
            "updated": _stamp(_latest(e)),
            "published": _stamp(e.added) if e.added else "",
            "type": vocab.TYPE_LABELS[e.type],
        }
        for e in newest(library)
    ]
    updated = max((str(x["updated"]) for x in entries), default=_stamp(dt.date(2000, 1, 1)))
    return render(
        "feed.xml.j2",
        title=f"{site_name}: new entries",
        site_name=site_name,
        feed_id=f"{base}feed.xml" if base else "urn:peer-library:feed",
        base=base,
        updated=updated,
        entries=entries,
    )


def catalogue_record(
    entry: Entry, library: Library, found: Availability | None, directory_urls: bool = True
) -> dict[str, Any]:
    """The public metadata of one entry (what search filters and the shelf use); never a borrower."""
    record: dict[str, Any] = {
        "id": entry.id,
        "url": entry_path(entry.id, directory_urls),
        "title": entry.title,
        "type": entry.type,
        "type_label": vocab.TYPE_LABELS[entry.type],
        "summary": entry.summary,
        "topics": [{"id": t, "label": library.topic_by_id[t].label} for t in entry.topics if t in library.topic_by_id],
        "aliases": list(entry.aliases),
        "audience": list(entry.audience),
        "authors": [a.display_name for a in entry.authors],
        "format": entry.format,
        "jurisdiction": entry.jurisdiction,
        "criteria": list(entry.criteria),
        "year": entry.source.year if entry.source and entry.source.year else entry.year,
        "added": entry.added.isoformat() if entry.added else None,
        "availability": found.public() if found else None,
    }
    return record


def catalogue_json(library: Library, availability: Mapping[str, Availability], directory_urls: bool = True) -> str:
    """/catalogue.json: every public entry's metadata, sorted by id. The same text as one
    ``json.dumps({"entries": records}, indent=1)``, made a record at a time: json's indenting encoder
    is pure Python, and at 10,000 entries the pieces of one call take ~80 MB at once."""
    records = (
        catalogue_record(e, library, availability.get(e.id), directory_urls)
        for e in sorted(library.public, key=lambda e: e.id)
    )
    each = ",\n".join(textwrap.indent(_json(record), "  ") for record in records)  # a record is two levels in
    return f'{{\n "entries": [\n{each}\n ]\n}}\n' if each else _json({"entries": []}) + "\n"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
