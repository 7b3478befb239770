"""Reading entry files faster: on every core, and only those changed since the last read.

``reader(...)`` makes a ``load.library.ReadMany`` that gives the same values as reading each file in
turn. Forked workers each parse and validate a share of the files and send their entries back
pickled, through a temporary file. ``EntryWork`` lets a worker do more with each entry while it
has it (``peer-library check`` runs the writing checks there). A build starts a ``Reading`` before
MkDocs cleans the site folder, and the reader collects it. A ``Cache`` keeps what was read, keyed
by each file's times and size, for serve rebuilds and the kept check cache.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import shutil
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import peer_library.speed.fork as policy
from peer_library.checks.registry import WritingMemo
from peer_library.load.library import Loaded, ReadMany, entry_files, read_entry
from peer_library.model import Entry, Problem

PARALLEL_FROM = 2000  # below this, starting workers costs more than it saves


@dataclass
class Cache:
    """Parsed entries kept between ``mkdocs serve`` rebuilds (and ``check`` runs: kept_cache), keyed
    by path, modification and change times, and size; and the writing checks' results."""

    files: dict[str, tuple[tuple[int, int, int], Entry | None, list[Problem]]] = field(default_factory=dict)
    writing: WritingMemo = field(default_factory=WritingMemo)
    read_afresh: int = 0  # entry files the last load read rather than found here


class EntryWork(Protocol):
    """Work on one entry that is done ahead, in the process that parsed it: ``run`` there, and
    ``keep`` in the process that collects the entries, with ``run``'s result."""

    def run(self, entry: Entry) -> Any: ...

    def keep(self, entry: Entry, result: Any) -> None: ...


