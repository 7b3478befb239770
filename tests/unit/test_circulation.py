"""The loans ledger: reading with located problems, every refusal, atomic rewrites, and availability.

The ledger is private: these tests keep it outside the project (``PEER_LIBRARY_LEDGER``), as the
commands require."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from pathlib import Path

import pytest

from peer_library.cli import main
from peer_library.derive.availability import Availability, CopyStatus, availability
from peer_library.load import ledger as circulation
from peer_library.load.ledger import load_ledger
from peer_library.load.library import load_library
from tests.helpers import entry_text, make_library

HOLDINGS = """\
holdings:
  - copy: c1
    location: Library shelf, level 2
  - copy: c2
    location: Team room, Footscray
  - copy: c3
    location: Library shelf, level 2
"""
SOURCE = "source:\n  title: Solo\n  url: https://example.org/solo\n"
ONE_COPY = """\
holdings:
  - copy: c1
    location: Peer work office
"""
LEDGER = "loans.jsonl"  # how problems show the ledger in these tests (load_ledger's ``shown``)


def line(date: str, event: str, item: str = "hope", copy: str = "c1", **extra: str) -> str:
    return json.dumps({"date": date, "event": event, "item": item, "copy": copy, **extra}) + "\n"


@pytest.fixture
def lib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project folder (library/ inside it); the private ledger is ``ledger_of(project)``, outside it."""
    project = tmp_path / "project"
    make_library(
        project,
        {
            "values/hope.md": entry_text(HOLDINGS),
            "writings/gone.md": entry_text(ONE_COPY + "withdrawn: 2026-10-01\n", id="gone", type="writing"),
            "writings/solo.md": entry_text(ONE_COPY + SOURCE, id="solo", type="writing"),
            "values/plain.md": entry_text(id="plain"),
        },
    )
    monkeypatch.chdir(project)
    monkeypatch.setenv("PEER_LIBRARY_LEDGER", str(ledger_of(project)))
    return project


def ledger_of(project: Path) -> Path:
    return project.parent / "private" / "loans.jsonl"


def write_ledger(root: Path, *lines: str) -> Path:
    path = ledger_of(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="utf-8")
    return path


def problems_of(root: Path) -> list[str]:
    """What the circulation commands report about the ledger (the build never reads it)."""
    library, problems = load_library(root / "library", root=root)
    assert problems == []
    _, found = load_ledger(ledger_of(root), library, LEDGER)
    return [str(p) for p in found]


def ledger_events(root: Path) -> list[dict[str, str]]:
    return [json.loads(x) for x in ledger_of(root).read_text(encoding="utf-8").splitlines()]


# ---------------------------------------------------------------- the build's validation, path:line


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            [line("2026-11-02", "loan", borrower="s1", due="2026-11-20"), '{"date": "2026-11-03", "event": "ret\n'],
            "loans.jsonl:2: not a JSON object on one line: Unterminated string starting at (column 33)",
        ),
        (['["loan"]\n'], "loans.jsonl:1: each line must be one JSON object"),
        ([line("2026-11-02", "lend")], "loans.jsonl:1: event: unknown event 'lend'"),
        ([line("2026-11-02", "renew")], "loans.jsonl:1: due: a renew needs 'due'"),
        (
            [line("2026-13-02", "loan", borrower="s1", due="2026-11-20")],
            "loans.jsonl:1: date: invalid date '2026-13-02'",
        ),
        (
            [line("2026-11-02", "loan", borrower="Jo Bloggs", due="2026-11-20")],
            "loans.jsonl:1: borrower: a borrower is one staff identifier",
        ),
        (
            [line("2026-11-05", "loan", borrower="s1", due="2026-11-20"), line("2026-11-02", "return")],
            "loans.jsonl:2: return: events must be in date order: 2026-11-02 comes after 2026-11-05 (line 1)",
        ),
        (
            [line("2026-11-02", "loan", borrower="s1", due="2026-11-20")] * 2,
            "loans.jsonl:2: loan: copy 'c1' of 'hope' is already on loan (since 2026-11-02, due 2026-11-20)",
        ),
        (
            [line("2026-11-02", "return")],
            "loans.jsonl:1: return: copy 'c1' of 'hope' is not on loan",
        ),
        (
            [line("2026-11-02", "renew", due="2026-12-01")],
            "loans.jsonl:1: renew: copy 'c1' of 'hope' is not on loan",
        ),
        (
            [line("2026-11-02", "loan", item="hpoe", borrower="s1", due="2026-11-20")],
            "loans.jsonl:1: loan: unknown item 'hpoe'; did you mean 'hope'?",
        ),
        (
            [line("2026-11-02", "loan", copy="c9", borrower="s1", due="2026-11-20")],
            "loans.jsonl:1: loan: 'hope' has no copy 'c9'",
        ),
        (
            [line("2026-11-02", "loan", borrower="s1", due="2026-11-01")],
            "loans.jsonl:1: loan: due date 2026-11-01 must be after the loan date 2026-11-02",
        ),
        (
            [line("2026-11-02", "loan", item="gone", borrower="s1", due="2026-11-20")],
            "loans.jsonl:1: loan: 'gone' was withdrawn on 2026-10-01; it cannot be lent",
        ),
        (
            [
                line("2026-11-02", "loan", borrower="s1", due="2026-11-20"),
                line("2026-11-03", "renew", due="2026-11-19"),
            ],
            "loans.jsonl:2: renew: copy 'c1' of 'hope' is already due on 2026-11-20",
        ),
        (
            [line("2026-11-02", "loan", borrower="s1", due="2026-11-20").rstrip("\n")],
            "loans.jsonl:1: the last line has no line ending; was the write interrupted?",
        ),
    ],
)
def test_impossible_ledgers_are_reported_at_their_line(lib: Path, lines: list[str], expected: str) -> None:
    write_ledger(lib, *lines)
    found = problems_of(lib)
    assert any(p.startswith(expected) for p in found), found


