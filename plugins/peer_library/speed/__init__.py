"""Optional fast paths, reached only through this module: the site and check output are the same
bytes with every one of them off (``PEER_LIBRARY_FAST_PATHS=0``, or the plugin's ``fast_paths: false``).

- ``reader``/``start_reading``: entry files read on every core, and a ``Cache`` of what was read;
- ``Background``: the plugin's HTML made on another core while MkDocs converts Markdown;
- ``RenderCache``: pages whose inputs did not change, reused by ``mkdocs serve`` rebuilds;
- ``SharedNavigation``: the theme's navigation rendered once per page depth, not per entry;
- ``KeptCache``: what ``peer-library check`` read, kept on disk for the next check.

Each one's measured gain is in docs/performance.md.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from peer_library.checks.registry import check_library, writing_ahead
from peer_library.model import Library, Problem

from .background import Background
from .fork import PATHS, SWITCH, enabled, jobs, may_fork
from .kept_cache import KeptCache
from .memo import RenderCache
from .reading import Cache, Reading, collector_paused, reader, start_reading
from .theme_parts import PartCache, SharedNavigation, linked_parts, nav_key, nav_reusable


def fast_check(
    library_dir: Path, root: Path, cache: Cache | None = None, after_reading: Callable[[], None] | None = None
) -> tuple[Library, list[Problem]]:
    """``check_library`` on every core, from ``cache`` where files did not change; the writing checks
    run where each entry is read, so the cache keeps their results too."""
    memo = (cache or Cache()).writing
    ahead = writing_ahead(library_dir, root, memo)
    read = reader(library_dir, root, cache=cache, jobs=jobs(), ahead=ahead)
    with collector_paused():
        return check_library(library_dir, root, read_many=read, memo=memo, after_reading=after_reading)


__all__ = [
    "PATHS",
    "SWITCH",
    "Background",
    "Cache",
    "KeptCache",
    "PartCache",
    "Reading",
    "RenderCache",
    "SharedNavigation",
    "enabled",
    "fast_check",
    "jobs",
    "linked_parts",
    "may_fork",
    "nav_key",
    "nav_reusable",
    "reader",
    "start_reading",
]
