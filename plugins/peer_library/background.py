"""Work done on another core while the caller goes on: a value computed in a forked child process.

MkDocs builds a site on one core. The plugin's own HTML (entry chrome, index pages, feed, catalogue)
is needed only once MkDocs has converted every page's Markdown, so it is made in a forked child
meanwhile and collected when it is first needed. Where forking is unsafe (the process runs threads,
as ``mkdocs serve`` does once its server is up) or impossible (no ``fork``), or the child fails, the
same work runs in this process when the value is asked for: the result is the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Forking is safe only in a single-threaded process on a platform that has ``fork``."""
    return hasattr(os, "fork") and threading.active_count() == 1


def _child(send: Connection, work: Callable[[], Any]) -> None:
    try:
        send.send((True, work()))
    except BaseException:  # reported by the parent, which then does the work itself
        send.send((False, traceback.format_exc()))
    finally:
        send.close()


class Background(Generic[T]):
    """``work()``, started in a forked child now; ``result()`` waits for it.

    ``work`` sees this process's memory as it was at the fork; it must return picklable data and
    must not depend on anything the parent changes afterwards.
    """

    def __init__(self, work: Callable[[], T], fork: bool | None = None) -> None:
        self._work = work
        self._done = False
        self._value: T | None = None
        self.failure = ""  # the child's traceback when it failed and the work was redone here
        self._conn: Connection | None = None
        self._proc: Any = None
        if can_fork() if fork is None else fork:
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            self._proc = context.Process(target=_child, args=(send, work), daemon=True)
            self._proc.start()
            send.close()
            self._conn = receive

    @property
    def forked(self) -> bool:
        return self._proc is not None

    def result(self) -> T:
        """The value: from the child if it made it, else made here (once)."""
        if not self._done:
            self._value = self._collect()
            self._done = True
        return self._value  # type: ignore[return-value]

    def _collect(self) -> T:
        if self._conn is not None:
            try:
                ok, value = self._conn.recv()
            except (EOFError, OSError):  # the child died without a word (killed, out of memory)
                ok, value = False, "the background process ended without a result"
            finally:
                self._conn.close()
                self._proc.join()
            if ok:
                return value  # type: ignore[no-any-return]
            self.failure = value
        return self._work()

    def cancel(self) -> None:
        """Stop the child if it is still working (the value is no longer wanted)."""
        if self._proc is not None and not self._done:
            self._proc.terminate()
            self._proc.join()
            if self._conn is not None:
                self._conn.close()
            self._conn = None
