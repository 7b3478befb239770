"""Borrower privacy: the ledger lives outside the project, borrowers are erased at return or after the
retention period, never reach git, the site, check's output or error messages, and concurrent or
interrupted commands lose nothing."""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from peer_library.checks.borrower_scan import borrower_line
from peer_library.cli import main
from peer_library.load import availability as availability_file, ledger_store
from peer_library.load.library import load_library
from peer_library.load.project_config import read_config
from tests.helpers import entry_text, make_library

SECRET = "planted-borrower-7q9x"
HOLDINGS = """\
holdings:
  - copy: c1
    location: Library shelf
  - copy: c2
    location: Team room
"""
TODAY = dt.date.today()  # commands that record a date are given it (--date): a run may cross midnight
AVAILABILITY = Path("library/circulation/availability.json")


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def write_project(folder: Path, plugin: str = "") -> Path:
    """A project folder with mkdocs.yml (site name, plugin options) and a library of one entry with two copies."""
    make_library(folder, {"values/hope.md": entry_text(HOLDINGS)})
    config = f"site_name: Test Library\nplugins:\n  - peer-library:\n      library: library\n{plugin}"
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project; the private ledger goes to the default place under a private XDG_DATA_HOME."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("PEER_LIBRARY_LEDGER", raising=False)
    folder = write_project(tmp_path / "project")
    monkeypatch.chdir(folder)
    return folder


