"""Step (e): what ``mkdocs serve`` does after one entry is edited, timed in one process.

Run as ``python -m benchlib.rebuild CONFIG ENTRY``. It mirrors ``mkdocs.commands.serve``: the config
is loaded again for every rebuild (MkDocs keeps a plugin instance across rebuilds only if the plugin
has ``on_startup``), and the whole site is rebuilt. The plugin's event methods are wrapped with
timers, so the report says how much of each rebuild is the plugin's own work. Prints JSON.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import json
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import CombinedEvent, get_plugins

SERVE_URL = "http://127.0.0.1:8000/"


class Clock:
    """Seconds spent inside the plugin's event methods since the last reset."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}

    def reset(self) -> None:
        self.spent.clear()

    @property
    def total(self) -> float:
        return sum(self.spent.values())


def time_events(plugin_cls: type, clock: Clock) -> None:
    """Wrap every ``on_*`` method of the plugin class (each part of a ``CombinedEvent``) so calls
    add to ``clock``."""

    def wrapped(method: Callable[..., Any], name: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                clock.spent[name] = clock.spent.get(name, 0.0) + time.perf_counter() - start

        return functools.wraps(method)(timed)  # keeps mkdocs_priority

    for name in [n for n in vars(plugin_cls) if n.startswith("on_")]:
        event = vars(plugin_cls)[name]
        if isinstance(event, CombinedEvent):
            setattr(plugin_cls, name, CombinedEvent(*(wrapped(m, name) for m in event.methods)))
        else:
            setattr(plugin_cls, name, wrapped(event, name))


def edit(entry: Path, i: int) -> None:
    """A typical edit: one more sentence at the end of the body."""
    with entry.open("a", encoding="utf-8") as f:
        f.write(f"\nAn edit made while serving, number {i}.\n")


def measure(config_file: Path, entry: Path, runs: int, profile: Path | None) -> dict[str, Any]:
    """Build once as serve does, then edit ``entry`` and rebuild ``runs`` times."""
    clock = Clock()
    time_events(get_plugins()["peer-library"].load(), clock)
    site_dir = tempfile.mkdtemp(prefix="bench_serve_")
    original = entry.read_bytes()

    def get_config() -> Any:
        config = load_config(config_file=str(config_file), site_dir=site_dir)
        config.site_url = SERVE_URL
        return config

    try:
        config = get_config()
        config.plugins.on_startup(command="serve", dirty=False)
        start = time.perf_counter()
        build(config, serve_url=SERVE_URL)
        first = time.perf_counter() - start
        first_plugin = clock.total
        walls: list[float] = []
        shares: list[float] = []
        plugin: list[float] = []
        profiler = cProfile.Profile() if profile else None
        for i in range(runs):
            edit(entry, i)
            clock.reset()
            if profiler:
                profiler.enable()
            start = time.perf_counter()
            build(get_config(), serve_url=SERVE_URL)
            wall = time.perf_counter() - start
            if profiler:
                profiler.disable()
            walls.append(wall)
            plugin.append(clock.total)
            shares.append(clock.total / wall)
        config.plugins.on_shutdown()
        if profiler and profile:
            profiler.dump_stats(str(profile))
        return {
            "first_build": first,
            "first_build_plugin": first_plugin,
            "rebuild": statistics.median(walls),
            "plugin": statistics.median(plugin),
            "share": statistics.median(shares),
            "events": dict(sorted(clock.spent.items())),
        }
    finally:
        entry.write_bytes(original)
        shutil.rmtree(site_dir, ignore_errors=True)


def top_lines(stats_file: Path, limit: int = 25, only: str = "peer_library") -> str:
    """The profile's top lines by cumulative time, restricted to functions whose path contains ``only``."""
    out = tempfile.SpooledTemporaryFile(mode="w+")
    stats = pstats.Stats(str(stats_file), stream=out)
    stats.sort_stats("cumulative").print_stats(only, limit)
    out.seek(0)
    text = str(out.read())
    return text[text.find("   ncalls") :] if "   ncalls" in text else text


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchlib.rebuild", description=__doc__)
    p.add_argument("config", type=Path)
    p.add_argument("entry", type=Path, help="the entry file to edit between rebuilds (restored afterwards)")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--profile", type=Path, help="write a cProfile of the rebuilds here")
    args = p.parse_args(argv)
    result = measure(args.config, args.entry, args.runs, args.profile)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
