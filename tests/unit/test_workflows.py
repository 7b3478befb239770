"""The GitHub workflows: actionlint finds nothing, issue text never reaches a shell as code, and each job
holds only the permissions it needs. Also the preview's list of changed pages (scripts/changed_pages.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from changed_pages import Changed, main, markdown, pages_for

from tests.conftest import ROOT
from tests.helpers import entry_text

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ENTRY = yaml.safe_load((ROOT / ".github" / "workflows" / "entry-from-issue.yml").read_text(encoding="utf-8"))
CHECK = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8"))


def test_workflows_pass_actionlint() -> None:
    actionlint = Path(sys.executable).parent / "actionlint"  # installed with the test extras
    assert actionlint.is_file(), "actionlint is missing: run scripts/bootstrap test"
    done = subprocess.run(
        [str(actionlint), "-no-color", *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_no_event_text_is_expanded_inside_a_script(workflow: Path) -> None:
    """Script injection: ${{ github.event.* }} in run: is pasted into the shell before it runs."""
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    for job in data["jobs"].values():
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", "").replace("${{ github.workspace }}", ""), step.get("name")


def test_entry_workflow_runs_on_form_issues_with_least_privilege() -> None:
    assert ENTRY[True]["issues"]["types"] == ["opened", "edited", "labeled"]  # YAML 1.1 reads 'on' as true
    assert ENTRY["permissions"] == {}
    job = ENTRY["jobs"]["entry"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert "'new-entry'" in job["if"] and "github.event.issue.state == 'open'" in job["if"]
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert 'peer-library from-issue "$RUNNER_TEMP/issue.md"' in runs
    assert 'branch="entry/$ENTRY_ID"' in runs and "gh pr create" in runs and "gh issue comment" in runs
    body_steps = [s for s in job["steps"] if "ISSUE_BODY" in s.get("env", {})]
    assert [s["env"]["ISSUE_BODY"] for s in body_steps] == ["${{ github.event.issue.body }}"]
    assert "Closes #%s" in runs


def test_pull_requests_get_a_preview_artifact_and_a_list_of_pages() -> None:
    steps = CHECK["jobs"]["check"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "site-preview" and upload["with"]["path"] == "site"
    assert any("scripts/changed_pages.py" in s.get("run", "") for s in steps)
    preview = CHECK["jobs"]["preview"]
    assert preview["permissions"] == {"pull-requests": "write"} and preview["needs"] == "check"


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_changed_files_become_the_pages_they_make(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "library/practices/wrap.md": entry_text(id="wellness-recovery-action-plan", type="practice"),
            "library/values/hope.md": entry_text(),
            "docs/about.md": "# About\n",
            "docs/index.md": "# Home\n",
        },
    )
    names = [
        "library/practices/wrap.md",
        "library/values/hope.md",
        "library/values/gone.md",
        "library/topics.yml",
        "library/pathways/orientation.yml",
        "library/circulation/loans.jsonl",
        "library/README.md",
        "docs/about.md",
        "docs/index.md",
        "README.md",
    ]
    pages, removed, site_wide = pages_for(names, tmp_path)
    assert pages == [
        Changed("", "index.md", "docs/index.md"),
        Changed("about/", "about.md", "docs/about.md"),
        Changed("entries/hope/", "Hope", "library/values/hope.md"),
        Changed("entries/wellness-recovery-action-plan/", "Hope", "library/practices/wrap.md"),
        Changed("pathways/", "Pathways", "library/pathways/orientation.yml"),
        Changed("topics/", "Topics", "library/topics.yml"),
    ]
    assert removed == ["library/values/gone.md"] and not site_wide
    text = markdown(pages, removed, site_wide)
    assert "- `entries/hope/index.html`: Hope (from `library/values/hope.md`)" in text
    assert "- removed: `library/values/gone.md`" in text
    assert pages_for(["plugins/peer_library/pages.py"], tmp_path)[2] is True
    assert "changes no page" in markdown([], [], False)


def test_preview_list_comes_from_git_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=tmp_path, check=True)

    git("init", "-q")
    _write(tmp_path, {"library/values/hope.md": entry_text(), "docs/index.md": "# Home\n"})
    git("add", ".")
    git("commit", "-qm", "base")
    _write(tmp_path, {"library/values/courage.md": entry_text(id="courage").replace("title: Hope", "title: Courage")})
    git("add", ".")
    git("commit", "-qm", "add courage")
    monkeypatch.chdir(tmp_path)
    assert main(["HEAD~1"]) == 0
    out = capsys.readouterr().out
    assert re.findall(r"^- .*$", out, flags=re.M) == [
        "- `entries/courage/index.html`: Courage (from `library/values/courage.md`)"
    ]
