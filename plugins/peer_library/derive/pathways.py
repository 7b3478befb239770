"""What pathways add up to: reading time, time per module and pathway, progress keys, and which
modules use each entry."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

from peer_library.model import Entry
from peer_library.model.pathways import Module, Pathway, Step

WORDS_PER_MINUTE = 200

# Time: declared minutes plus reading time of the module's entries.

WORD = re.compile(r"\w+(?:['’]\w+)*")


def word_count(entry: Entry) -> int:
    """Words a reader reads on the entry's page: its summary and body."""
    return len(WORD.findall(entry.summary)) + len(WORD.findall(entry.body))


def reading_minutes(module: Module, entries: Mapping[str, Entry]) -> int:
    """Minutes to read the module's entries (each once) at WORDS_PER_MINUTE, rounded up."""
    ids = dict.fromkeys(s.entry for s in module.steps if s.entry is not None)
    words = sum(word_count(entries[i]) for i in ids if i in entries)
    return math.ceil(words / WORDS_PER_MINUTE)


def module_minutes(module: Module, entries: Mapping[str, Entry]) -> int:
    """The module's time: its declared minutes plus reading time."""
    return module.minutes + reading_minutes(module, entries)


def pathway_minutes(pathway: Pathway, entries: Mapping[str, Entry]) -> int:
    """The whole pathway's time: the sum of its modules' times."""
    return sum(module_minutes(m, entries) for m in pathway.modules)


def format_minutes(minutes: int) -> str:
    """'45 min', '1 h', '1 h 20 min'."""
    hours, mins = divmod(minutes, 60)
    if not hours:
        return f"{mins} min"
    return f"{hours} h" + (f" {mins} min" if mins else "")


def step_key(module: Module, step: Step) -> str:
    """A step's progress key: stable while steps are reordered (entry steps) or added after it (activities)."""
    if step.entry is not None:
        return f"{module.id}/{step.entry}" + (f"#{step.anchor}" if step.anchor else "")
    n = sum(1 for s in module.steps[: module.steps.index(step) + 1] if not s.is_entry)
    return f"{module.id}/activity-{n}"


def uses(pathways: Iterable[Pathway]) -> dict[str, list[tuple[Pathway, Module]]]:
    """For each entry id, the (pathway, module) pairs that link to it, in pathway order, each once."""
    out: dict[str, list[tuple[Pathway, Module]]] = {}
    for p in pathways:
        for m in p.modules:
            for entry_id in dict.fromkeys(s.entry for s in m.steps if s.entry is not None):
                assert entry_id is not None
                out.setdefault(entry_id, []).append((p, m))
    return out
