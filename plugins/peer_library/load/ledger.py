"""The loans ledger: events (loan, return, renew) in JSON Lines, and what they add up to.

One event per line of the private ledger, kept outside the project (see ``ledger_store``)::

    {"date": "2026-11-28", "event": "loan", "item": "hope", "copy": "c1", "borrower": "staff-042", "due": "2026-12-19"}

Reading never raises for bad content: each faulty line becomes a ``path:line`` problem and is skipped.
Events are only ever added, except that a loan's borrower is erased once it is returned (at once, or
after the retention period); a loan without a borrower is a loan whose borrower was erased.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peer_library.model import WARNING, Library, LoanEvent, Problem

from .schema import suggest

DEFAULT_DAYS = 21
EVENTS = ("loan", "return", "renew")
FIELDS = ("date", "event", "item", "copy", "borrower", "due")
# A staff identifier chosen by the service: no spaces, so it stays one token in every report.
BORROWER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")

# What the CLI exits with when it refuses (usage errors exit 2, ledger errors 1).
REFUSED, NOT_FOUND = 3, 4


@dataclass(frozen=True)
class OnLoan:
    """A copy currently lent: the loan's line in the ledger, and its due date."""

    item: str
    copy: str
    borrower: str
    since: dt.date
    due: dt.date
    line: int


@dataclass(frozen=True)
class Refusal:
    """Why the CLI will not record an event, and the exit code that says so."""

    message: str
    code: int = REFUSED


# ---------------------------------------------------------------- reading


def parse_ledger(text: str, shown: str) -> tuple[list[LoanEvent], list[Problem]]:
    """Read each line into a ``LoanEvent``; a line that cannot be read becomes a problem at its line."""
    events: list[LoanEvent] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        event, found = _parse_line(raw, number, shown)
        problems += found
        if event is not None:
            events.append(event)
    if text and not text.endswith("\n"):
        last = text.count("\n") + 1
        problems.append(Problem(shown, last, "", "the last line has no line ending; was the write interrupted?"))
    return events, problems


def _parse_line(raw: str, number: int, shown: str) -> tuple[LoanEvent | None, list[Problem]]:
    def problem(fld: str, message: str, severity: str = "error") -> Problem:
        return Problem(shown, number, fld, message, severity)

    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        return None, [problem("", f"not a JSON object on one line: {exc.msg} (column {exc.colno})")]
    if not isinstance(data, dict):
        return None, [problem("", 'each line must be one JSON object: {"date": ..., "event": ..., ...}')]
    problems = [
        problem(k, f"unknown field '{k}'{suggest(k, FIELDS)}; it is ignored", WARNING) for k in data if k not in FIELDS
    ]
    kind = data.get("event")
    if kind not in EVENTS:
        return None, [
            *problems,
            problem("event", f"unknown event {kind!r}{suggest(str(kind), EVENTS)} (one of: {', '.join(EVENTS)})"),
        ]
    values: dict[str, Any] = {}
    needed = ["date", "item", "copy"] + (["due"] if kind != "return" else [])
    # a loan without a borrower is one whose borrower was erased (at return, or by purge)
    for key in needed + (["borrower"] if kind == "loan" and "borrower" in data else []):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(problem(key, f"a {kind} needs '{key}' as text"))
        elif key in ("date", "due"):
            try:
                values[key] = dt.date.fromisoformat(value)
            except ValueError:
                problems.append(problem(key, f"invalid date {value!r}; write it as YYYY-MM-DD"))
        elif key == "borrower" and not BORROWER.match(value):
            problems.append(
                problem(key, "a borrower is one staff identifier: letters, digits and . _ @ + -, no spaces")
            )
        else:
            values[key] = value.strip()
    if any(p.is_error for p in problems):
        return None, problems
    return LoanEvent(
        kind, values["item"], values["copy"], values["date"], values.get("due"), values.get("borrower", ""), number
    ), problems


def replay(
    events: list[LoanEvent], library: Library, shown: str
) -> tuple[list[LoanEvent], dict[tuple[str, str], OnLoan], list[Problem]]:
    """Apply events in order; keep the possible ones and report each impossible one at its line."""
    kept: list[LoanEvent] = []
    state: dict[tuple[str, str], OnLoan] = {}
    problems: list[Problem] = []
    last: LoanEvent | None = None
    for ev in events:
        if last is not None and ev.date < last.date:
            refusal: Refusal | None = Refusal(
                f"events must be in date order: {ev.date} comes after {last.date} (line {last.line})"
            )
        else:
            refusal = check_event(ev, library, state)
        if refusal is not None:
            problems.append(Problem(shown, ev.line, ev.event, refusal.message))
            continue
        state = apply(state, ev)
        kept.append(ev)
        last = ev
    return kept, state, problems


