"""How a reader gets a work, derived from its record: free online, a print copy to borrow, or neither."""

from __future__ import annotations

from peer_library.model import Entry

READ_ONLINE = "Read online, free"
PRINT_COPY = "Print copy in the library"
REFERENCE_ONLY = "Reference only"
# In this order on pages and in the search filter.
WAYS = (READ_ONLINE, PRINT_COPY, REFERENCE_ONLY)


def online_url(entry: Entry) -> str | None:
    """Where the work can be read free: its ``access.url``. (A file under library/files/ is not published
    with the site, and a DOI alone does not say whether the work is open, so neither counts.)"""
    return entry.access.url if entry.access and entry.access.url else None


def ways_to_get(entry: Entry) -> tuple[str, ...]:
    """The ways to get the work, in ``WAYS`` order: online and/or print, else reference only."""
    ways = []
    if online_url(entry):
        ways.append(READ_ONLINE)
    if entry.holdings:
        ways.append(PRINT_COPY)
    return tuple(ways) or (REFERENCE_ONLY,)
