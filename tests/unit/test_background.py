"""Work on another core: the same values whether a forked child or this process makes them."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

import pytest

from peer_library.speed.background import BATCH, Background
from peer_library.speed.fork import may_fork

# fork=True: other tests in this process may have left threads running, which would make may_fork() say no.
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def squares(n: int) -> Iterator[tuple[int, tuple[int, int]]]:
    for i in range(n):
        yield i, (os.getpid(), i * i)


@needs_fork
def test_a_forked_child_makes_the_values_and_hands_each_over_once() -> None:
    job = Background(lambda: squares(3 * BATCH + 5), fork=True)
    assert job.forked
    got = job.take(BATCH + 1)
    assert got is not None and got[0] != os.getpid() and got[1] == (BATCH + 1) ** 2
    assert job.take(BATCH + 1) is None  # taken once
    assert job.take(2) == (got[0], 4)  # already received, waiting
    rest = job.rest()
    assert sorted(rest) == [i for i in range(3 * BATCH + 5) if i not in (2, BATCH + 1)]
    assert job.take(999) is None and job.rest() == {}


def test_without_fork_values_are_made_here_as_they_are_asked_for() -> None:
    made: list[int] = []

    def work() -> Iterator[tuple[int, int]]:
        for i in range(5):
            made.append(i)
            yield i, i * 10

    job = Background(work, fork=False)
    assert not job.forked and made == []  # nothing happens until a value is wanted
    assert job.take(1) == 10 and made == [0, 1]
    assert job.rest() == {0: 0, 2: 20, 3: 30, 4: 40}


@needs_fork
def test_a_failing_child_is_reported_and_the_work_redone_here() -> None:
    parent = os.getpid()

    def work() -> Iterator[tuple[int, str]]:
        for i in range(2 * BATCH):
            if i == BATCH + 3 and os.getpid() != parent:
                raise RuntimeError("only in the child")
            yield i, f"value {i}"

    job = Background(work, fork=True)
    assert job.take(1) == "value 1"
    assert job.take(2 * BATCH - 1) == f"value {2 * BATCH - 1}"
    assert "RuntimeError: only in the child" in job.failure
    assert len(job.rest()) == 2 * BATCH - 2


@needs_fork
def test_a_child_that_dies_without_a_word_does_not_lose_a_value() -> None:
    parent = os.getpid()

    def work() -> Iterator[tuple[str, int]]:
        if os.getpid() != parent:
            os._exit(3)  # as if killed
        yield "answer", 42

    job = Background(work, fork=True)
    assert job.take("answer") == 42 and "without a result" in job.failure


def test_no_fork_while_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not may_fork()
        assert not Background(lambda: iter([(1, 1)])).forked
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_cancel_stops_the_child() -> None:
    def forever() -> Iterator[tuple[int, int]]:
        threading.Event().wait(60)
        yield 1, 1

    job = Background(forever, fork=True)
    child = job._proc
    job.cancel()
    assert not child.is_alive() and job.rest() == {}
