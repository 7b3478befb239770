"""Orientation pathways as data: a pathway's modules, and each module's steps (entries to read, activities)."""

from __future__ import annotations

from dataclasses import dataclass

ACTIVITIES: dict[str, str] = {
    "reflection": "Reflection",
    "discussion": "Discussion",
    "role-play": "Role play",
}


@dataclass(frozen=True)
class Step:
    """One step of a module: read an entry (optionally one heading of it), or do an activity."""

    kind: str  # "entry", or an activity kind from ACTIVITIES
    line: int
    entry: str | None = None
    anchor: str | None = None
    title: str | None = None
    prompt: str | None = None
    note: str | None = None

    @property
    def is_entry(self) -> bool:
        return self.kind == "entry"


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    minutes: int
    outcomes: tuple[str, ...]
    steps: tuple[Step, ...]
    line: int
    summary: str | None = None


@dataclass(frozen=True)
class Pathway:
    """A pathway: who it is for, what it covers, and its modules in order."""

    id: str
    title: str
    audience: tuple[str, ...]
    summary: str
    modules: tuple[Module, ...]
    path: str
    sources: tuple[str, ...] = ()
