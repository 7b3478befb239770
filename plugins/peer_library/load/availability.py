"""``library/circulation/availability.json``: the public side of circulation, and all the build reads of it.

Every circulation command rewrites it from the private ledger, and it is committed with the library.
It says, per copy held, whether it is on the shelf or lent and when it is due back, and per item how
many times it was lent and when (anonymous history). It never holds a borrower. One record a line,
so a diff shows which copy changed::

    {
      "copies": [
        {"item": "hope", "copy": "c1", "status": "on-loan", "due": "2026-12-19"},
        {"item": "hope", "copy": "c2", "status": "available", "due": null}
      ],
      "history": [
        {"item": "hope", "loans": 3, "first": "2026-01-04", "last": "2026-11-28"}
      ]
    }
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from peer_library.model import WARNING, CopyOnLoan, Library, LoanEvent, LoanHistory, Problem

from .entry_file import display
from .ledger import current_loans
from .schema import suggest

AVAILABILITY = Path("circulation") / "availability.json"
STATUSES = ("available", "on-loan")
COPY_FIELDS = ("item", "copy", "status", "due")
HISTORY_FIELDS = ("item", "loans", "first", "last")
REFRESH = "any circulation command rewrites it (peer-library purge changes nothing else)"


def availability_path(library_dir: Path) -> Path:
    return Path(library_dir) / AVAILABILITY


# ---------------------------------------------------------------- writing (the circulation commands)


def history_of(events: Iterable[LoanEvent]) -> list[LoanHistory]:
    """Per item: how many loans the ledger records, and the first and last loan dates; sorted by item."""
    found: dict[str, LoanHistory] = {}
    for ev in events:
        if ev.event != "loan":
            continue
        old = found.get(ev.item)
        found[ev.item] = (
            LoanHistory(ev.item, 1, ev.date, ev.date)
            if old is None
            else LoanHistory(ev.item, old.times + 1, min(old.first, ev.date), max(old.last, ev.date))
        )
    return [found[k] for k in sorted(found)]


def render(library: Library) -> str:
    """The availability file for a library whose ``loans`` hold the (replayed) private ledger."""
    loans = current_loans(library)
    held = [(entry.id, h.copy) for entry in library.entries for h in entry.holdings]
    return dump(held, {key: lent.due for key, lent in loans.items()}, history_of(library.loans))


def dump(
    held: Iterable[tuple[str, str]], due: Mapping[tuple[str, str], dt.date], history: Iterable[LoanHistory]
) -> str:
    """The file's text: every copy held (item, copy) with its status, lent ones with their due date, then history."""
    copies = [
        {"item": item, "copy": copy, "status": "on-loan" if key in due else "available", "due": _iso(due.get(key))}
        for key in sorted(set(held))
        for item, copy in [key]
    ]
    rows = [
        {"item": h.item, "loans": h.times, "first": h.first.isoformat(), "last": h.last.isoformat()} for h in history
    ]

    def block(name: str, rows: list[dict[str, Any]]) -> str:
        if not rows:
            return f'  "{name}": []'
        inner = ",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in rows)
        return f'  "{name}": [\n{inner}\n  ]'

    return "{\n" + block("copies", copies) + ",\n" + block("history", rows) + "\n}\n"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# ---------------------------------------------------------------- reading (the build)


def load_availability(
    library_dir: Path, library: Library, root: Path
) -> tuple[tuple[CopyOnLoan, ...], tuple[LoanHistory, ...], list[Problem]]:
    """Copies on loan and loan history from the availability file (a missing file: nothing lent yet)."""
    path = availability_path(library_dir)
    shown = display(path, root)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return (), (), []
    except UnicodeDecodeError:
        return (), (), [Problem(shown, 1, "", f"is not UTF-8 text; {REFRESH}")]
    return parse(text, shown, library)


