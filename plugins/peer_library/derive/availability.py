"""What the site may say about an entry's copies: where each is and when a lent one comes back, and
how often the item was lent. From the availability file only; no borrower ever reaches here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from peer_library.load.ledger import OnLoan
from peer_library.model import CopyOnLoan, Entry, Library
from peer_library.model.dates import long_date


@dataclass(frozen=True)
class CopyStatus:
    copy: str
    location: str
    due: dt.date | None = None  # None: on the shelf

    @property
    def label(self) -> str:
        return f"On loan, due back {long_date(self.due)}" if self.due else "Available"


@dataclass(frozen=True)
class Availability:
    """What the site may say about an entry's copies: where they are and when lent ones come back."""

    copies: tuple[CopyStatus, ...]
    times_lent: int = 0  # anonymous history: loans recorded for this item, by anyone

    @property
    def total(self) -> int:
        return len(self.copies)

    @property
    def available(self) -> int:
        return sum(c.due is None for c in self.copies)

    @property
    def status(self) -> str:
        """'available' when at least one copy is on the shelf, else 'on-loan'."""
        return "available" if self.available else "on-loan"

    @property
    def next_due(self) -> dt.date | None:
        return min((c.due for c in self.copies if c.due), default=None)

    @property
    def label(self) -> str:
        """'2 of 3 copies available', 'Available', 'On loan, due back 12 December 2026', ..."""
        if self.total == 1:
            return self.copies[0].label
        if self.available:
            return f"{self.available} of {self.total} copies available"
        return f"All {self.total} copies on loan; the first is due back {long_date(self.next_due)}"

    def public(self) -> dict[str, Any]:
        """Plain data for catalogue.json and scripts: counts, status and due dates only."""
        return {
            "status": self.status,
            "label": self.label,
            "copies": self.total,
            "available": self.available,
            "next_due": self.next_due.isoformat() if self.next_due else None,
            "times_lent": self.times_lent,
        }


def availability_of(
    entry: Entry, loans: Mapping[tuple[str, str], OnLoan | CopyOnLoan], times_lent: int = 0
) -> Availability | None:
    """An entry's availability, or None when the service holds no copy of it."""
    if not entry.holdings:
        return None
    return Availability(
        tuple(
            CopyStatus(h.copy, h.location, loans[(entry.id, h.copy)].due if (entry.id, h.copy) in loans else None)
            for h in entry.holdings
        ),
        times_lent,
    )


def availability(library: Library) -> dict[str, Availability]:
    """Availability of every public entry with holdings, keyed by id (for pages and the catalogue),
    from the availability file: the build never reads the ledger."""
    loans = {(c.item, c.copy): c for c in library.on_loan}
    times = {h.item: h.times for h in library.history}
    out: dict[str, Availability] = {}
    for entry in library.public:
        found = availability_of(entry, loans, times.get(entry.id, 0))
        if found is not None:
            out[entry.id] = found
    return out
