"""The peer-library command, through main(argv) and as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from peer_library.cli import main
from peer_library.load.json_schema import json_schema
from tests.conftest import ROOT
from tests.helpers import entry_text, make_library


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_library(tmp_path, {"a.md": entry_text("year: soon\ntopcs: []\n"), "b.md": "# no front matter\n"})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_text_lists_every_problem_and_fails(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "library"]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        "library/a.md:7: year: must be a whole number, not text",
        "library/a.md:8: topcs: unknown field 'topcs'; did you mean 'topics'?; it is ignored (warning)",
        "library/b.md:1: missing front matter: the file must start with a '---' line",
    ]
    assert "1 entries, 2 errors, 1 warnings" in out.err


def test_check_github_annotations(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "library", "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines()[:2] == [
        "::error file=library/a.md,line=7::year: must be a whole number, not text",
        "::warning file=library/a.md,line=8::topcs: unknown field 'topcs'; did you mean 'topics'?; it is ignored",
    ]


def test_check_json(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "library", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data[0] == {
        "path": "library/a.md",
        "line": 7,
        "field": "year",
        "message": "must be a whole number, not text",
        "severity": "error",
    }


def test_check_clean_library_exits_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_library(tmp_path, {"a.md": entry_text()})
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0


def test_usage_errors_exit_two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "nowhere"]) == 2
    assert main(["frobnicate"]) == 2


def test_check_as_a_subprocess_does_not_import_mkdocs(broken: Path) -> None:
    code = (
        "import sys; from peer_library.cli import main; rc = main(['check']); "
        "assert not [m for m in sys.modules if m.startswith('mkdocs')]; sys.exit(rc)"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=broken, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    assert "library/a.md:7: year:" in run.stdout
    assert "Traceback" not in run.stderr


def test_the_command_exits_with_the_checks_code_and_says_when_it_cannot_write(broken: Path) -> None:
    command = [sys.executable, "-m", "peer_library.cli", "check"]  # run(), as the installed command
    done = subprocess.run(command, cwd=broken, capture_output=True, text=True)
    assert done.returncode == 1 and "library/a.md:7: year:" in done.stdout
    assert "1 entries, 2 errors, 1 warnings" in done.stderr
    if Path("/dev/full").exists():
        with open("/dev/full", "w") as full:
            done = subprocess.run(command, cwd=broken, stdout=full, stderr=subprocess.PIPE, text=True)
        assert done.returncode == 120
        assert "could not write the output: No space left on device" in done.stderr
        assert "Traceback" not in done.stderr


def test_published_json_schema_is_in_sync() -> None:
    published = json.loads((ROOT / "docs" / "schema" / "entry.schema.json").read_text(encoding="utf-8"))
    assert published == json_schema(), "run: peer-library schema -o docs/schema/entry.schema.json"


def test_json_schema_accepts_a_real_entry_and_rejects_a_bad_one() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schema()
    good = {"id": "hope", "title": "Hope", "type": "value", "summary": "s", "topics": ["recovery"]}
    jsonschema.validate(good, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "type": "nonsense"}, schema)