def check_event(ev: LoanEvent, library: Library, state: Mapping[tuple[str, str], OnLoan]) -> Refusal | None:
    """Why this event cannot happen now, or None. The CLI refuses with it; the build reports it."""
    entry = library.by_id.get(ev.item)
    if entry is None:
        return Refusal(f"unknown item '{ev.item}'{suggest(ev.item, library.by_id)}", NOT_FOUND)
    copies = [h.copy for h in entry.holdings]
    if ev.copy not in copies:
        held = f"its copies are: {', '.join(copies)}" if copies else "it has no holdings"
        return Refusal(f"'{ev.item}' has no copy '{ev.copy}'{suggest(ev.copy, copies)}; {held}", NOT_FOUND)
    current = state.get((ev.item, ev.copy))
    name = f"copy '{ev.copy}' of '{ev.item}'"
    if ev.event == "loan":
        if entry.withdrawn is not None and ev.date >= entry.withdrawn:
            return Refusal(f"'{ev.item}' was withdrawn on {entry.withdrawn}; it cannot be lent")
        if current is not None:
            return Refusal(f"{name} is already on loan (since {current.since}, due {current.due}); return it first")
    elif current is None:
        return Refusal(f"{name} is not on loan, so it cannot be {'returned' if ev.event == 'return' else 'renewed'}")
    elif ev.date < current.since:
        return Refusal(f"{name} was lent on {current.since}; it cannot be {ev.event}ed on {ev.date}")
    if ev.due is not None and ev.due <= ev.date:
        return Refusal(f"due date {ev.due} must be after the {ev.event} date {ev.date}")
    if ev.event == "renew" and current is not None and ev.due is not None and ev.due <= current.due:
        return Refusal(f"{name} is already due on {current.due}; a renewal must give a later due date than that")
    return None


def apply(state: Mapping[tuple[str, str], OnLoan], ev: LoanEvent) -> dict[tuple[str, str], OnLoan]:
    """The loans after one (already checked) event."""
    out = dict(state)
    key = (ev.item, ev.copy)
    if ev.event == "loan":
        assert ev.due is not None
        out[key] = OnLoan(ev.item, ev.copy, ev.borrower, ev.date, ev.due, ev.line)
    elif ev.event == "renew":
        assert ev.due is not None
        out[key] = OnLoan(ev.item, ev.copy, out[key].borrower, out[key].since, ev.due, out[key].line)
    else:
        del out[key]
    return out


def load_ledger(path: Path, library: Library, shown: str) -> tuple[tuple[LoanEvent, ...], list[Problem]]:
    """Read and replay the ledger at ``path`` (a missing one is an empty one); return the possible events and problems."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return (), []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return (), [Problem(shown, line, "", "is not UTF-8 text; save the ledger as UTF-8")]
    events, problems = parse_ledger(text, shown)
    kept, _, found = replay(events, library, shown)
    return tuple(kept), problems + found


def current_loans(library: Library) -> dict[tuple[str, str], OnLoan]:
    """Every copy on loan now, from the library's (already validated) ledger."""
    state: dict[tuple[str, str], OnLoan] = {}
    for ev in library.loans:
        state = apply(state, ev)
    return state


# ---------------------------------------------------------------- writing


def encode(ev: LoanEvent) -> str:
    """One ledger line, keys in a fixed order, ending in a newline."""
    data: dict[str, str] = {"date": ev.date.isoformat(), "event": ev.event, "item": ev.item, "copy": ev.copy}
    if ev.borrower:
        data["borrower"] = ev.borrower
    if ev.due is not None:
        data["due"] = ev.due.isoformat()
    return json.dumps(data, ensure_ascii=False) + "\n"


def plan(
    kind: str,
    library: Library,
    item: str,
    copy: str,
    on: dt.date,
    *,
    borrower: str = "",
    due: dt.date | None = None,
    today: dt.date | None = None,
) -> LoanEvent | Refusal:
    """The event the CLI would append for this request, or why it refuses."""
    if kind == "loan" and not BORROWER.match(borrower):
        # never echo it: a mistyped identifier may still be a person's name
        return Refusal(
            "the borrower given with --to is not a staff identifier: letters, digits and . _ @ + -, no spaces"
        )
    last = library.loans[-1] if library.loans else None
    if last is not None and on < last.date:
        return Refusal(f"the ledger already has an event on {last.date}; events are recorded in date order")
    if due is not None and due < (today or on):
        return Refusal(f"due date {due} is in the past")
    ev = LoanEvent(kind, item, copy, on, due, borrower if kind == "loan" else "", 0)
    return check_event(ev, library, current_loans(library)) or ev


def due_date(on: dt.date, days: int | None, due: dt.date | None) -> dt.date:
    """The due date from --due, else --days (default 21) after the event date."""
    if due is not None:
        return due
    return on + dt.timedelta(days=DEFAULT_DAYS if days is None else days)
