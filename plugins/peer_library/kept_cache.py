"""What one ``peer-library check`` read, kept on disk for the next: a later check rereads only the
entry files that changed since, as ruff and mypy keep theirs.

It is the ``load.Cache`` that ``mkdocs serve`` keeps in memory between rebuilds, pickled. It lives in
the user's cache folder (``$PEER_LIBRARY_CACHE_DIR``, else ``$XDG_CACHE_HOME/peer-library``, else
``~/.cache/peer-library``), never in the project: loading a pickle can run code, so it must not come
from a file a pull request could add. A file that cannot be read, or was written by other code, is
ignored; the check then reads everything, as with no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .load import Cache
from .reading import collector_paused
from .writing import write_atomic

PACKAGE = Path(__file__).parent
FORMAT = 1
# A file changed this close to the save may change again within the same modification time (some
# file systems keep whole seconds): it is not kept, and so is read again next time.
RACY_NS = 2_000_000_000
# Writing the cache costs about a seventh of reading an entry, per entry: rewrite it only when more
# than this share of the entries was read afresh (always after a first check).
SAVE_FROM = 1 / 8


@dataclass
class KeptCache:
    """A ``load.Cache`` read from the cache folder, and where it goes back."""

    file: Path
    stamp: str
    cache: Cache
    _writer: int | None = None  # the process save_aside started

    @classmethod
    def open(cls, library_dir: Path, root: Path) -> KeptCache | None:
        """The cache of this library, as an earlier check left it (empty if none); None if there is
        no cache folder to use."""
        folder = cache_folder()
        if folder is None:
            return None
        where = "\0".join([str(library_dir.resolve()), os.fspath(library_dir), os.fspath(root)])
        file = folder / f"{hashlib.sha256(where.encode()).hexdigest()[:24]}.pickle"
        stamp = code_stamp()
        return cls(file, stamp, _read(file, stamp) or Cache())

    def save_aside(self) -> None:
        """Start writing the cache in a forked process (the check goes on meanwhile: writing 10,000
        entries takes half a second); ``wait`` for it before exiting. Without fork, ``wait`` saves."""
        if not self.worth_saving() or self._writer is not None:
            return
        if not (hasattr(os, "fork") and threading.active_count() == 1):  # forking a threaded process can hang
            return
        pid = os.fork()
        if pid == 0:  # the copy: write, and leave without running the parent's exit handlers
            try:
                self.save()
            finally:
                os._exit(0)
        self._writer = pid

    def wait(self) -> None:
        """Once the check is done: the cache written (by the process ``save_aside`` started, or now)."""
        if self._writer is None:
            self.save()
            return
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._writer, 0)
        self._writer = None

    def worth_saving(self) -> bool:
        read = self.cache.read_afresh
        return read > 0 and read >= SAVE_FROM * len(self.cache.files)

    def save(self) -> bool:
        """Write the cache back after a check, if it is worth it (see ``SAVE_FROM``); never raises.
        Files changed in the last moments are left out (``RACY_NS``)."""
        if not self.worth_saving():
            return False
        cache = self.cache
        settled = time.time_ns() - RACY_NS
        cache.files = {path: kept for path, kept in cache.files.items() if kept[0][0] < settled}
        try:
            self.file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomic(self.file, pickle.dumps((FORMAT, self.stamp, cache), protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, pickle.PicklingError):
            return False  # a cache that cannot be written only makes the next check slower
        return True


def cache_folder() -> Path | None:
    if folder := os.environ.get("PEER_LIBRARY_CACHE_DIR"):
        return Path(folder)
    if base := os.environ.get("XDG_CACHE_HOME"):
        return Path(base) / "peer-library"
    try:
        return Path.home() / ".cache" / "peer-library"
    except RuntimeError:  # no home folder
        return None


def code_stamp() -> str:
    """Names, sizes and modification times of this package's files, with the Python version: a cache
    made by other code (an upgrade, an edit to a check) is not used."""
    rows = [f"{FORMAT} {__version__} {sys.version}"]
    for path in sorted(PACKAGE.rglob("*")):
        with contextlib.suppress(OSError):
            st = path.stat()
            rows.append(f"{path.relative_to(PACKAGE)} {st.st_size} {st.st_mtime_ns}")
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def _read(file: Path, stamp: str) -> Cache | None:
    try:
        with file.open("rb") as f, collector_paused():  # see reading.Reading.result
            kept = pickle.load(f)
    except Exception:  # missing, cut short, or from other code: any failure means no cache
        return None
    if not (isinstance(kept, tuple) and len(kept) == 3 and kept[:2] == (FORMAT, stamp)):
        return None
    cache = kept[2]
    return cache if isinstance(cache, Cache) else None
