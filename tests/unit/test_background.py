"""Work on another core: the same value whether a forked child or this process makes it."""

from __future__ import annotations

import os
import threading

import pytest

from peer_library.background import Background, can_fork

# fork=True: other tests in this process may have left threads running, which would make can_fork() say no.
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


@needs_fork
def test_a_forked_child_makes_the_value_while_the_parent_goes_on() -> None:
    parent = os.getpid()
    job = Background(lambda: (os.getpid(), sorted({"b": 2, "a": 1}.items())), fork=True)
    assert job.forked
    made_by, value = job.result()
    assert made_by != parent and value == [("a", 1), ("b", 2)]
    assert job.result() is job.result()  # collected once


def test_without_fork_the_work_runs_here_when_asked_for() -> None:
    calls: list[int] = []
    job = Background(lambda: calls.append(os.getpid()) or "done", fork=False)
    assert not job.forked and calls == []  # nothing happens until the value is wanted
    assert job.result() == "done" and job.result() == "done"
    assert calls == [os.getpid()]


@needs_fork
def test_a_failing_child_is_reported_and_the_work_redone_here() -> None:
    parent = os.getpid()

    def work() -> str:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return "made here"

    job = Background(work, fork=True)
    assert job.result() == "made here"
    assert "RuntimeError: only in the child" in job.failure


@needs_fork
def test_a_child_that_dies_without_a_word_does_not_lose_the_value() -> None:
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            os._exit(3)  # as if killed
        return 42

    job = Background(work, fork=True)
    assert job.result() == 42 and "without a result" in job.failure


def test_no_fork_while_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        assert not Background(lambda: 1).forked
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_cancel_stops_the_child() -> None:
    job = Background(lambda: threading.Event().wait(60), fork=True)
    job.cancel()
    assert not job._proc.is_alive()