def test_unknown_field_is_a_warning(lib: Path) -> None:
    write_ledger(lib, line("2026-11-02", "loan", borrower="s1", due="2026-11-20", note="x"))
    library, _ = load_library(lib / "library", root=lib)
    _, problems = load_ledger(ledger_of(lib), library, LEDGER)
    assert [(p.line, p.field, p.severity) for p in problems] == [(1, "note", "warning")]


def test_a_loan_whose_borrower_was_erased_is_still_a_loan(lib: Path) -> None:
    write_ledger(lib, line("2026-11-02", "loan", due="2026-11-20"), line("2026-11-03", "return"))
    assert problems_of(lib) == []


def test_a_good_ledger_has_no_problems_and_keeps_every_event(lib: Path) -> None:
    write_ledger(
        lib,
        line("2026-11-02", "loan", borrower="s1", due="2026-11-20"),
        "\n",
        line("2026-11-10", "renew", due="2026-12-12"),
        line("2026-11-12", "loan", copy="c2", borrower="s2", due="2026-12-01"),
        line("2026-11-15", "return", copy="c2"),
    )
    library, problems = load_library(lib / "library", root=lib)
    loans, problems = load_ledger(ledger_of(lib), library, LEDGER)
    assert problems == []
    assert [e.line for e in loans] == [1, 3, 4, 5]
    library = dataclasses.replace(library, loans=loans)
    assert {k: v.due for k, v in circulation.current_loans(library).items()} == {("hope", "c1"): dt.date(2026, 12, 12)}


# ---------------------------------------------------------------- the CLI and every refusal


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


NOTICE = (
    "library/circulation/availability.json changed: commit it (availability and anonymous history, no borrowers).\n"
)


