"""``scripts/bench``: build synthetic libraries of N entries and measure (a)-(e) for each size.

(a) plain MkDocs + Material build of the same entry pages, no peer-library plugin;
(b) the full Peer Library build (Pagefind switched off with the plugin's search_index: false);
(c) Pagefind indexing (b)'s output, in its own process;
(d) ``peer-library check`` over the library;
(e) a ``mkdocs serve`` rebuild after editing one entry, with the plugin's share of it.
Builds (a) and (b) alternate, so drift on a busy machine hits both alike. Wall times are medians.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import os
import platform
import subprocess
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from peer_library.site import search

from . import engines, fast_paths, measure, report, synthetic
from .projects import BUILD_ENV, Projects, write_project, write_projects
from .synthetic import generate

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "scripts"
SMOKE_SIZE = 200


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def library_for(work: Path, n: int, seed: int) -> Path:
    """Generate the library of ``n`` entries once per seed and generator; later runs reuse it (a library
    an older generator made is made again: it may lack what the generator now writes)."""
    library = work / f"n{n}" / "library"
    generator = hashlib.sha256(Path(synthetic.__file__).read_bytes()).hexdigest()[:12]
    stamp = library / f".bench-seed-{seed}-{generator}"
    if not stamp.exists():
        measure.remove(library)
        log(f"generating {n:,} entries")
        made = generate(library, n, seed)
        log(f"  {made.entries:,} entries, {made.links:,} [[links]], {made.holdings:,} holdings, extras {made.extras}")
        stamp.write_text("", encoding="utf-8")
    return library


def mkdocs(config: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config)]


def pagefind_command(site: Path) -> list[str]:
    """The plugin's own Pagefind command (same options: language, excluded sections), indexing in place."""
    return search.pagefind_command(site, site / search.BUNDLE)


def measure_size(n: int, work: Path, runs: int, seed: int, profile: bool) -> report.Size:
    library = library_for(work, n, seed)
    projects: Projects = write_projects(REPO, work / f"n{n}", library)
    size = report.Size(n)
    plain_site, peer_site = work / f"n{n}" / "site-plain", work / f"n{n}" / "site-peer"
    for i in range(runs):
        log(f"N={n:,} run {i + 1}/{runs}: (a) plain build, (b) Peer Library build")
        size.plain.runs.append(measure.run(mkdocs(projects.plain), env=BUILD_ENV))
        size.peer.runs.append(measure.run(mkdocs(projects.peer), env=BUILD_ENV))
    size.plain_tree, size.peer_tree = measure.tree(plain_site), measure.tree(peer_site)
    size.largest_page = measure.largest_page(peer_site)
    size.warnings = measure.warnings(size.peer.runs[-1].output)
    index = peer_site / "pagefind"
    check = [str(Path(sys.executable).parent / "peer-library"), "check", str(library)]
    kept = work / "check-cache" / f"n{n}"  # outside the project, or check would not use it
    edited = next(p for p in sorted((library / "practices").glob("*.md")))
    for i in range(runs):
        log(f"N={n:,} run {i + 1}/{runs}: (c) Pagefind, (d) check: first, and after editing one entry")
        measure.remove(index)
        size.pagefind.runs.append(measure.run(pagefind_command(peer_site)))
        measure.remove(kept)  # the first check of this library: nothing kept from an earlier one
        size.check.runs.append(measure.run(check, env={"PEER_LIBRARY_CACHE_DIR": str(kept)}))
        edited.touch()  # a contributor's edit: newer than what the first check kept
        size.check_again.runs.append(measure.run(check, env={"PEER_LIBRARY_CACHE_DIR": str(kept)}))
    size.index_tree = measure.tree(index)
    log(f"N={n:,}: (e) serve rebuilds")
    entry = next(p for p in sorted((library / "values").glob("*.md")))
    cmd = [sys.executable, "-m", "benchlib.rebuild", str(projects.peer), str(entry), "--runs", str(runs)]
    if profile:
        cmd += ["--profile", str(work / f"n{n}" / "rebuild.prof")]
    env = {**BUILD_ENV, "PYTHONPATH": os.pathsep.join(filter(None, [str(SCRIPTS), os.environ.get("PYTHONPATH")]))}
    size.rebuild = measure.reported(measure.run(cmd, env=env).output)
    measure.remove(plain_site)
    return size


