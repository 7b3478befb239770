"""Orientation pathways: trainers' YAML files that link library entries into modules of steps.

A pathway file (library/pathways/<id>.yml) is read with the same safe YAML loader and the same
schema machinery as entry front matter, so every mistake is a located ``path:line`` problem.
Steps that point nowhere are reported and dropped, so the pages can trust what is left.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from peer_library.model import WARNING, Entry, Problem, nearest_line, vocab
from peer_library.model.pathways import ACTIVITIES, Module, Pathway, Step
from peer_library.model.resolve import References

from .frontmatter import MAX_BYTES, FrontMatterError, decode, load_yaml
from .schema import Spec, check_mapping, located, suggest

RESERVED_MODULE_IDS = ("index", "print")  # /pathways/<id>/ and /pathways/<id>/print/ are taken
MODULE_REQUIRED = {"id", "title", "minutes", "outcomes", "steps"}


def _text(desc: str, required: bool = False, one_line: bool = True) -> Spec:
    return Spec("text", desc, required=required, one_line=one_line)


STEP = Spec(
    "object",
    "A step: `entry` (an entry id, optionally `id#heading`) or `activity` with a `prompt`.",
    fields={
        "entry": _text("Entry id to read, optionally with '#heading-id' for one section of it."),
        "activity": Spec("enum", "Kind of activity.", choices=ACTIVITIES),
        "title": _text("Short title of the activity."),
        "prompt": _text("The question or instructions for the activity.", one_line=False),
        "note": _text("Trainer's note: shown only when facilitator notes are switched on.", one_line=False),
    },
)

MODULE = Spec(
    "object",
    "A module of the pathway.",
    fields={
        "id": Spec("slug", "Module id, unique in the pathway; part of the module's URL.", required=True),
        "title": _text("Module title.", required=True),
        "summary": _text("One or two sentences on what the module is about.", one_line=False),
        "minutes": Spec(
            "int", "Estimated minutes for activities and discussion (reading time is added).", True, minimum=0
        ),
        "outcomes": Spec("list", "Learning outcomes.", required=True, items=_text("An outcome."), min_items=1),
        "steps": Spec("list", "The steps, in order.", required=True, items=STEP, min_items=1),
    },
)

PATHWAY: dict[str, Spec] = {
    "id": Spec("slug", "Stable identifier; the pathway's URL.", required=True),
    "title": _text("Title as readers see it.", required=True),
    "audience": Spec(
        "list", "Who the pathway is for.", required=True, items=Spec("enum", "", choices=vocab.AUDIENCES), min_items=1
    ),
    "summary": _text("One or two plain-language sentences.", required=True, one_line=False),
    "sources": Spec("list", "Ids of library entries the pathway is drawn from.", items=Spec("slug", "An entry id.")),
    "modules": Spec("list", "The modules, in order.", required=True, items=MODULE, min_items=1),
}


def pathway_files(folder: Path) -> list[Path]:
    """Every pathway file (*.yml, *.yaml) in the folder, in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())


def load_pathways(folder: Path, root: Path, entries: Iterable[Entry]) -> tuple[list[Pathway], list[Problem]]:
    """Read and validate every pathway file against the (already validated) entries."""
    checker = _References(entries)
    pathways: list[Pathway] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in pathway_files(folder):
        pathway, found = load_pathway(path, root, checker)
        problems += found
        if pathway is None:
            continue
        if pathway.id in seen:
            problems.append(Problem(pathway.path, 1, "id", f"duplicate pathway id '{pathway.id}': {seen[pathway.id]}"))
            continue
        seen[pathway.id] = pathway.path
        pathways.append(pathway)
    return sorted(pathways, key=lambda p: p.id), problems


def load_pathway(path: Path, root: Path, checker: _References) -> tuple[Pathway | None, list[Problem]]:
    """Read one pathway file: YAML, then the schema, then the entries and headings it points at."""
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = path.as_posix()
    if path.is_symlink() and not path.resolve().is_relative_to(path.parent.parent.resolve()):
        return None, [Problem(shown, 1, "", "is a symbolic link to a file outside library/; copy the file in instead")]
    try:
        if path.stat().st_size > MAX_BYTES:
            return None, [Problem(shown, 1, "", f"file is larger than {MAX_BYTES // 1_000_000} MB")]
        data, lines = load_yaml(decode(path.read_bytes()))
    except FrontMatterError as exc:
        return None, [Problem(shown, exc.line, "", exc.message)]
    except OSError as exc:
        return None, [Problem(shown, 1, "", f"cannot read file: {exc.strerror}")]
    if not isinstance(data, dict):
        kind = "empty" if data is None else "a list" if isinstance(data, list) else "text"
        return None, [
            Problem(shown, 1, "", f"a pathway file must be a mapping (id:, title:, modules: ...), not {kind}")
        ]
    clean, found = check_mapping(PATHWAY, data)
    problems = [located(shown, lines, key, message, 1) for key, message in found]
    if any(p.is_error and p.field in ("id", "title", "summary", "audience") for p in problems):
        return None, problems
    modules: list[Module] = []
    module_ids: dict[str, int] = {}
    raw_modules = data.get("modules")
    for i, raw in enumerate(raw_modules if isinstance(raw_modules, list) else []):
        key = f"modules.{i}"
        if not isinstance(raw, dict):
            continue  # reported by the schema
        fields, _ = check_mapping(MODULE.fields, raw, key)  # its problems were reported with the file's
        if not MODULE_REQUIRED <= fields.keys():
            continue
        module = _module(raw, fields, key, shown, lines, checker, problems)
        where = nearest_line(lines, f"{key}.id", 1)
        if module.id in RESERVED_MODULE_IDS:
            problems.append(Problem(shown, where, "modules", f"module id '{module.id}' is reserved; choose another"))
        elif module.id in module_ids:
            first = module_ids[module.id]
            problems.append(
                Problem(shown, where, "modules", f"duplicate module id '{module.id}' (first at line {first})")
            )
        else:
            module_ids[module.id] = where
            modules.append(module)
    sources = tuple(
        s
        for i, s in enumerate(clean.get("sources", []))
        if checker.source(s, shown, nearest_line(lines, f"sources.{i}", 1), problems)
    )
    if not modules:
        if not any(p.field == "modules" for p in problems):
            problems.append(
                Problem(shown, nearest_line(lines, "modules", 1), "modules", "the pathway has no usable module")
            )
        return None, problems
    pathway = Pathway(
        id=clean["id"],
        title=clean["title"],
        audience=tuple(clean["audience"]),
        summary=" ".join(clean["summary"].split()),
        modules=tuple(modules),
        path=shown,
        sources=sources,
    )
    return pathway, problems


