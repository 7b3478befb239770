"""The library as data: entries, topics, pathways, loans and the problems found in them.

Plain frozen values with no I/O; every other part of the package builds on these. Its modules:
``entries`` (entries, topics, the library, problems), ``vocab`` (the closed lists a field may take),
``links`` (the link syntax of entry bodies), ``words`` (the words an entry uses, for search
suggestions) and ``dates`` (how dates are written for readers).
"""

from __future__ import annotations

from .entries import (
    ERROR,
    WARNING,
    Access,
    Author,
    CopyOnLoan,
    DomainRef,
    Entry,
    Holding,
    Library,
    LineMap,
    LoanEvent,
    LoanHistory,
    Problem,
    Review,
    Source,
    Topic,
    nearest_line,
)

__all__ = [
    "ERROR",
    "WARNING",
    "Access",
    "Author",
    "CopyOnLoan",
    "DomainRef",
    "Entry",
    "Holding",
    "Library",
    "LineMap",
    "LoanEvent",
    "LoanHistory",
    "Problem",
    "Review",
    "Source",
    "Topic",
    "nearest_line",
]