def about(sizes: Sequence[int], runs: int) -> str:
    """One paragraph saying where, when and with what the figures were measured."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor() or "unknown CPU",
    )
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("mkdocs", "mkdocs-material", "pagefind-bin"))
    return (
        f"Measured {dt.date.today().isoformat()} at commit `{commit or 'unknown'}` on {os.cpu_count()} cores "
        f"({cpu}), Python {platform.python_version()}, {versions}; "
        f"sizes {', '.join(f'{s:,}' for s in sizes)}; wall times and peak RSS are medians of {runs} "
        f"run{'s' * (runs > 1)}."
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="scripts/bench", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    p.add_argument("--sizes", help="comma-separated entry counts (default 1000,5000,10000; 1000,5000 with --engines)")
    p.add_argument("--runs", type=int, default=3, help="runs per measurement; medians are reported (default 3)")
    p.add_argument("--smoke", action="store_true", help=f"one run at N={SMOKE_SIZE}, docs untouched (what CI runs)")
    p.add_argument("--work", type=Path, default=REPO / "build" / "bench", help="where libraries and sites go")
    p.add_argument("--docs", type=Path, help="page whose bench section to replace (default docs/performance.md)")
    p.add_argument("--no-docs", action="store_true", help="do not touch the docs page")
    p.add_argument("--seed", type=int, default=1, help="random seed of the synthetic libraries")
    p.add_argument("--profile", action="store_true", help="also write a cProfile of the serve rebuilds")
    p.add_argument(
        "--fast-paths",
        action="store_true",
        help="instead, time what each fast path in speed/ saves (each switched off alone) at the largest size",
    )
    p.add_argument(
        "--engines",
        action="store_true",
        help="time each engine's full build (peer-library build --engine mkdocs|properdocs|zensical)\n"
        "instead; sizes default to 1000,5000; the table goes to its own section of the docs page",
    )
    p.add_argument(
        "--project",
        nargs=2,
        metavar=("N", "DIR"),
        help="only write a synthetic project of N entries to DIR (mkdocs.yml, docs/, library/) and exit;\n"
        "`mkdocs build -f DIR/mkdocs.yml` then builds it, Pagefind index included, into DIR/site",
    )
    p.add_argument(
        "--words",
        type=Path,
        metavar="LIBRARY",
        help="with --project: draw summaries and bodies from the words of the Markdown under LIBRARY, as\n"
        "often as it uses them (e.g. --words library), instead of the bench's 96 words; for measuring\n"
        "search on a vocabulary like a real library's",
    )
    return p


def project(n: int, out: Path, seed: int, words: Path | None = None) -> int:
    """Write a standalone synthetic project (for trying search or the site at scale) and say how to build it."""
    out = out.resolve()
    measure.remove(out / "library")
    try:
        vocabulary = synthetic.vocabulary_of(words) if words else synthetic.SYNTHETIC
    except ValueError as exc:
        raise SystemExit(f"bench: {exc}") from None
    made = generate(out / "library", n, seed, vocabulary)
    config = write_project(REPO, out, out / "library")
    log(f"{made.entries:,} entries, {made.holdings:,} holdings, extras {made.extras}")
    print(f"{sys.executable} -m mkdocs build -f {config}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.project:
        return project(int(args.project[0].replace("_", "")), Path(args.project[1]), args.seed, args.words)
    if args.words:
        raise SystemExit("bench: --words goes with --project (the bench's own libraries keep its 96 words)")
    wanted = args.sizes or ("1000,5000" if args.engines else "1000,5000,10000")
    sizes = [SMOKE_SIZE] if args.smoke else sorted(int(s.replace("_", "")) for s in wanted.split(","))
    runs = 1 if args.smoke else args.runs
    docs = None if args.no_docs or (args.smoke and not args.docs) else (args.docs or REPO / "docs" / "performance.md")
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    if args.fast_paths:
        return gains(sizes[-1], work, runs, args.seed, docs)
    if args.engines:
        return engine_bench(sizes, work, runs, args.seed, docs)
    results: list[report.Size] = []
    section = ""
    for n in sizes:
        try:
            results.append(measure_size(n, work, runs, args.seed, args.profile))
        except measure.CommandFailed as exc:
            log(str(exc))
            return 1
        # Written after every size, so a long run that is stopped still leaves what it measured.
        section = report.markdown(results, about([r.n for r in results], runs))
        (work / "table.md").write_text(section, encoding="utf-8")
        (work / "results.json").write_text(json.dumps([_plain(r) for r in results], indent=2), encoding="utf-8")
        if docs:
            report.splice(docs, section)
            log(f"updated {docs}")
    print(section)
    return 0


def engine_bench(sizes: Sequence[int], work: Path, runs: int, seed: int, docs: Path | None) -> int:
    """Each engine's full build at each size; the table is written after every size."""
    results: list[engines.EngineSize] = []
    section = ""
    for n in sizes:
        try:
            results.append(engines.measure_engines(n, library_for(work, n, seed), work, runs))
        except measure.CommandFailed as exc:
            log(str(exc))
            return 1
        versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("mkdocs", "properdocs", "zensical"))
        section = engines.table(results, about([r.n for r in results], runs) + f" Engines: {versions}.")
        (work / "engines.md").write_text(section, encoding="utf-8")
        if docs:
            engines.splice(docs, section)
            log(f"updated {docs}")
    print(section)
    return 0


def gains(n: int, work: Path, runs: int, seed: int, docs: Path | None) -> int:
    """Measure what each fast path saves at ``n`` entries; write the table into the docs page."""
    library = library_for(work, n, seed)
    try:
        found = fast_paths.measure_gains(library, work / f"n{n}" / "fast-paths", REPO, runs, log)
    except measure.CommandFailed as exc:
        log(str(exc))
        return 1
    section = fast_paths.table(found, about([n], runs))
    if docs:
        report.splice(docs, section, FAST_START, FAST_END)
        log(f"updated {docs}")
    print(section)
    return 0


FAST_START, FAST_END = "<!-- bench:fast-paths:start -->", "<!-- bench:fast-paths:end -->"


def _plain(size: report.Size) -> dict[str, Any]:
    out = dataclasses.asdict(size)
    for key in ("plain", "peer", "pagefind", "check", "check_again"):
        for r in out[key]["runs"]:
            r.pop("output")
    return out
