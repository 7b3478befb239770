"""What one ``peer-library check`` read, kept on disk for the next: a later check rereads only the
entry files that changed since, as ruff and mypy keep theirs.

It is the ``load.Cache`` that ``mkdocs serve`` keeps in memory between rebuilds, pickled. It lives in
the user's cache folder (``$PEER_LIBRARY_CACHE_DIR``, else ``$XDG_CACHE_HOME/peer-library``, else
``~/.cache/peer-library``), never in the project: loading a pickle can run code, so it must not come
from a file a pull request could add (a relative folder, one inside the project, or a file someone
else could write is not used). A file that cannot be read, or was written by other code, is
ignored; the check then reads everything, as with no cache. Caches unused for a month are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import peer_library.speed.fork as policy
from peer_library import __version__
from peer_library.load.files import write_atomic

from .reading import Cache, collector_paused

PACKAGE = Path(__file__).parent.parent
FORMAT = 2
# A file changed this close to the save may change again within the same modification time (some
# file systems keep whole seconds): it is not kept, and so is read again next time.
RACY_NS = 2_000_000_000
# Writing the cache costs about a seventh of reading an entry, per entry: rewrite it only when more
# than this share of the entries was read afresh (always after a first check).
SAVE_FROM = 1 / 8
FORGET_AFTER_S = 30 * 24 * 3600


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
        folder = cache_folder(root)
        if folder is None:
            return None
        where = "\0".join([str(library_dir.resolve()), os.fspath(library_dir), os.fspath(root)])
        file = folder / f"{hashlib.sha256(where.encode()).hexdigest()[:24]}.pickle"
        stamp = code_stamp()
        return cls(file, stamp, _unpickled(file, stamp) or Cache())

    def save_aside(self) -> None:
        """Start writing the cache in a forked process (the check goes on meanwhile: writing 10,000
        entries takes half a second); ``wait`` for it before exiting. Without fork, ``wait`` saves."""
        if not self.worth_saving() or self._writer is not None:
            return
        if not policy.may_fork():
            return
        try:
            pid = os.fork()
        except OSError:  # no process to spare: wait() saves here instead
            return
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
        cache.files = {path: kept for path, kept in cache.files.items() if max(kept[0][:2]) < settled}
        shown = {entry.path for _, entry, _ in cache.files.values() if entry is not None}
        cache.writing.results = {path: done for path, done in cache.writing.results.items() if path in shown}
        try:
            self.file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            data = pickle.dumps((FORMAT, self.stamp, cache), protocol=pickle.HIGHEST_PROTOCOL)
            write_atomic(self.file, data, durable=False)  # a cache lost in a crash is only a slower check
            _forget_old(self.file.parent)
        except Exception:  # a cache that cannot be written only makes the next check slower
            return False
        return True


def cache_folder(root: Path) -> Path | None:
    """Where caches are kept: an absolute folder outside the project ``root``, or None."""
    if folder := os.environ.get("PEER_LIBRARY_CACHE_DIR"):
        chosen = Path(folder)
    elif base := os.environ.get("XDG_CACHE_HOME"):
        chosen = Path(base) / "peer-library"
    else:
        try:
            chosen = Path.home() / ".cache" / "peer-library"
        except RuntimeError:  # no home folder
            return None
    # A relative folder (as XDG says to ignore) or one in the project could hold a file from a pull request.
    if not chosen.is_absolute() or chosen.resolve().is_relative_to(root.resolve()):
        return None
    return chosen


def code_stamp() -> str:
    """Names, sizes and modification times of this package's files, with the versions of Python
    and of the YAML parser: a cache made by other code (an upgrade, an edit to a check) is not used."""
    rows = [f"{FORMAT} {__version__} {sys.version} PyYAML {metadata.version('PyYAML')}"]
    for path in sorted(PACKAGE.rglob("*")):
        if "__pycache__" not in path.parts:
            with contextlib.suppress(OSError):
                st = path.stat()
                rows.append(f"{path.relative_to(PACKAGE)} {st.st_size} {st.st_mtime_ns}")
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def _unpickled(file: Path, stamp: str) -> Cache | None:
    try:
        with file.open("rb") as f, collector_paused():  # see reading.Reading.result
            if not (_private(os.fstat(f.fileno())) and _private(os.stat(file.parent))):
                return None
            kept = pickle.load(f)
    except Exception:  # missing, cut short, or from other code: any failure means no cache
        return None
    if not (isinstance(kept, tuple) and len(kept) == 3 and kept[:2] == (FORMAT, stamp)):
        return None
    cache = kept[2]
    return cache if isinstance(cache, Cache) else None


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else: only then is a pickle loaded from it."""
    mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    return mine and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _forget_old(folder: Path) -> None:
    """Remove caches no check has written for a month (libraries moved or deleted)."""
    old = time.time() - FORGET_AFTER_S
    for file in folder.glob("*.pickle"):
        with contextlib.suppress(OSError):
            if file.stat().st_mtime < old:
                file.unlink()
