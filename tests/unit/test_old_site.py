"""old_site: the previous site moved aside and deleted by another process, as MkDocs would empty it."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from peer_library import old_site, reading

MAY_FORK = old_site.may_fork


def site_with_old_pages(site: Path) -> None:
    (site / "entries" / "wrap").mkdir(parents=True)
    (site / "entries" / "wrap" / "index.html").write_text("old", encoding="utf-8")
    (site / "index.html").write_text("old", encoding="utf-8")
    (site / ".git").mkdir()  # hidden: MkDocs never removes it (a gh-pages checkout, say)
    (site / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    (site / f"{old_site.TRASH_PREFIX}interrupted").mkdir()  # left by a build that was killed
    (site / f"{old_site.TRASH_PREFIX}interrupted" / "page.html").write_text("old", encoding="utf-8")


@pytest.fixture(autouse=True)
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    if not reading.can_fork():
        pytest.skip("needs fork")
    monkeypatch.setattr(old_site, "may_fork", lambda: True)  # other tests may have left threads running


def test_what_mkdocs_would_remove_is_moved_aside_at_once_and_deleted(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site_with_old_pages(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not the site's", encoding="utf-8")
    (site / "linked").symlink_to(elsewhere)  # MkDocs' rmtree refuses a link to a folder: it stays
    clearing = old_site.start_clearing(site)
    assert clearing is not None
    assert sorted(os.listdir(site)) == sorted([".git", "linked", clearing.trash.name])  # nothing left to remove
    os.waitpid(clearing.pid, 0)
    assert not clearing.trash.exists()  # deleted by the other process, not by wait()
    assert clearing.wait()
    assert sorted(os.listdir(site)) == [".git", "linked"]
    assert (elsewhere / "keep.txt").exists()
    assert (site / ".git" / "HEAD").read_text(encoding="utf-8") == "ref"


def test_nothing_to_clear(tmp_path: Path) -> None:
    assert old_site.start_clearing(tmp_path / "no-site-yet") is None
    (tmp_path / "site" / ".git").mkdir(parents=True)
    assert old_site.start_clearing(tmp_path / "site") is None


def test_without_a_process_to_spare_the_old_site_is_removed_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fork() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    site = tmp_path / "site"
    site_with_old_pages(site)
    assert old_site.start_clearing(site) is None
    assert os.listdir(site) == [".git"]


def test_while_other_threads_run_mkdocs_empties_the_folder_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(old_site, "may_fork", MAY_FORK)
    site = tmp_path / "site"
    site_with_old_pages(site)
    running = threading.Event()
    thread = threading.Thread(target=running.wait)
    thread.start()
    try:
        assert old_site.start_clearing(site) is None
    finally:
        running.set()
        thread.join()
    assert "index.html" in os.listdir(site)


def test_a_folder_that_cannot_be_deleted_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    trash = tmp_path / "site" / f"{old_site.TRASH_PREFIX}x"
    trash.mkdir(parents=True)
    pid = os.fork()
    if pid == 0:
        os._exit(1)
    monkeypatch.setattr(old_site.shutil, "rmtree", lambda *args, **kwargs: None)  # as on a read-only disk
    assert old_site.Clearing(trash, pid).wait() is False


def test_a_failed_deletion_is_finished_by_wait(tmp_path: Path) -> None:
    trash = tmp_path / "site" / f"{old_site.TRASH_PREFIX}x"
    (trash / "entries").mkdir(parents=True)
    pid = os.fork()
    if pid == 0:
        os._exit(1)  # a deleting process that deleted nothing
    old_site.Clearing(trash, pid).wait()
    assert not trash.exists()
