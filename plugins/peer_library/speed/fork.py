"""The switch that turns every fast path off, and the one rule for when this process may fork."""

from __future__ import annotations

import multiprocessing
import os
import threading

# "0" turns every fast path off (as the plugin's fast_paths: false does); "-name,-name" turns off those
# named in PATHS only, which is how scripts/bench measures what each one saves.
SWITCH = "PEER_LIBRARY_FAST_PATHS"
PATHS = ("parallel-reading", "background", "shared-nav", "serve-cache", "check-cache")


def enabled(option: bool = True, path: str | None = None) -> bool:
    """Whether fast paths (or the one named) are on: the adapter's option, unless the environment
    turns them off."""
    value = os.environ.get(SWITCH, "1")
    if not option or value.strip() == "0":
        return False
    return path is None or f"-{path}" not in value.replace(" ", "").split(",")


def may_fork() -> bool:
    """Whether this process may fork now: fast paths are on, the platform has ``fork``, and no other
    thread runs (forking a threaded process can leave the copy hung on a lock one of them held;
    ``mkdocs serve`` has threads once its server is up)."""
    if not enabled() or threading.active_count() != 1:
        return False
    try:
        multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        return False
    return True


def jobs() -> int:
    """How many processes may parse entries: every core when this process may fork, else one."""
    return (os.cpu_count() or 1) if may_fork() and enabled(path="parallel-reading") else 1
