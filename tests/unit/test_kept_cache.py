"""`peer-library check` keeps what it read in the user's cache folder, and a later check reads only
the entry files that changed: with the same problems reported as a check that read everything."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from peer_library.cli import main
from peer_library.speed import kept_cache, reading as readmod
from tests.helpers import entry_text, make_library

AN_HOUR_AGO = time.time() - 3600


def settle(root: Path) -> None:
    """Date every file an hour back (as a file copied with its times would be)."""
    for path in root.rglob("*"):
        os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Files changed moments before a check are not kept (RACY_NS); a test cannot date a file's
    # change time back, so here every file counts as settled.
    monkeypatch.setattr(kept_cache, "RACY_NS", 0)
    files = {f"values/v{i}.md": entry_text(id=f"v{i}") for i in range(6)}
    files["values/a.md"] = entry_text("year: soon\ntopcs: []\n", id="a")
    files["values/b.md"] = "# no front matter\n"
    files["values/c.md"] = entry_text("related: [nowhere]\n", body="See [[v1]] and [[missing]].\n", id="c")
    make_library(tmp_path / "project", files)
    settle(tmp_path / "project")
    monkeypatch.setenv("PEER_LIBRARY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path / "project")
    return tmp_path / "project"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The entry files each check reads (rather than finds kept)."""
    read: list[str] = []
    real = readmod.read_entry

    def spy(path: Path, *args: object, **kwargs: object) -> object:
        read.append(path.name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(readmod, "read_entry", spy)
    return read


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "library", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_second_check_reads_nothing_unchanged_and_reports_the_same(
    project: Path,
    reads: list[str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    jobs: int,
) -> None:
    if jobs > 1:  # the first check reads in worker processes, as for a large library
        monkeypatch.setattr(readmod, "PARALLEL_FROM", 1)
        monkeypatch.setattr(
            "peer_library.speed.fork.may_fork", lambda: True
        )  # other tests may have left threads running
        monkeypatch.setattr("peer_library.speed.jobs", lambda: jobs)
    first = check(capsys)
    assert first[0] == 1 and "library/values/a.md:7: year: must be a whole number" in first[1]
    assert "library/values/c.md:7: related" in first[1] and "library/values/b.md:1: missing front matter" in first[1]
    assert len(reads) == 9 or jobs > 1  # a worker's reads are counted in its own copy of this list
    [kept] = (tmp_path / "cache").glob("*.pickle")
    assert kept.stat().st_mode & 0o077 == 0 or (tmp_path / "cache").stat().st_mode & 0o077 == 0

    reads.clear()
    assert check(capsys) == first
    assert reads == []
    assert check(capsys, "--no-cache") == first
    assert len(reads) == 9 or jobs > 1


def test_an_edited_entry_is_read_again_even_with_its_old_size_and_time(
    project: Path, reads: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    check(capsys)
    a = project / "library" / "values" / "a.md"
    text = a.read_text(encoding="utf-8")
    a.write_text(text.replace("year: soon", "year: 1999"), encoding="utf-8")  # same length
    os.utime(a, (AN_HOUR_AGO, AN_HOUR_AGO))  # as a copy that keeps times would leave it
    reads.clear()
    _, out, _ = check(capsys)
    assert reads == ["a.md"]
    assert "a.md:7: year" not in out and "library/values/a.md:8: topcs" in out
    assert check(capsys, "--no-cache")[1] == out


def test_deleted_and_added_entries_are_followed(
    project: Path, reads: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    check(capsys)
    (project / "library" / "values" / "b.md").unlink()
    (project / "library" / "values" / "d.md").write_text(entry_text(id="d"), encoding="utf-8")
    reads.clear()
    _, out, err = check(capsys)
    assert reads == ["d.md"]
    assert "values/b.md" not in out and "9 entries" in err
    assert check(capsys, "--no-cache")[1:] == (out, err)


@pytest.mark.parametrize("damage", ["cut short", "other code"])
def test_a_cache_that_cannot_be_used_is_read_past(
    project: Path,
    reads: list[str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    damage: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = check(capsys)
    [kept] = (tmp_path / "cache").glob("*.pickle")
    if damage == "cut short":
        kept.write_bytes(kept.read_bytes()[:100])
    else:
        monkeypatch.setattr(kept_cache, "code_stamp", lambda: "another version of the checks")
    reads.clear()
    assert check(capsys) == first
    assert len(reads) == 9


def test_files_changed_moments_before_a_check_are_not_kept(
    project: Path, reads: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept_cache, "RACY_NS", 2_000_000_000)  # their next change may keep the same times
    first = check(capsys)
    reads.clear()
    assert check(capsys) == first
    assert len(reads) == 9  # all written (and their times set) just now


def test_the_cache_lives_in_the_cache_folder_never_in_the_project(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = sorted(project.rglob("*"))
    monkeypatch.delenv("PEER_LIBRARY_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    check(capsys)
    assert sorted(project.rglob("*")) == before
    assert len(list((tmp_path / "xdg" / "peer-library").glob("*.pickle"))) == 1
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert kept_cache.cache_folder(project) == tmp_path / "home" / ".cache" / "peer-library"


def test_a_folder_that_cannot_be_written_costs_only_the_cache(
    project: Path, reads: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project.parent / "a-file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("PEER_LIBRARY_CACHE_DIR", str(project.parent / "a-file" / "cache"))
    first = check(capsys)
    assert first[0] == 1 and "Traceback" not in first[2]
    reads.clear()
    assert check(capsys) == first
    assert len(reads) == 9


def test_without_a_process_to_spare_the_check_writes_its_cache_itself(
    project: Path, reads: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fork() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    first = check(capsys)
    reads.clear()
    assert check(capsys) == first
    assert reads == []


@pytest.mark.parametrize("where", ["relative", "in the project", "writable by others"])
def test_a_cache_a_pull_request_could_plant_is_not_loaded(
    project: Path,
    reads: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    where: str,
) -> None:
    folder = {"relative": ".cache", "in the project": str(project / ".cache")}.get(where, str(tmp_path / "cache"))
    monkeypatch.setenv("PEER_LIBRARY_CACHE_DIR", folder)
    first = check(capsys)
    if where == "writable by others":  # a shared folder: someone else could have put the file there
        (tmp_path / "cache").chmod(0o777)
    reads.clear()
    assert check(capsys) == first
    assert len(reads) == 9
    assert not (project / ".cache").exists()


def test_an_entry_that_is_a_link_is_read_every_time(
    project: Path, reads: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    target = project / "library" / "files" / "shared.md"
    target.parent.mkdir()
    target.write_text(entry_text(id="shared"), encoding="utf-8")
    (project / "library" / "values" / "shared.md").symlink_to(target)
    settle(project)
    check(capsys)
    target.write_text(entry_text("year: soon\n", id="shared"), encoding="utf-8")
    os.utime(target, (AN_HOUR_AGO, AN_HOUR_AGO))
    reads.clear()
    _, out, _ = check(capsys)
    assert reads == ["shared.md"]
    assert "library/values/shared.md:7: year" in out