def parse(
    text: str, shown: str, library: Library
) -> tuple[tuple[CopyOnLoan, ...], tuple[LoanHistory, ...], list[Problem]]:
    """Read the availability file's text; every fault is a problem at its line, and its record is skipped."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return (), (), [Problem(shown, exc.lineno, "", f"not valid JSON: {exc.msg} (column {exc.colno}); {REFRESH}")]
    if not isinstance(data, dict) or not isinstance(data.get("copies", []), list):
        return (), (), [Problem(shown, 1, "", f'must be {{"copies": [...], "history": [...]}}; {REFRESH}')]
    copies, history = data.get("copies", []), data.get("history", [])
    if not isinstance(history, list):
        history = []
    lines = _record_lines(text, len(copies) + len(history))
    problems: list[Problem] = []
    on_loan: list[CopyOnLoan] = []
    for record, line in zip(copies, lines, strict=False):
        found, wrong = _copy(record, library, shown, line)
        problems += wrong
        if found is not None:
            on_loan.append(found)
    kept: list[LoanHistory] = []
    for record, line in zip(history, lines[len(copies) :], strict=False):
        item, wrong = _history(record, shown, line)
        problems += wrong
        if item is not None:
            kept.append(item)
    return tuple(on_loan), tuple(kept), problems


def _record_lines(text: str, count: int) -> list[int]:
    """The line of each record, for a file written one record a line; line 1 for each when hand-edited otherwise."""
    found = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip().rstrip(",")
        if stripped.startswith("{") and stripped.endswith("}"):
            found.append(number)
    return found if len(found) == count else [1] * count


def _unknown(record: dict[str, Any], known: tuple[str, ...], shown: str, line: int) -> list[Problem]:
    # a borrower field is reported by borrower_scan, as an error, wherever it is
    return [
        Problem(shown, line, k, f"unknown field '{k}'{suggest(k, known)}; it is ignored", WARNING)
        for k in record
        if k not in known and k != "borrower"
    ]


def _copy(record: Any, library: Library, shown: str, line: int) -> tuple[CopyOnLoan | None, list[Problem]]:
    if not isinstance(record, dict):
        return None, [Problem(shown, line, "copies", 'each copy must be {"item": ..., "copy": ..., "status": ...}')]
    problems = _unknown(record, COPY_FIELDS, shown, line)
    item, copy, status = record.get("item"), record.get("copy"), record.get("status")
    if not isinstance(item, str) or not isinstance(copy, str):
        return None, [*problems, Problem(shown, line, "item", "a copy needs 'item' and 'copy' as text")]
    if status not in STATUSES:
        return None, [*problems, Problem(shown, line, "status", f"status must be one of: {', '.join(STATUSES)}")]
    entry = library.by_id.get(item)
    if entry is None or copy not in {h.copy for h in entry.holdings}:
        what = f"unknown item '{item}'" if entry is None else f"'{item}' holds no copy '{copy}'"
        return None, [*problems, Problem(shown, line, "item", f"{what}; it is left out; {REFRESH}", WARNING)]
    if status == "available":
        return None, problems
    due = _date(record.get("due"))
    if due is None:
        return None, [*problems, Problem(shown, line, "due", "a copy on loan needs 'due' as YYYY-MM-DD")]
    return CopyOnLoan(item, copy, due), problems


def _history(record: Any, shown: str, line: int) -> tuple[LoanHistory | None, list[Problem]]:
    if not isinstance(record, dict):
        return None, [Problem(shown, line, "history", 'each item must be {"item": ..., "loans": ..., ...}')]
    problems = _unknown(record, HISTORY_FIELDS, shown, line)
    item, times = record.get("item"), record.get("loans")
    first, last = _date(record.get("first")), _date(record.get("last"))
    if not isinstance(item, str) or not isinstance(times, int) or times < 1 or first is None or last is None:
        message = "needs 'item', 'loans' (a whole number, 1 or more) and 'first' and 'last' dates (YYYY-MM-DD)"
        return None, [*problems, Problem(shown, line, "history", message)]
    return LoanHistory(item, times, first, last), problems


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