class Reading:
    """Entry files being read by ``jobs`` forked workers while this process does something else.
    Fork only when ``fork.may_fork()`` says so."""

    def __init__(
        self, paths: list[Path], library_dir: Path, root: Path, jobs: int, ahead: EntryWork | None = None
    ) -> None:
        self.paths = paths
        self.ahead = ahead
        size = max(1, -(-len(paths) // jobs))
        shares = [paths[i : i + size] for i in range(0, len(paths), size)] or [[]]
        # Each share comes back through a file: a 25 MB message would be a 25 MB bytes object here
        # (twice, while received), and the memory of such large passing objects is not all returned.
        self._spool = Path(tempfile.mkdtemp(prefix="peer-library-"))
        context = multiprocessing.get_context("fork")
        self._pool = context.Pool(len(shares), initializer=_worker_setup, initargs=(library_dir, root, ahead))
        jobs_args = [(share, self._spool / f"{i}.pickle") for i, share in enumerate(shares)]
        self._pending: Iterator[Path] = self._pool.imap(_read_share, jobs_args)

    def result(self) -> list[Loaded]:
        """The entries and problems of ``paths``, in that order (waits for the workers)."""
        loaded: list[Loaded] = []
        # Unpickling 10,000 entries makes the collector walk every young object again and again (it
        # was three quarters of the unpickling time), and none of them are cycles: collect once, after.
        try:
            with collector_paused():
                for spooled in self._pending:
                    with spooled.open("rb") as f:
                        shipped = pickle.load(f)
                    spooled.unlink()
                    for entry, found, done in shipped:
                        if entry is not None and self.ahead is not None:
                            self.ahead.keep(entry, done)
                        loaded.append((entry, found))
        finally:
            self.cancel()
        return loaded

    def cancel(self) -> None:
        self._pool.terminate()
        shutil.rmtree(self._spool, ignore_errors=True)


# This process reads a tenth more than a worker: a worker also finds its entries' links and pickles
# them (they would otherwise wait for this process). Measured at 10,000 entries on 2 cores, `check`
# took 2.6-3.0 s with 55 % read here, 2.9-3.1 s with 50 % and 3.0-3.2 s with 58-60 %.
HERE = 1.1


def read_parallel(
    paths: list[Path], library_dir: Path, root: Path, jobs: int, ahead: EntryWork | None = None
) -> list[Loaded]:
    """Read ``paths`` in ``jobs`` processes, this one included: it reads the first share while the
    workers read the rest. Results come in the order of ``paths``."""
    size = min(len(paths), round(len(paths) * HERE / jobs))
    reading = Reading(paths[size:], library_dir, root, jobs - 1, ahead)
    try:
        here = [_read_here(path, library_dir, root, ahead) for path in paths[:size]]
    except BaseException:
        reading.cancel()
        raise
    return here + reading.result()


def _read_here(path: Path, library_dir: Path, root: Path, ahead: EntryWork | None) -> Loaded:
    entry, found = read_entry(path, library_dir, root)
    if entry is not None and ahead is not None:
        ahead.keep(entry, ahead.run(entry))
    return entry, found


def start_reading(library_dir: Path, root: Path, jobs: int) -> Reading | None:
    """Start reading a large library's entry files in ``jobs`` workers, for ``reader(reading=)``
    to collect; None if it is small, or if the workers cannot be forked."""
    paths = entry_files(library_dir)
    if jobs < 2 or len(paths) < PARALLEL_FROM or not policy.may_fork():
        return None
    return Reading(paths, library_dir, root, jobs)


def reader(
    library_dir: Path,
    root: Path,
    *,
    cache: Cache | None = None,
    jobs: int = 1,
    ahead: EntryWork | None = None,
    reading: Reading | None = None,
) -> ReadMany:
    """Read entry files as ``load_library`` would one by one, faster: from the ``cache`` where a file
    did not change, the rest in ``jobs`` processes when there are many, collecting ``reading`` (started
    earlier) if it read the same files. ``ahead`` is done where each entry is read."""

    def read(paths: list[Path]) -> list[Loaded]:
        if reading is not None:
            if reading.paths == paths and cache is None:
                return reading.result()
            reading.cancel()  # files were added or removed meanwhile: read them again
        if cache is None:
            return _read(paths, library_dir, root, jobs, ahead)
        return _read_cached(paths, library_dir, root, cache, jobs, ahead)

    return read


def _read(paths: list[Path], library_dir: Path, root: Path, jobs: int, ahead: EntryWork | None) -> list[Loaded]:
    if jobs < 2 or len(paths) < PARALLEL_FROM or not policy.may_fork():
        return [_read_here(path, library_dir, root, ahead) for path in paths]
    return read_parallel(paths, library_dir, root, jobs, ahead)


def _read_cached(
    paths: list[Path], library_dir: Path, root: Path, cache: Cache, jobs: int, ahead: EntryWork | None
) -> list[Loaded]:
    keys: dict[str, tuple[int, int, int]] = {}
    for path in paths:  # stat before parsing, so a file changed meanwhile is read again next time
        with contextlib.suppress(OSError):  # reading it then says what is wrong
            st = os.lstat(path)
            if not stat.S_ISLNK(st.st_mode):  # a link's target may change while the link does not
                keys[os.fspath(path)] = _key(st)
    before, cache.files = cache.files, {}  # files no longer there (renamed, deleted) are forgotten
    found: dict[str, Loaded] = {}
    stale: list[Path] = []
    for path in paths:
        where = os.fspath(path)
        if (hit := before.get(where)) is not None and hit[0] == keys.get(where):
            cache.files[where] = hit
            found[where] = hit[1], hit[2]
        else:
            stale.append(path)
    for path, (entry, problems) in zip(stale, _read(stale, library_dir, root, jobs, ahead), strict=True):
        where = os.fspath(path)
        found[where] = entry, problems
        if (key := keys.get(where)) is not None:
            cache.files[where] = (key, entry, problems)
    cache.read_afresh = len(stale)
    return [found[os.fspath(path)] for path in paths]


def _key(st: os.stat_result) -> tuple[int, int, int]:
    """When an entry file was last written, when its inode last changed (a copy that keeps the
    modification time still changes this), and its size: what tells a cached entry is stale."""
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


_worker: tuple[Path, Path, EntryWork | None] | None = None  # (library_dir, root, ahead), set in a worker


def _worker_setup(library_dir: Path, root: Path, ahead: EntryWork | None) -> None:
    global _worker
    _worker = (library_dir, root, ahead)
    # A worker only parses its share and exits. Parsing leaves almost no cycles (289 objects over
    # 10,000 entries), but the collector would walk every entry read so far again and again.
    gc.disable()


def _read_share(share: tuple[list[Path], Path]) -> Path:
    """In a worker: load entries and pickle them into a file, which the caller reads when it is ready.
    The links in each body go along, found here (``Entry.links``, ``Entry.unclosed_links``)."""
    assert _worker is not None
    library_dir, root, ahead = _worker
    paths, spooled = share
    out: list[tuple[Entry | None, list[Problem], Any]] = []
    for path in paths:
        entry, found = read_entry(path, library_dir, root)
        if entry is None:
            out.append((None, found, None))
            continue
        done = ahead.run(entry) if ahead is not None else None
        entry.links, entry.unclosed_links  # noqa: B018 (found now, in this worker, and sent with the entry)
        out.append((entry, found, done))
    with spooled.open("wb") as f:
        pickle.dump(out, f, protocol=pickle.HIGHEST_PROTOCOL)
    return spooled