def test_loan_renew_return_add_one_line_each_and_return_erases_the_borrower(
    lib: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    today = dt.date.today()
    code, out, _ = run(capsys, "loan", "hope", "c1", "--to", "staff-042", "--days", "14")
    assert code == 0, out
    due = today + dt.timedelta(days=14)
    assert out == f"Lent copy c1 of 'Hope'; due back {due}.\n" + NOTICE  # the borrower: only in `loans`
    ledger = ledger_of(lib)
    first = ledger.read_bytes()
    assert json.loads(first) == {
        "date": today.isoformat(),
        "event": "loan",
        "item": "hope",
        "copy": "c1",
        "borrower": "staff-042",
        "due": due.isoformat(),
    }
    code, out, _ = run(capsys, "renew", "hope", "c1")
    assert code == 0 and out.endswith(f"now due back {today + dt.timedelta(days=21)}.\n" + NOTICE)
    renewed = ledger.read_bytes()
    assert renewed.startswith(first)
    code, out, _ = run(capsys, "return", "hope", "c1")
    assert code == 0 and out == "Returned copy c1 of 'Hope'.\n" + NOTICE
    events = ledger_events(lib)
    assert [e["event"] for e in events] == ["loan", "renew", "return"]
    assert b"staff-042" not in ledger.read_bytes(), "the borrower outlived the loan"
    assert events[0] == {k: v for k, v in json.loads(first).items() if k != "borrower"}
    assert ledger.read_bytes().splitlines()[1] == renewed.splitlines()[1], "other lines are kept byte for byte"
    assert problems_of(lib) == []


REFUSALS = [
    (["loan", "hope", "c1", "--to", "s2"], 3, "copy 'c1' of 'hope' is already on loan"),
    (["loan", "nope", "c1", "--to", "s2"], 4, "unknown item 'nope'"),
    (["loan", "hope", "c9", "--to", "s2"], 4, "'hope' has no copy 'c9'; its copies are: c1, c2, c3"),
    (["loan", "plain", "c1", "--to", "s2"], 4, "'plain' has no copy 'c1'; it has no holdings"),
    (["return", "hope", "c2"], 3, "copy 'c2' of 'hope' is not on loan, so it cannot be returned"),
    (["renew", "hope", "c2"], 3, "copy 'c2' of 'hope' is not on loan, so it cannot be renewed"),
    (["loan", "hope", "c2", "--to", "s2", "--due", "2020-01-01"], 3, "due date 2020-01-01 is in the past"),
    (["renew", "hope", "c1", "--due", "2020-01-01"], 3, "due date 2020-01-01 is in the past"),
    (["loan", "gone", "c1", "--to", "s2"], 3, "'gone' was withdrawn on 2026-10-01; it cannot be lent"),
    (["loan", "hope", "c2", "--to", "Jo Bloggs"], 3, "the borrower given with --to is not a staff identifier"),
    (["loan", "hope", "c2", "--to", "s2", "--date", "2020-01-01"], 3, "events are recorded in date order"),
]


@pytest.mark.parametrize(("argv", "code", "message"), REFUSALS, ids=[" ".join(r[0]) for r in REFUSALS])
def test_every_refusal_has_a_message_and_exit_code_and_writes_nothing(
    lib: Path, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    assert run(capsys, "loan", "hope", "c1", "--to", "s1")[0] == 0
    before = ledger_of(lib).read_bytes()
    got, out, err = run(capsys, *argv)
    assert (got, out) == (code, "")
    assert err.startswith(f"peer-library {argv[0]}: refused: ") and message in err, err
    assert "Jo Bloggs" not in err, "an error message named a borrower"
    assert ledger_of(lib).read_bytes() == before


def test_usage_errors_exit_2(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "loan", "hope", "c1")[0] == 2  # no --to
    assert run(capsys, "loan", "hope", "c1", "--to", "s1", "--days", "0")[0] == 2
    assert run(capsys, "loan", "hope", "c1", "--to", "s1", "--days", "3", "--due", "2030-01-01")[0] == 2
    assert run(capsys, "loans", "--format", "xml")[0] == 2
    assert not ledger_of(lib).exists()


def test_nothing_is_recorded_while_the_ledger_has_errors(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_ledger(lib, line("2026-11-02", "return"))
    code, out, err = run(capsys, "loan", "hope", "c2", "--to", "s1")
    assert code == 1 and out == ""
    assert f"{ledger_of(lib).as_posix()}:1: return: copy 'c1' of 'hope' is not on loan" in err
    assert "nothing was recorded" in err


def test_loans_report_and_overdue_in_three_formats(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_ledger(
        lib,
        line("2026-11-02", "loan", borrower="s1", due="2026-11-20"),
        line("2026-11-03", "loan", copy="c2", borrower="s2", due="2026-12-20"),
    )
    code, out, _ = run(capsys, "loans", "--date", "2026-11-25")
    assert code == 0
    assert out.splitlines() == [
        "hope c1  Hope  to s1  due 2026-11-20, 5 days overdue",
        "hope c2  Hope  to s2  due 2026-12-20",
    ]
    code, out, _ = run(capsys, "loans", "--overdue", "--date", "2026-11-25", "--format", "json")
    assert json.loads(out) == [
        {
            "item": "hope",
            "copy": "c1",
            "title": "Hope",
            "location": "Library shelf, level 2",
            "borrower": "s1",
            "since": "2026-11-02",
            "due": "2026-11-20",
            "days_overdue": 5,
        }
    ]
    code, out, _ = run(capsys, "loans", "--overdue", "--date", "2026-11-25", "--format", "csv")
    assert out.splitlines() == [
        "item,copy,title,location,borrower,since,due,days_overdue",
        'hope,c1,Hope,"Library shelf, level 2",s1,2026-11-02,2026-11-20,5',
    ]
    code, out, _ = run(capsys, "loans", "--overdue", "--date", "2026-11-10")
    assert out == "No overdue loans on 2026-11-10.\n"


# ---------------------------------------------------------------- interrupted writes lose nothing


@pytest.mark.parametrize("fail_at", ["fsync", "replace"])
def test_an_interrupted_append_leaves_the_ledger_as_it_was(
    lib: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fail_at: str
) -> None:
    assert run(capsys, "loan", "hope", "c1", "--to", "s1")[0] == 0
    ledger = ledger_of(lib)
    before = ledger.read_bytes()

    def crash(*args: object) -> None:
        raise KeyboardInterrupt  # the librarian pressed Ctrl-C, or the machine lost power

    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(os, fail_at, crash)
        main(["loan", "hope", "c2", "--to", "s2"])
    assert ledger.read_bytes() == before
    assert sorted(p.name for p in ledger.parent.iterdir()) == ["loans.jsonl", "loans.jsonl.lock"], "temporary file left"
    assert run(capsys, "loan", "hope", "c2", "--to", "s2")[0] == 0
    assert ledger.read_bytes().startswith(before)


def test_a_temporary_file_left_by_a_hard_kill_is_ignored(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger = write_ledger(lib, line("2026-11-02", "loan", borrower="s1", due="2026-11-20"))
    (ledger.parent / ".loans.jsonl.abc123.tmp").write_text(ledger.read_text() + '{"date": "2026-11-0', encoding="utf-8")
    assert problems_of(lib) == []
    assert run(capsys, "return", "hope", "c1")[0] == 0
    assert len(ledger.read_text().splitlines()) == 2
    assert "s1" not in ledger.read_text()


# ---------------------------------------------------------------- availability


def av(*dues: dt.date | None) -> Availability:
    return Availability(tuple(CopyStatus(f"c{i}", "Shelf", due) for i, due in enumerate(dues)))


DEC12 = dt.date(2026, 12, 12)


@pytest.mark.parametrize(
    ("avail", "label", "status"),
    [
        (av(None), "Available", "available"),
        (av(DEC12), "On loan, due back 12 December 2026", "on-loan"),
        (av(None, None, DEC12), "2 of 3 copies available", "available"),
        (av(None, None), "2 of 2 copies available", "available"),
        (av(dt.date(2027, 1, 3), DEC12), "All 2 copies on loan; the first is due back 12 December 2026", "on-loan"),
    ],
)
def test_availability_labels(avail: Availability, label: str, status: str) -> None:
    assert (avail.label, avail.status) == (label, status)
    assert "borrower" not in json.dumps(avail.public())


def test_availability_follows_the_ledger_and_never_names_a_borrower(
    lib: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_ledger(
        lib,
        line("2026-11-02", "loan", borrower="secret-borrower", due="2026-12-12"),
        line("2026-11-02", "loan", item="solo", borrower="secret-borrower", due="2026-12-12"),
    )
    assert run(capsys, "purge")[0] == 0  # writes availability.json from the ledger
    assert "secret-borrower" not in (lib / "library" / "circulation" / "availability.json").read_text()
    library, problems = load_library(lib / "library", root=lib)
    assert problems == []
    found = availability(library)
    assert sorted(found) == ["hope", "solo"]  # withdrawn 'gone' and copy-less 'plain' are left out
    assert found["hope"].label == "2 of 3 copies available"
    assert [c.label for c in found["hope"].copies] == ["On loan, due back 12 December 2026", "Available", "Available"]
    assert found["solo"].label == "On loan, due back 12 December 2026"
    assert "secret-borrower" not in repr(found)


# ---------------------------------------------------------------- the "Request this copy" option


@pytest.mark.parametrize(
    ("template", "ok"),
    [
        ("", True),
        ("mailto:lib@example.org?subject={title}%20{copy}", True),
        ("https://forms.example.org/request?item={id}&copy={copy}&where={location}&page={url}", True),
        ("javascript:alert(1)", False),
        ("mailto:lib@example.org?subject={borrower}", False),
    ],
)
def test_request_copy_option_is_checked(template: str, ok: bool) -> None:
    from peer_library.site.borrowing import check_request_url

    assert (check_request_url(template) is None) == ok
