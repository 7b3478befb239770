"""``scripts/bench --fast-paths``: what each fast path in speed/ saves of the work it targets.

Each fast path is switched off alone (``PEER_LIBRARY_FAST_PATHS=-name``) and the work it speeds up is
timed with and without it, alternating runs so a busy machine slows both alike. A fast path stays only
if it saves at least 5 % of that work at 10,000 entries (GUIDE §2).
"""

from __future__ import annotations

import os
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import measure
from .projects import BUILD_ENV, write_projects

KEEP_FROM = 0.05  # the share of its work a fast path must save to stay

SWITCH = "PEER_LIBRARY_FAST_PATHS"


@dataclass(frozen=True)
class Gain:
    """One fast path's measurement: median seconds of its work with it on and off."""

    path: str
    work: str
    on: float
    off: float

    @property
    def saved(self) -> float:
        return 1 - self.on / self.off if self.off else float("nan")


def alternate(runs: int, on: Callable[[], float], off: Callable[[], float]) -> tuple[float, float]:
    """Median seconds of ``on`` and ``off``, run in turn."""
    with_it: list[float] = []
    without: list[float] = []
    for _ in range(runs):
        with_it.append(on())
        without.append(off())
    return statistics.median(with_it), statistics.median(without)


def measure_gains(library: Path, work: Path, repo: Path, runs: int, log: Callable[[str], None]) -> list[Gain]:
    """Each fast path's gain on the library at ``library``."""
    projects = write_projects(repo, work, library)
    build = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(projects.peer)]
    check = [str(Path(sys.executable).parent / "peer-library"), "check", str(library)]
    # Outside the project: check refuses a cache folder inside it (a pull request could plant a pickle).
    kept = work.parent.parent / "check-cache" / f"fast-paths-{work.parent.name}"
    edited = next(p for p in sorted((library / "practices").glob("*.md")))
    scripts = str(repo / "scripts")
    rebuild_env = {**BUILD_ENV, "PYTHONPATH": os.pathsep.join(filter(None, [scripts, os.environ.get("PYTHONPATH")]))}
    entry = next(p for p in sorted((library / "values").glob("*.md")))

    def off(path: str) -> dict[str, str]:
        return {SWITCH: f"-{path}"}

    def timed(cmd: Sequence[str], env: dict[str, str]) -> float:
        return measure.run(cmd, env=env).wall

    def first_check(env: dict[str, str]) -> float:
        measure.remove(kept)
        return timed(check, {**env, "PEER_LIBRARY_CACHE_DIR": str(kept)})

    def check_after_edit(env: dict[str, str]) -> float:
        measure.remove(kept)
        timed(check, {"PEER_LIBRARY_CACHE_DIR": str(kept)})  # what a contributor's first check leaves
        edited.touch()
        return timed(check, {**env, "PEER_LIBRARY_CACHE_DIR": str(kept)})

    def rebuild(env: dict[str, str]) -> float:
        cmd = [sys.executable, "-m", "benchlib.rebuild", str(projects.peer), str(entry), "--runs", "1"]
        result = measure.reported(measure.run(cmd, env={**rebuild_env, **env}).output)
        return float(result["rebuild"])

    plan: list[tuple[str, str, Callable[[dict[str, str]], float]]] = [
        ("background", "full build", lambda env: timed(build, {**BUILD_ENV, **env})),
        ("shared-nav", "full build", lambda env: timed(build, {**BUILD_ENV, **env})),
        ("parallel-reading", "full build", lambda env: timed(build, {**BUILD_ENV, **env})),
        ("parallel-reading", "first check", first_check),
        ("check-cache", "check after editing one entry", check_after_edit),
        ("serve-cache", "serve rebuild after editing one entry", rebuild),
    ]
    gains = []
    for path, what, work_of in plan:
        log(f"fast path {path}: {what}, {runs} run{'s' * (runs > 1)} with and without")
        on, without = alternate(runs, partial(work_of, {}), partial(work_of, off(path)))
        gains.append(Gain(path, what, on, without))
        log(f"fast path {path}: {what}: {on:.1f} s with it, {without:.1f} s without ({gains[-1].saved:.0%} saved)")
    return gains


def table(gains: Sequence[Gain], about: str) -> str:
    """The gains as a Markdown table, with the verdict of the 5 % rule."""
    lines = [
        about,
        "",
        "| Fast path | Work it targets | With it | Without it | Saved | Keeps its place (≥ 5 %) |",
        "| --- | --- | ---: | ---: | ---: | :---: |",
    ]
    for g in gains:
        keep = "yes" if g.saved >= KEEP_FROM else "**no**"
        lines.append(f"| `{g.path}` | {g.work} | {g.on:.1f} s | {g.off:.1f} s | {g.saved:.0%} | {keep} |")
    return "\n".join([*lines, ""])
