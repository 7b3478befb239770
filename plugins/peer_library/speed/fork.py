"""The switch that turns every fast path off, and the one rule for when this process may fork."""

from __future__ import annotations

import multiprocessing
import os
import threading

SWITCH = "PEER_LIBRARY_FAST_PATHS"  # "0" turns every fast path off (as the plugin's fast_paths: false does)


def enabled(option: bool = True) -> bool:
    """Whether fast paths are on: the adapter's option, unless the environment turns them off."""
    return option and os.environ.get(SWITCH, "1") != "0"


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
    return (os.cpu_count() or 1) if may_fork() else 1
