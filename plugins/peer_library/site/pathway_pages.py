"""Pathway pages as generated Markdown: the list, each overview, each module, and the printable handout.

Page makers here return values like every other maker; ``features.FEATURES`` lists them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from peer_library.derive.pathways import (
    WORDS_PER_MINUTE,
    format_minutes,
    module_minutes,
    pathway_minutes,
    reading_minutes,
    step_key,
    uses,
    word_count,
)
from peer_library.model import Entry, Library, vocab
from peer_library.model.pathways import ACTIVITIES, Module, Pathway, Step

from .page import Options, Page, entry_uri, page_meta
from .render import render

INDEX_URI = "pathways/index.md"


def pathway_uri(pathway_id: str) -> str:
    return f"pathways/{pathway_id}/index.md"


def module_uri(pathway_id: str, module_id: str) -> str:
    return f"pathways/{pathway_id}/{module_id}.md"


def print_uri(pathway_id: str) -> str:
    return f"pathways/{pathway_id}/print.md"


@dataclass(frozen=True)
class StepView:
    """What a template needs to show one step."""

    number: int
    key: str
    step: Step
    entry: Entry | None
    heading: str
    label: str
    minutes: int = 0


@dataclass(frozen=True)
class ModuleView:
    number: int
    module: Module
    uri: str
    steps: tuple[StepView, ...]
    minutes: int
    reading: int

    @property
    def keys(self) -> str:
        return " ".join(s.key for s in self.steps)


def _section_title(anchor: str) -> str:
    """A readable name for a heading anchor: 'considering-what-is-purposeful' -> 'Considering what is purposeful'."""
    words = anchor.replace("_", "-").split("-")
    return " ".join(w for w in words if w).capitalize()


def _step_view(number: int, module: Module, step: Step, entries: Mapping[str, Entry]) -> StepView:
    if step.entry is not None:
        entry = entries[step.entry]
        heading = entry.title + (f" › {_section_title(step.anchor)}" if step.anchor else "")
        minutes = math.ceil(word_count(entry) / WORDS_PER_MINUTE)
        return StepView(number, step_key(module, step), step, entry, heading, vocab.TYPE_LABELS[entry.type], minutes)
    label = ACTIVITIES[step.kind]
    return StepView(number, step_key(module, step), step, None, step.title or label, label)


def module_views(pathway: Pathway, entries: Mapping[str, Entry]) -> tuple[ModuleView, ...]:
    """Every module of the pathway, numbered, with its steps and times."""
    return tuple(
        ModuleView(
            number=i,
            module=m,
            uri=module_uri(pathway.id, m.id),
            steps=tuple(_step_view(j, m, s, entries) for j, s in enumerate(m.steps, 1)),
            minutes=module_minutes(m, entries),
            reading=reading_minutes(m, entries),
        )
        for i, m in enumerate(pathway.modules, 1)
    )


def _common(pathway: Pathway, library: Library) -> dict[str, Any]:
    return {
        "pathway": pathway,
        "modules": module_views(pathway, library.by_id),
        "total": format_minutes(pathway_minutes(pathway, library.by_id)),
        "audience": ", ".join(vocab.AUDIENCES[a] for a in pathway.audience),
        "library": library,
        "has_notes": any(s.note for m in pathway.modules for s in m.steps),
        "format_minutes": format_minutes,
        "entry_uri": entry_uri,
    }


def pathway_pages(library: Library, options: Options, site: Mapping[str, Any]) -> dict[str, Page]:
    """The pathway list, and for each pathway its overview, module pages and printable handout."""
    pages: dict[str, Page] = {}
    summaries = [
        (p, format_minutes(pathway_minutes(p, library.by_id)), ", ".join(vocab.AUDIENCES[a] for a in p.audience))
        for p in library.pathways
    ]
    pages[INDEX_URI] = Page(
        render("pathways.md.j2", uri=INDEX_URI, pathways=summaries, pathway_uri=pathway_uri),
        page_meta("Pathways", "Orientation and training pathways built from library entries.", "pathways"),
    )
    for pathway in library.pathways:
        common = _common(pathway, library)
        uri = pathway_uri(pathway.id)
        pages[uri] = Page(
            render("pathway.md.j2", uri=uri, **common),
            page_meta(pathway.title, pathway.summary, "pathway", id=pathway.id),
        )
        views: tuple[ModuleView, ...] = common["modules"]
        for i, view in enumerate(views):
            prev_view = views[i - 1] if i > 0 else None
            next_view = views[i + 1] if i + 1 < len(views) else None
            pages[view.uri] = Page(
                render("pathway_module.md.j2", uri=view.uri, view=view, prev=prev_view, next=next_view, **common),
                page_meta(
                    f"{view.module.title} · {pathway.title}",
                    view.module.summary or pathway.summary,
                    "pathway-module",
                    id=pathway.id,
                    module=view.module.id,
                ),
            )
        puri = print_uri(pathway.id)
        meta = page_meta(f"{pathway.title}: handout", pathway.summary, "pathway-print", id=pathway.id)
        pages[puri] = Page(render("pathway_print.md.j2", uri=puri, **common), {**meta, "hide": ["navigation", "toc"]})
    return pages


def pathway_context(library: Library, options: Options) -> dict[str, Any]:
    """For entry pages: the pathways and modules that use each entry ("Used in")."""
    used = {
        entry_id: [
            {
                "pathway": p.title,
                "pathway_uri": pathway_uri(p.id),
                "module": m.title,
                "module_uri": module_uri(p.id, m.id),
            }
            for p, m in pairs
        ]
        for entry_id, pairs in uses(library.pathways).items()
    }
    return {"pathway_uses": used}