def private_ledger(project: Path) -> Path:
    return project.parent / "data" / "peer-library" / "test-library" / "loans.jsonl"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Exit code and everything printed (stdout and stderr together)."""
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


# ---------------------------------------------------------------- where the ledger lives


def test_the_default_ledger_is_private_per_user_and_per_site(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "ledger", "path") == (0, f"{private_ledger(project)}\n")
    assert run(capsys, "loan", "hope", "c1", "--to", SECRET)[0] == 0
    ledger = private_ledger(project)
    assert SECRET in ledger.read_text()
    if os.name == "posix":
        assert ledger.stat().st_mode & 0o077 == 0 and ledger.parent.stat().st_mode & 0o077 == 0
    assert not (project / "library" / "circulation" / "loans.jsonl").exists()
    assert SECRET not in (project / AVAILABILITY).read_text()


@pytest.mark.parametrize(
    ("flag", "env", "option", "xdg", "expected"),
    [
        ("/a/flag.jsonl", "/b/env.jsonl", "../opt.jsonl", "/x", "/a/flag.jsonl"),
        (None, "/b/env.jsonl", "../opt.jsonl", "/x", "/b/env.jsonl"),
        (None, "", "../opt.jsonl", "/x", "/p/../opt.jsonl"),
        (None, "", "", "/x", "/x/peer-library/my-site-2/loans.jsonl"),
        (None, "", "", "relative/xdg", "~/.local/share/peer-library/my-site-2/loans.jsonl"),
        (None, "", "", "", "~/.local/share/peer-library/my-site-2/loans.jsonl"),
    ],
)
def test_ledger_path_precedence(
    monkeypatch: pytest.MonkeyPatch, flag: str | None, env: str, option: str, xdg: str, expected: str
) -> None:
    monkeypatch.setenv("PEER_LIBRARY_LEDGER", env)
    monkeypatch.setenv("XDG_DATA_HOME", xdg)
    found = ledger_store.resolve_ledger(flag, option, "My Site (2)", Path("/p"))
    assert found.path == Path(os.path.expanduser(expected))


def test_a_ledger_inside_the_project_is_refused_by_the_commands_and_the_check_of_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PEER_LIBRARY_LEDGER", raising=False)
    folder = write_project(tmp_path / "p", "      ledger: library/circulation/loans.jsonl\n")
    monkeypatch.chdir(folder)
    code, printed = run(capsys, "loan", "hope", "c1", "--to", SECRET)
    assert code == 2 and "the loans ledger must be kept outside the project" in printed
    assert "the plugin option 'ledger'" in printed and SECRET not in printed
    assert not (folder / "library" / "circulation" / "loans.jsonl").exists()


def test_mkdocs_yml_is_read_safely_with_mkdocs_and_material_tags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PL_TEST_SITE", "From Env")
    path = tmp_path / "mkdocs.yml"
    path.write_text(
        textwrap.dedent("""\
            site_name: !ENV [PL_TEST_SITE, "Fallback"]
            markdown_extensions:
              - pymdownx.emoji:
                  emoji_index: !!python/name:material.extensions.emoji.twemoji
            plugins:
              - search
              - peer-library:
                  retention_days: 30
                  ledger: ~/private/loans.jsonl
            """),
        encoding="utf-8",
    )
    config = read_config(path)
    assert config.site_name == "From Env"
    assert config.options == {"retention_days": 30, "ledger": "~/private/loans.jsonl"}


def test_without_mkdocs_yml_the_commands_ask_for_a_ledger_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PEER_LIBRARY_LEDGER", raising=False)
    make_library(tmp_path / "p", {"values/hope.md": entry_text(HOLDINGS)})
    monkeypatch.chdir(tmp_path / "p")
    code, printed = run(capsys, "loans")
    assert code == 2 and "mkdocs.yml: not found" in printed and "--ledger" in printed
    ledger = tmp_path / "elsewhere" / "loans.jsonl"
    assert run(capsys, "loan", "hope", "c1", "--to", "s1", "--ledger", str(ledger))[0] == 0
    assert ledger.exists()


# ---------------------------------------------------------------- erasure, retention and purge


def test_return_erases_the_borrower_from_the_ledger(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "loan", "hope", "c1", "--to", SECRET)[0] == 0
    assert run(capsys, "loan", "hope", "c2", "--to", "other-7")[0] == 0
    code, printed = run(capsys, "return", "hope", "c1")
    assert code == 0 and SECRET not in printed
    text = private_ledger(project).read_text()
    assert SECRET not in text and "other-7" in text, "only the returned loan's borrower is erased"
    assert [json.loads(x)["event"] for x in text.splitlines()] == ["loan", "loan", "return"]
    code, printed = run(capsys, "loans")
    assert "other-7" in printed and SECRET not in printed


def test_retention_keeps_the_borrower_for_n_days_then_purge_erases_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = write_project(tmp_path / "project", "      retention_days: 7\n")
    monkeypatch.chdir(folder)
    ledger = private_ledger(folder)
    assert run(capsys, "loan", "hope", "c1", "--to", SECRET, "--date", day(-3))[0] == 0
    assert run(capsys, "return", "hope", "c1", "--date", day(-2))[0] == 0
    assert SECRET in ledger.read_text(), "kept for the retention period"
    for offset in (0, 4):  # 2 and 6 days after the return
        code, printed = run(capsys, "purge", "--date", day(offset))
        assert code == 0 and "No borrower to erase" in printed and SECRET in ledger.read_text()
    code, printed = run(capsys, "purge", "--date", day(5))  # 7 days after the return
    assert code == 0 and "Erased the borrower of 1 returned loan (returned at least 7 days ago)." in printed
    assert SECRET not in ledger.read_text() and SECRET not in printed
    history = json.loads((folder / AVAILABILITY).read_text())["history"]
    assert history == [{"item": "hope", "loans": 1, "first": day(-3), "last": day(-3)}], "anonymous history stays"


def test_purge_never_erases_an_open_loan(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "loan", "hope", "c1", "--to", SECRET)[0] == 0
    assert run(capsys, "purge")[0] == 0
    assert SECRET in private_ledger(project).read_text()


# ---------------------------------------------------------------- the public availability file


def test_every_command_rewrites_the_availability_file_and_says_so(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, printed = run(capsys, "loan", "hope", "c2", "--to", SECRET, "--date", day(0), "--due", day(10))
    assert code == 0
    assert printed.splitlines()[-1] == (
        "library/circulation/availability.json changed: commit it (availability and anonymous history, no borrowers)."
    )
    assert json.loads((project / AVAILABILITY).read_text()) == {
        "copies": [
            {"item": "hope", "copy": "c1", "status": "available", "due": None},
            {"item": "hope", "copy": "c2", "status": "on-loan", "due": day(10)},
        ],
        "history": [{"item": "hope", "loans": 1, "first": day(0), "last": day(0)}],
    }
    library, problems = load_library(project / "library", root=project)
    assert problems == [] and [(c.copy, c.due.isoformat()) for c in library.on_loan] == [("c2", day(10))]
    assert run(capsys, "purge")[1].count("availability.json") == 0, "unchanged: nothing to commit"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{\n  "copies": [\n    {"item": "hope"\n', "x.json:4: not valid JSON"),
        ('{"copies": [{"item": "hope", "copy": "c1", "status": "lent"}]}', "x.json:1: status: status must be one of"),
        (
            '{\n  "copies": [\n    {"item": "hope", "copy": "c9", "status": "available", "due": null}\n  ]\n}',
            "x.json:3: item: 'hope' holds no copy 'c9'",
        ),
        ('{"copies": [{"item": "hope", "copy": "c1", "status": "on-loan"}]}', "x.json:1: due: a copy on loan needs"),
    ],
)
def test_availability_file_problems_are_located(project: Path, text: str, expected: str) -> None:
    library, _ = load_library(project / "library", root=project)
    _, _, problems = availability_file.parse(text, "x.json", library)
    assert any(str(p).startswith(expected) for p in problems), problems


# ---------------------------------------------------------------- borrowers in files git tracks or the site publishes


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("loans.jsonl", '{"event": "return"}\n{"event": "loan", "borrower": "s1"}\n', 2),
        ("loans.jsonl", '{"event": "loan", "borrower": null}\n{"borrower": ""}\n', None),
        ("export.json", '[\n  {\n    "Borrower" : 42\n  }\n]', 3),
        ("notes.yml", "- item: hope\n  borrower: s1\n", 2),
        ("notes.yml", "- item: hope\n  borrower: ~\n  # borrower: s1 was here\n", None),
        ("loans.csv", "item,copy,borrower\nhope,c1,\nhope,c2,s2\n", 3),
        ("loans.csv", "item,copy,borrower\nhope,c1,\n", None),
        ("notes.txt", "the borrower field is erased at return\n", None),
    ],
)
def test_borrower_fields_are_found_at_their_line(tmp_path: Path, name: str, text: str, line: int | None) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert borrower_line(path) == line


def git(folder: Path, *argv: str) -> None:
    subprocess.run(["git", "-C", str(folder), *argv], check=True, capture_output=True)


def test_a_tracked_ledger_with_borrowers_fails_check_without_naming_anyone(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    legacy = project / "library" / "circulation" / "loans.jsonl"
    legacy.parent.mkdir(parents=True, exist_ok=True)
    legacy.write_text(
        json.dumps({"date": day(0), "event": "loan", "item": "hope", "copy": "c1", "borrower": SECRET, "due": day(9)})
        + "\n",
        encoding="utf-8",
    )
    git(project, "init", "-q")
    git(project, "add", "library")
    code, printed = run(capsys, "check", "--no-cache")
    assert code == 1
    assert "library/circulation/loans.jsonl:1: borrower: this file is tracked by git and holds a borrower" in printed
    code, annotations = run(capsys, "check", "--no-cache", "--format", "github")
    assert code == 1 and annotations.startswith("::error file=library/circulation/loans.jsonl,line=1::borrower: ")
    assert SECRET not in printed + annotations


def test_an_ignored_ledger_in_the_project_is_a_warning_and_an_unignored_one_an_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    legacy = project / "library" / "circulation" / "loans.jsonl"
    legacy.parent.mkdir(parents=True, exist_ok=True)
    legacy.write_text(f'{{"borrower": "{SECRET}"}}\n', encoding="utf-8")
    git(project, "init", "-q")
    code, printed = run(capsys, "check", "--no-cache")
    assert code == 1 and "this file inside the library holds a borrower" in printed
    (project / ".gitignore").write_text("library/circulation/*.jsonl\n", encoding="utf-8")
    code, printed = run(capsys, "check", "--no-cache")
    assert code == 0 and "peer-library ledger move (warning)" in printed
    assert SECRET not in printed


def test_a_borrower_in_a_published_docs_file_fails_check(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs").mkdir()
    (project / "docs" / "report.csv").write_text(f"item,borrower\nhope,{SECRET}\n", encoding="utf-8")
    code, printed = run(capsys, "check", "--no-cache")
    assert code == 1 and "docs/report.csv:2: borrower: the site would publish this file" in printed
    assert SECRET not in printed


def test_the_projects_own_gitignore_keeps_ledgers_out() -> None:
    root = Path(__file__).parents[2]
    done = subprocess.run(
        ["git", "-C", str(root), "check-ignore", "-q", "library/circulation/loans.jsonl"], check=False
    )
    assert done.returncode == 0


# ---------------------------------------------------------------- moving a ledger out of the project


def test_ledger_move_takes_the_ledger_out_and_explains_the_history_cleanup(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    legacy = project / "library" / "circulation" / "loans.jsonl"
    legacy.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        {"date": day(-2), "event": "loan", "item": "hope", "copy": "c1", "borrower": SECRET, "due": day(9)},
        {"date": day(-1), "event": "return", "item": "hope", "copy": "c1"},
        {"date": day(-1), "event": "loan", "item": "hope", "copy": "c2", "borrower": "s2", "due": day(9)},
    ]
    legacy.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    before = legacy.read_bytes()
    git(project, "init", "-q")
    git(project, "add", "library")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "ledger")
    code, printed = run(capsys, "loan", "hope", "c1", "--to", "s3")
    assert code == 1 and "move it to its private place with: peer-library ledger move" in printed
    code, printed = run(capsys, "ledger", "move")
    assert code == 0 and not legacy.exists()
    assert private_ledger(project).read_bytes() == before
    assert "git filter-repo --invert-paths --path library/circulation/loans.jsonl" in printed
    assert "git rm --cached library/circulation/loans.jsonl" in printed
    assert "Run peer-library purge" in printed and SECRET not in printed
    assert json.loads((project / AVAILABILITY).read_text())["copies"][1]["status"] == "on-loan"
    assert run(capsys, "purge")[0] == 0 and SECRET not in private_ledger(project).read_text()
    legacy.write_text("{}\n", encoding="utf-8")
    code, printed = run(capsys, "ledger", "move")
    assert code == 3 and "a ledger already exists" in printed and legacy.exists()


# ---------------------------------------------------------------- real processes: concurrency, crashes, Windows


def cli(project: Path, *argv: str, prelude: str = "") -> subprocess.Popen[str]:
    """``peer-library ARGV`` in a new Python process in ``project`` (``prelude`` runs first)."""
    code = (
        f"{prelude}\nfrom peer_library.cli import run\nimport sys\nsys.argv = ['peer-library', *{list(argv)!r}]\nrun()"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_two_concurrent_loans_of_one_copy_give_one_loan_and_one_refusal(project: Path) -> None:
    for _ in range(3):  # each round: two processes racing for one copy
        first = cli(project, "loan", "hope", "c1", "--to", "racer-a")
        second = cli(project, "loan", "hope", "c1", "--to", "racer-b")
        results = sorted([(first.wait(30), *first.communicate()), (second.wait(30), *second.communicate())])
        assert [r[0] for r in results] == [0, 3], results
        assert "is already on loan" in results[1][2]
        assert "racer" not in results[1][2]
        events = [json.loads(x) for x in private_ledger(project).read_text().splitlines()]
        assert sum(e["event"] == "loan" for e in events) == len(events) - sum(e["event"] == "return" for e in events)
        assert cli(project, "return", "hope", "c1").wait(30) == 0
    assert sum(json.loads(x)["event"] == "loan" for x in private_ledger(project).read_text().splitlines()) == 3


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
@pytest.mark.parametrize("killed_at", [1, 2], ids=["ledger rename", "availability rename"])
def test_a_process_killed_between_write_and_rename_loses_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], killed_at: int
) -> None:
    assert run(capsys, "loan", "hope", "c1", "--to", SECRET)[0] == 0
    ledger, availability = private_ledger(project), project / AVAILABILITY
    before = ledger.read_bytes(), availability.read_bytes()
    # the temporary file is written and fsynced; the process dies where os.replace would rename it
    prelude = (
        "import os, signal\n_replace, _calls = os.replace, []\n"
        "def replace(*a, **k):\n"
        "    _calls.append(1)\n"
        f"    if len(_calls) == {killed_at}: os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return _replace(*a, **k)\n"
        "os.replace = replace"
    )
    proc = cli(project, "return", "hope", "c1", prelude=prelude)
    assert proc.wait(30) == -signal.SIGKILL
    if killed_at == 1:
        assert (ledger.read_bytes(), availability.read_bytes()) == before, "a half-done rewrite reached the files"
    else:  # the ledger has the return; the availability file is one command behind
        assert SECRET not in ledger.read_text() and availability.read_bytes() == before[1]
    assert any(p.name.endswith(".tmp") for p in [*ledger.parent.iterdir(), *availability.parent.iterdir()])
    code, printed = run(capsys, "return" if killed_at == 1 else "purge", *(["hope", "c1"] if killed_at == 1 else []))
    assert code == 0, printed
    assert SECRET not in ledger.read_text() and '"on-loan"' not in availability.read_text()
    assert not [p.name for p in [*ledger.parent.iterdir(), *availability.parent.iterdir()] if p.name.endswith(".tmp")]
    library, problems = load_library(project / "library", root=project)
    assert problems == [] and library.on_loan == ()


def test_no_module_imports_a_posix_or_windows_only_module_unconditionally() -> None:
    """The package imports on Windows: fcntl (and msvcrt) only inside an ``if sys.platform`` block."""
    package = Path(__file__).parents[2] / "plugins" / "peer_library"
    for path in package.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not {"fcntl", "msvcrt"} & set(names), f"{path.name}:{node.lineno} imports {names}"


def test_the_lock_works_with_msvcrt_where_there_is_no_fcntl(tmp_path: Path) -> None:
    source = Path(__file__).parents[2] / "plugins" / "peer_library" / "load" / "file_lock.py"
    code = textwrap.dedent(f"""\
        import importlib.util, sys, types
        from pathlib import Path
        sys.modules["fcntl"] = None  # importing it now fails, as on Windows
        calls = []
        msvcrt = types.ModuleType("msvcrt")
        msvcrt.LK_LOCK, msvcrt.LK_UNLCK = 1, 0
        msvcrt.locking = lambda fd, mode, n: calls.append(mode)
        sys.modules["msvcrt"] = msvcrt
        sys.platform = "win32"
        spec = importlib.util.spec_from_file_location("file_lock", {str(source)!r})
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        with module.locked(Path({str(tmp_path / "x.lock")!r})):
            pass
        assert calls == [1, 0], calls
        """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
