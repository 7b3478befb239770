"""Reading a large library's entry files on every core.

Forked workers each parse and validate a share of the files and send their entries back pickled,
through a temporary file. ``EntryWork`` lets a worker do more with each entry while it has it (``peer-library
check`` runs the writing checks there). A build starts a ``Reading`` before MkDocs cleans the site
folder, and collects it when it needs the library.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import pickle
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from .entry_file import load_entry
from .model import Entry, Problem

Loaded = tuple["Entry | None", list[Problem]]


class EntryWork(Protocol):
    """Work on one entry that is done ahead, in the process that parsed it: ``run`` there, and
    ``keep`` in the process that collects the entries, with ``run``'s result."""

    def run(self, entry: Entry) -> Any: ...

    def keep(self, entry: Entry, result: Any) -> None: ...


def may_fork() -> bool:
    """Whether this process may fork now: forking one that runs other threads can leave the copy
    hung on a lock one of them held."""
    return can_fork() and threading.active_count() == 1


def can_fork() -> bool:
    try:
        multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        return False
    return True


class Reading:
    """Entry files being read by ``jobs`` forked workers while this process does something else.
    Fork only while no other thread runs (see ``load.safe_jobs``)."""

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
    entry, found = load_entry(path, library_dir, root)
    if entry is not None and ahead is not None:
        ahead.keep(entry, ahead.run(entry))
    return entry, found


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
    The links in each body go along, found here (``Entry.links``)."""
    assert _worker is not None
    library_dir, root, ahead = _worker
    paths, spooled = share
    out: list[tuple[Entry | None, list[Problem], Any]] = []
    for path in paths:
        entry, found = load_entry(path, library_dir, root)
        if entry is None:
            out.append((None, found, None))
            continue
        done = ahead.run(entry) if ahead is not None else None
        entry.links  # noqa: B018 (found now, in this worker, and sent with the entry)
        out.append((entry, found, done))
    with spooled.open("wb") as f:
        pickle.dump(out, f, protocol=pickle.HIGHEST_PROTOCOL)
    return spooled
