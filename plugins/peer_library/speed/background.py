"""Work done on another core while the caller goes on: keyed values made in a forked child process.

MkDocs builds a site on one core. The plugin's own HTML (entry chrome, index pages, feed, catalogue)
is needed only once MkDocs has converted every page's Markdown, so a forked child makes it meanwhile.
The child writes each value to a temporary file (the spool) and says through a pipe, a batch of keys
at a time, where each value is; the parent reads a value from the spool when a page asks for it. The
child never waits for the parent, and neither process holds more than a value or two in memory: a
batch of index pages of a large library is tens of megabytes, which the parent would otherwise hold
while it renders the largest page of the site.

Where forking is unsafe (the process runs threads, as ``mkdocs serve`` does once its server is up)
or impossible (no ``fork``), or the child fails, the same work runs in this process as values are
asked for: the result is the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
import traceback
from collections.abc import Callable, Hashable, Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

import peer_library.speed.fork as policy

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
BATCH = 64  # values announced per message: enough to keep messages cheap, few enough not to keep pages waiting


def _child(send: Connection, spool: int, work: Callable[[], Iterable[tuple[Any, Any]]]) -> None:
    offset = 0
    where: list[tuple[Any, int, int]] = []  # (key, offset, length) of values written, not yet announced
    try:
        for key, value in work():
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            os.pwrite(spool, data, offset)
            where.append((key, offset, len(data)))
            offset += len(data)
            if len(where) == BATCH:
                send.send((True, where))
                where = []
        send.send((True, where))
        send.send((True, None))  # the end
    except BaseException:  # reported by the parent, which then does the work itself
        send.send((False, traceback.format_exc()))
    finally:
        send.close()


class Background(Generic[K, V]):
    """The (key, value) pairs ``work()`` yields, made in a forked child started now.

    ``work`` sees this process's memory as it was at the fork; its values must be picklable and
    must not depend on anything the parent changes afterwards. Each value is taken once.
    """

    def __init__(self, work: Callable[[], Iterable[tuple[K, V]]], fork: bool | None = None) -> None:
        self._work = work
        self._waiting: dict[K, V] = {}  # made here but not taken yet
        self._stored: dict[K, tuple[int, int]] = {}  # (offset, length) in the spool of a value not taken yet
        self._taken: set[K] = set()  # never handed over twice, even when the work is redone here
        self._source: Iterator[tuple[K, V]] | None = None  # in-process values, when there is no child
        self.failure = ""  # the child's traceback when it failed and the work was redone here
        self._conn: Connection | None = None
        self._proc: Any = None
        self._ended = False
        self._spool: Any = None
        if policy.may_fork() if fork is None else fork:
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            self._spool = tempfile.TemporaryFile()  # closed once every value is read (rest) or unwanted (cancel)
            self._proc = context.Process(target=_child, args=(send, self._spool.fileno(), work), daemon=True)
            self._proc.start()
            send.close()
            self._conn = receive
        else:
            self._source = iter(work())

    @property
    def forked(self) -> bool:
        return self._proc is not None

    def take(self, key: K) -> V | None:
        """The value for ``key`` (None if the work makes none), reading on until it comes."""
        while key not in self._waiting and key not in self._stored and key not in self._taken and self._more():
            pass
        if key in self._waiting:
            self._taken.add(key)
            self._stored.pop(key, None)
            return self._waiting.pop(key)
        if key in self._stored:
            self._taken.add(key)
            return self._read(self._stored.pop(key))
        return None

    def rest(self) -> dict[K, V]:
        """Every value not taken yet; the work is finished afterwards."""
        while self._more():
            pass
        rest = {key: self._read(where) for key, where in self._stored.items()}
        rest.update(self._waiting)
        self._stored, self._waiting = {}, {}
        self._taken.update(rest)
        self._close_spool()
        return rest

    def _read(self, where: tuple[int, int]) -> V:
        offset, length = where
        value: V = pickle.loads(os.pread(self._spool.fileno(), length, offset))
        return value

    def _more(self) -> bool:
        """Receive or make the next values; False once there are no more."""
        if self._ended:
            return False
        if self._source is not None:
            item = next(self._source, None)
            if item is None:
                self._ended = True
                return False
            if item[0] not in self._taken:
                self._waiting[item[0]] = item[1]
            return True
        return self._receive()

    def _receive(self) -> bool:
        assert self._conn is not None
        try:
            ok, batch = self._conn.recv()
        except (EOFError, OSError):  # the child died without a word (killed, out of memory)
            ok, batch = False, "the background process ended without a result"
        if ok and batch is not None:
            self._stored.update((key, (offset, length)) for key, offset, length in batch if key not in self._taken)
            return True
        self._stop()
        if ok:
            self._ended = True
            return False
        self.failure = batch
        self._source = iter(self._work())  # start again here, skipping what was taken
        return self._more()

    def _stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._proc is not None:
            self._proc.join()

    def _close_spool(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def cancel(self) -> None:
        """Stop the child if it is still working (the values are no longer wanted)."""
        if self._proc is not None and self._proc.is_alive():
            self._proc.terminate()
        self._stop()
        self._close_spool()
        self._stored = {}
        self._ended = True
