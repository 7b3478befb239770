"""Run one command as a subprocess and measure it: wall time, peak memory, and what it wrote."""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TIME = Path("/usr/bin/time")
MAX_RSS = re.compile(r"Maximum resident set size \(kbytes\):\s*(\d+)")
CPU = re.compile(r"(?:User|System) time \(seconds\):\s*([\d.]+)")


class CommandFailed(RuntimeError):
    """A measured command exited non-zero: the bench stops rather than report a broken run."""


@dataclass(frozen=True)
class Run:
    """One measured run of a command."""

    wall: float  # seconds
    rss: int  # peak resident set size, bytes
    output: str  # what it printed (stdout and stderr)
    cpu: float = float("nan")  # user + system seconds, from /usr/bin/time


@dataclass
class Runs:
    """Every run of one measurement, summarised by medians."""

    runs: list[Run] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs) if self.runs else float("nan")

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs) if self.runs else float("nan")

    @property
    def rss(self) -> int:
        return int(statistics.median(r.rss for r in self.runs)) if self.runs else 0


@dataclass(frozen=True)
class Tree:
    """Files and bytes under a folder."""

    files: int
    bytes: int


def run(cmd: Sequence[str], env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Run:
    """Run ``cmd`` under ``/usr/bin/time -v``; return wall time, peak RSS and output. Raises on failure."""
    full_env = {**os.environ, **(env or {})}
    with tempfile.NamedTemporaryFile("r", suffix=".time", encoding="utf-8") as report:
        timed = [str(TIME), "-v", "-o", report.name, *cmd] if TIME.exists() else list(cmd)
        start = time.perf_counter()
        done = subprocess.run(timed, env=full_env, cwd=cwd, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        timing = report.read()
        found = MAX_RSS.search(timing)
        cpu = sum(float(t) for t in CPU.findall(timing)) if TIME.exists() else float("nan")
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise CommandFailed(f"{' '.join(cmd)} exited {done.returncode}:\n{output[-4000:]}")
    return Run(wall=wall, rss=int(found.group(1)) * 1024 if found else 0, output=output, cpu=cpu)


def reported(output: str) -> dict[str, Any]:
    """The JSON report a ``benchlib.rebuild`` run printed. What else it wrote (warnings on stderr,
    which ``run`` appends right after stdout) goes to stderr here, so it is seen, not parsed."""
    start = output.find("{")
    if start < 0:
        raise CommandFailed(f"no JSON report in:\n{output[-4000:]}")
    report, end = json.JSONDecoder().raw_decode(output, start)
    if others := (output[:start] + output[end:]).strip():
        print("bench: the rebuild also said:\n  " + "\n  ".join(others.splitlines()[-20:]), file=sys.stderr)
    return dict(report)


def tree(path: Path) -> Tree:
    """Count the files and bytes under ``path``."""
    files = size = 0
    for dirpath, _, filenames in os.walk(path):
        for name in filenames:
            files += 1
            size += os.stat(os.path.join(dirpath, name)).st_size
    return Tree(files, size)


def largest_page(site: Path) -> tuple[str, int]:
    """The biggest HTML page a build wrote (path in the site, bytes); ("", 0) for none."""
    pages = ((p, p.stat().st_size) for p in site.rglob("*.html") if "pagefind" not in p.parts)
    path, size = max(pages, key=lambda item: (item[1], str(item[0])), default=(site, 0))
    return (str(path.relative_to(site)) if size else ""), size


def remove(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)


def warnings(output: str) -> int:
    """How many warnings MkDocs logged."""
    return sum(1 for line in output.splitlines() if line.startswith("WARNING"))