def _module(
    raw: dict[str, Any],
    fields: dict[str, Any],
    key: str,
    path: str,
    lines: Mapping[str, int],
    checker: _References,
    problems: list[Problem],
) -> Module:
    steps: list[Step] = []
    seen: dict[str, int] = {}
    for j, raw_step in enumerate(raw.get("steps") or []):
        step = _step(raw_step, f"{key}.steps.{j}", path, lines, checker, problems)
        if step is None:
            continue
        if step.is_entry:
            target = f"{step.entry}#{step.anchor}" if step.anchor else str(step.entry)
            if target in seen:
                problems.append(
                    Problem(
                        path, step.line, "steps", f"'{target}' is already a step of this module (line {seen[target]})"
                    )
                )
                continue
            seen[target] = step.line
        steps.append(step)
    return Module(
        id=fields["id"],
        title=fields["title"],
        minutes=fields["minutes"],
        outcomes=tuple(" ".join(o.split()) for o in fields["outcomes"]),
        steps=tuple(steps),
        line=nearest_line(lines, key, 1),
        summary=" ".join(fields["summary"].split()) if "summary" in fields else None,
    )


def _step(
    raw: Any, key: str, path: str, lines: Mapping[str, int], checker: _References, problems: list[Problem]
) -> Step | None:
    line = nearest_line(lines, key, 1)
    if not isinstance(raw, dict):
        return None  # reported by the schema
    clean, _ = check_mapping(STEP.fields, raw, key)
    note = clean.get("note")
    has_entry, has_activity = "entry" in raw, "activity" in raw
    if has_entry == has_activity:
        what = "both 'entry' and 'activity'" if has_entry else "neither 'entry' nor 'activity'"
        problems.append(
            Problem(path, line, "steps", f"a step needs exactly one of 'entry' or 'activity'; it has {what}")
        )
        return None
    if has_activity:
        if "activity" not in clean:
            return None  # unknown kind, reported by the schema
        if "prompt" not in clean:
            problems.append(Problem(path, line, "steps", "an activity needs a 'prompt': the question or instructions"))
            return None
        return Step(clean["activity"], line, title=clean.get("title"), prompt=clean["prompt"], note=note)
    if "entry" not in clean:
        return None
    for extra in ("prompt", "title"):
        if extra in clean:
            problems.append(
                Problem(
                    path,
                    nearest_line(lines, f"{key}.{extra}", 1),
                    "steps",
                    f"'{extra}' belongs to activities; it is ignored",
                    WARNING,
                )
            )
    target, _, anchor = clean["entry"].partition("#")
    entry_line = nearest_line(lines, f"{key}.entry", 1)
    if not checker.entry(target.strip(), anchor.strip() or None, path, entry_line, problems):
        return None
    return Step("entry", line, entry=target.strip(), anchor=anchor.strip() or None, note=note)


class _References:
    """Checks what pathway steps point at: live entries and their headings (computed once each)."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.refs = References(entries)
        self.by_id = self.refs.by_id

    def _unknown(self, target: str) -> str:
        real = self.refs.id(target)
        if real and real != target:
            return f"unknown entry '{target}'; it is an alias, use the id '{real}'"
        return f"unknown entry '{target}'{suggest(target, self.by_id)}"

    def entry(self, target: str, anchor: str | None, path: str, line: int, problems: list[Problem]) -> bool:
        entry = self.by_id.get(target)
        if entry is None:
            problems.append(Problem(path, line, "steps", self._unknown(target)))
            return False
        if entry.is_withdrawn:
            problems.append(
                Problem(path, line, "steps", f"entry '{target}' was withdrawn by its author; remove this step")
            )
            return False
        if anchor is not None:
            if anchor not in (anchors := self.refs.anchors(entry)):
                hint = suggest(anchor, anchors)
                problems.append(Problem(path, line, "steps", f"'{target}' has no heading '#{anchor}'{hint}"))
                return False
        return True

    def source(self, target: str, path: str, line: int, problems: list[Problem]) -> bool:
        if target in self.by_id and not self.by_id[target].is_withdrawn:
            return True
        problems.append(Problem(path, line, "sources", self._unknown(target)))
        return False
