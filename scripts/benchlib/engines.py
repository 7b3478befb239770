"""``scripts/bench --engines``: each engine's full build of the same synthetic library, through
``peer-library build --engine ENGINE`` (every page, the files and the Pagefind index), at each size.

Engines take turns within a run, so drift on a busy machine hits them alike. Wall times and peak RSS
are medians; the table goes between its own markers in docs/performance.md.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import measure
from .projects import BUILD_ENV, write_project

ENGINES = ("mkdocs", "properdocs", "zensical")
START = "<!-- bench-engines:start -->"
END = "<!-- bench-engines:end -->"


@dataclass
class EngineSize:
    """Every engine's builds of one library size."""

    n: int
    runs: dict[str, measure.Runs] = field(default_factory=lambda: {e: measure.Runs() for e in ENGINES})
    pages: dict[str, int] = field(default_factory=dict)


def build_command(engine: str, config: Path, site: Path) -> list[str]:
    peer_library = str(Path(sys.executable).parent / "peer-library")
    return [peer_library, "build", "--engine", engine, "-f", str(config), "-d", str(site)]


def measure_engines(n: int, library: Path, work: Path, runs: int) -> EngineSize:
    """Build the library of ``n`` entries ``runs`` times with every engine."""
    config = write_project(Path(__file__).resolve().parents[2], work / f"n{n}" / "engines", library)
    size = EngineSize(n)
    for i in range(runs):
        for engine in ENGINES:
            print(f"bench: N={n:,} run {i + 1}/{runs}: {engine}", file=sys.stderr, flush=True)
            site = work / f"n{n}" / f"site-{engine}"
            measure.remove(site)
            size.runs[engine].runs.append(measure.run(build_command(engine, config, site), env=BUILD_ENV))
            size.pages[engine] = sum(1 for _ in site.rglob("index.html"))
    for engine in ENGINES:
        measure.remove(work / f"n{n}" / f"site-{engine}")
    return size


def table(sizes: Sequence[EngineSize], about: str) -> str:
    """The engines' build times and memory as a Markdown table, MkDocs' time as 1.00."""
    lines = [
        about,
        "",
        "| Entries | Engine | Full build (wall) | × MkDocs | CPU | Peak RSS | Pages |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in sizes:
        base = size.runs["mkdocs"].wall
        for engine in ENGINES:
            r = size.runs[engine]
            lines.append(
                f"| {size.n:,} | {engine} | {r.wall:.1f} s | {r.wall / base:.2f} | {r.cpu:.1f} s "
                f"| {r.rss / 1e6:,.0f} MB | {size.pages.get(engine, 0):,} |"
            )
    return "\n".join(lines) + "\n"


def splice(doc: Path, section: str) -> None:
    """Replace what lies between the engine markers in ``doc`` (added at the end if missing)."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else ""
    block = f"{START}\n{section.rstrip()}\n{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = f"{text.rstrip()}\n\n{block}\n"
    doc.write_text(text, encoding="utf-8")
