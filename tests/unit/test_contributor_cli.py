"""`peer-library new` and `check` as a contributor meets them: through main(argv) and as a subprocess."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from peer_library.cli import main
from peer_library.cli.scaffold import slugify
from peer_library.load import schema
from tests.conftest import ROOT
from tests.helpers import entry_text, make_library


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Hope", "hope"),
        ("Wellness Recovery Action Plan (WRAP)", "wellness-recovery-action-plan-wrap"),
        ("  Peer work:   a guide  ", "peer-work-a-guide"),
        ("People's stories", "peoples-stories"),
        ("Māori & Pacific peer work", "maori-and-pacific-peer-work"),
        ("Café — naïve", "cafe-naive"),
        ("12 steps", "12-steps"),
        ("¿¡!", ""),
        ("a " * 40, ("a-" * 30).rstrip("-")),
        ("x" * 70, "x" * 60),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug
    assert len(slug) <= 60


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_library(
        tmp_path,
        {
            "values/hope.md": entry_text("aliases: [WRAP, Recovery and hope]\n"),
            "broken.md": "---\nid: mutuality\ntitle: Mutuality\ntype: vale\n---\n",  # fails check, keeps its id
        },
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def fill(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^summary:", "summary: A short, plain description.", text, count=1, flags=re.M)
    text = re.sub(r"^topics:", "topics: [recovery]", text, count=1, flags=re.M)
    text = re.sub(
        r"^source:", "source:\n  title: A letter\n  url: https://example.org/letter\n", text, count=1, flags=re.M
    )
    path.write_text(text, encoding="utf-8")


def test_new_writes_every_field_with_a_comment(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "practice", "Shared Risk-Taking: a guide"]) == 0
    path = project / "library" / "practices" / "shared-risk-taking-a-guide.md"
    assert f"Created library/practices/{path.name}" in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    front = text.split("---\n")[1]
    keys = [line.split(":")[0] for line in front.splitlines() if line and not line.startswith("#")]
    assert keys == list(schema.ENTRY)  # every field, in the schema's order
    assert all("  # " in line for line in front.splitlines() if line and not line.startswith("#"))
    data = yaml.safe_load(front)
    assert data["id"] == "shared-risk-taking-a-guide"
    assert data["title"] == "Shared Risk-Taking: a guide"
    assert data["type"] == "practice"
    assert data["added"] == dt.date.today()
    assert "recovery" in front  # topic examples come from the library's own topics.yml
    assert not list(path.parent.glob(".*.tmp"))  # written atomically: no temporary file left behind


def test_new_entry_fails_check_until_summary_and_topics_are_filled(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "library" / "broken.md").unlink()
    assert main(["new", "value", "Courage"]) == 0
    capsys.readouterr()
    assert main(["check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "library/values/courage.md:7: summary: required field is empty",
        "library/values/courage.md:8: topics: required field is empty",
    ]
    fill(project / "library" / "values" / "courage.md")
    assert main(["check"]) == 0
    assert capsys.readouterr().out == ""  # no errors and no warnings at all


@pytest.mark.parametrize(
    ("argv", "owner"),
    [
        (["new", "value", "Hope"], "library/values/hope.md (its id)"),
        (["new", "practice", "wrap"], "library/values/hope.md (an alias)"),
        (["new", "value", "Recovery and Hope"], "library/values/hope.md (an alias)"),
        (["new", "value", "Something", "--id", "mutuality"], "library/broken.md (its id)"),
    ],
)
def test_new_refuses_an_id_or_alias_in_use(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], owner: str
) -> None:
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert f"is already used by {owner}; nothing was written" in err
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_new_refuses_to_overwrite_a_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "library" / "roles").mkdir()
    (project / "library" / "roles" / "peer-worker.md").write_text("draft\n", encoding="utf-8")
    assert main(["new", "role", "Peer worker"]) == 1
    assert "the file library/roles/peer-worker.md" in capsys.readouterr().err
    assert (project / "library" / "roles" / "peer-worker.md").read_text(encoding="utf-8") == "draft\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["new", "book", "Hope"],  # not a type
        ["new", "value"],  # no title
        ["new", "value", "¿¡!"],  # nothing to make an id from
        ["new", "value", "Hope", "--id", "Not A Slug"],
        ["new", "value", "Hope", "--library", "nowhere"],
    ],
)
def test_new_usage_errors_exit_two(project: Path, argv: list[str]) -> None:
    assert main(argv) == 2


KNOWN = {
    "a.md": entry_text("year: soon\n", "He committed suicide.\n"),
    "b.md": entry_text(id="b", body="She suffers from it. <!-- language: ok -->\nAn addict.\n"),
    "style/language.yml": (
        "- phrase: committed suicide\n  suggest: [died by suicide]\n  reason: it echoes a crime.\n"
        "- phrase: addict\n  suggest: [person who uses drugs]\n  reason: it labels a person.\n"
        "- phrase: suffers from\n  suggest: [lives with]\n  reason: it describes only distress.\n"
    ),
}


@pytest.fixture
def known(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_library(tmp_path, KNOWN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_github_annotations_exact(known: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=library/a.md,line=7::year: must be a whole number, not text",
        '::warning file=library/a.md,line=10::body: "committed suicide": try "died by suicide". Why: it echoes a crime.',
        "::warning file=library/a.md,line=10::content_notes: the entry mentions 'suicide' but content_notes does not "
        "include 'suicide'; add it so readers are told before they read the body",
        '::warning file=library/b.md,line=10::body: "addict": try "person who uses drugs". Why: it labels a person.',
    ]


def test_check_text_exact(known: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        "library/a.md:7: year: must be a whole number, not text",
        'library/a.md:10: body: "committed suicide": try "died by suicide". Why: it echoes a crime. (warning)',
        "library/a.md:10: content_notes: the entry mentions 'suicide' but content_notes does not include "
        "'suicide'; add it so readers are told before they read the body (warning)",
        'library/b.md:10: body: "addict": try "person who uses drugs". Why: it labels a person. (warning)',
    ]
    assert out.err.strip() == "2 entries, 1 errors, 3 warnings"


def test_check_json_has_every_problem_with_severity(known: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(d["path"], d["line"], d["field"], d["severity"]) for d in data] == [
        ("library/a.md", 7, "year", "error"),
        ("library/a.md", 10, "body", "warning"),
        ("library/a.md", 10, "content_notes", "warning"),
        ("library/b.md", 10, "body", "warning"),
    ]


def test_warnings_alone_exit_zero(known: Path) -> None:
    (known / "library" / "a.md").write_text(entry_text(body="He committed suicide.\n"), encoding="utf-8")
    assert main(["check"]) == 0


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "peer_library.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_subprocess_new_then_check(tmp_path: Path) -> None:
    make_library(tmp_path, {})
    made = run(tmp_path, "new", "writing", "A letter to my worker")
    assert made.returncode == 0, made.stderr
    assert run(tmp_path, "check").returncode == 1
    fill(tmp_path / "library" / "writings" / "a-letter-to-my-worker.md")
    checked = run(tmp_path, "check", "--format", "github")
    assert (checked.returncode, checked.stdout, "Traceback" in checked.stderr) == (0, "", False)
    again = run(tmp_path, "new", "writing", "A Letter to my Worker")
    assert again.returncode == 1 and "already used" in again.stderr


def test_subprocess_exit_codes_and_annotations(known: Path) -> None:
    checked = run(known, "check", "library", "--format", "github")
    assert checked.returncode == 1
    assert checked.stdout.splitlines()[0] == "::error file=library/a.md,line=7::year: must be a whole number, not text"
    assert run(known, "check", "missing-folder").returncode == 2
    assert run(known, "check", "--format", "xml").returncode == 2


def test_starter_library_checks_fast_and_clean() -> None:
    run_ = subprocess.run(
        [sys.executable, "-m", "peer_library.cli", "check", "--format", "github"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (run_.returncode, run_.stdout) == (0, "")


def test_new_entry_validates_against_the_published_json_schema(project: Path) -> None:
    """Editors check front matter with the JSON Schema: empty optional fields must pass it too."""
    jsonschema = pytest.importorskip("jsonschema")
    published = json.loads((ROOT / "docs" / "schema" / "entry.schema.json").read_text(encoding="utf-8"))
    assert main(["new", "resource", "A toolkit"]) == 0
    path = project / "library" / "resources" / "a-toolkit.md"

    def front() -> dict[str, object]:
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}  # as editors read YAML

    errors = sorted(e.path[0] for e in jsonschema.Draft7Validator(published).iter_errors(front()))
    assert errors == ["summary", "topics"]
    fill(path)
    jsonschema.validate(front(), published)
