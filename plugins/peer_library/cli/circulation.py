"""The librarian's commands: ``loan``, ``return``, ``renew`` and ``loans`` (the overdue report lives only here).

They read and write the private ledger outside the project (``ledger_cli.locate`` finds it); each change
rewrites the public ``availability.json``. ``return`` erases the loan's borrower unless the plugin's
``retention_days`` keeps it (``purge`` erases it later).

Exit codes: 0 done; 1 the library or ledger has errors (nothing written); 2 usage; 3 refused (the copy
is already on loan, is not on loan, the item is withdrawn, the due date is in the past, ...);
4 unknown item or copy.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
from typing import Any

import peer_library.cli.ledger as ledger_cli
from peer_library.load import ledger_store
from peer_library.load.file_lock import locked
from peer_library.load.ledger import REFUSED, Refusal, current_loans, due_date, encode, plan
from peer_library.model import Library, LoanEvent

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {text!r}; write it as YYYY-MM-DD") from None


def _days(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"--days must be a whole number of days, 1 or more, not {text!r}")
    return int(text)


def cmd_change(args: argparse.Namespace) -> int:
    """loan / return / renew: check the request against the ledger, then add one event (and, at a
    return, erase the loan's borrower unless retention_days keeps it)."""
    place = ledger_cli.locate(args)
    if isinstance(place, int):
        return place
    today = dt.date.today()
    on: dt.date = args.date or today
    # Read, check and rewrite under one lock: two librarians lending the same copy cannot both succeed.
    with locked(ledger_store.lock_path(place.ledger)):
        library = ledger_cli.load(place)
        if isinstance(library, int):
            return library
        due = due_date(on, args.days, args.due) if args.command != "return" else None
        borrower = getattr(args, "to", "") or ""
        result = plan(args.command, library, args.item, args.copy, on, borrower=borrower, due=due, today=today)
        if isinstance(result, Refusal):
            print(f"peer-library {args.command}: refused: {result.message}", file=sys.stderr)
            return result.code
        text = ledger_cli.ledger_text(place) + encode(result)
        if result.event == "return" and place.retention_days == 0:
            loan = current_loans(library)[(result.item, result.copy)]
            text = ledger_store.erase_borrowers(text, [loan.line])
        notice = ledger_cli.save(place, text, library)
    print(_done(result, library))
    if notice:
        print(notice)
    return EXIT_OK


def _done(ev: LoanEvent, library: Library) -> str:
    title = library.by_id[ev.item].title
    if ev.event == "loan":
        return f"Lent copy {ev.copy} of '{title}'; due back {ev.due}."  # the borrower: only in `loans`
    if ev.event == "renew":
        return f"Renewed copy {ev.copy} of '{title}'; now due back {ev.due}."
    return f"Returned copy {ev.copy} of '{title}'."


def cmd_loans(args: argparse.Namespace) -> int:
    """List copies on loan (or only overdue ones) as text, CSV or JSON, oldest due date first."""
    place = ledger_cli.locate(args)
    if isinstance(place, int):
        return place
    library = ledger_cli.load(place)
    if isinstance(library, int):
        return library
    today: dt.date = args.date or dt.date.today()
    rows: list[dict[str, Any]] = []
    for loan in sorted(current_loans(library).values(), key=lambda x: (x.due, x.item, x.copy)):
        late: int = (today - loan.due).days
        if args.overdue and late <= 0:
            continue
        entry = library.by_id[loan.item]
        location = next(h.location for h in entry.holdings if h.copy == loan.copy)
        rows.append(
            {
                "item": loan.item,
                "copy": loan.copy,
                "title": entry.title,
                "location": location,
                "borrower": loan.borrower or "(erased)",
                "since": loan.since.isoformat(),
                "due": loan.due.isoformat(),
                "days_overdue": max(late, 0),
            }
        )
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else _COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(out.getvalue())
    else:
        what = "overdue loans" if args.overdue else "copies on loan"
        if not rows:
            print(f"No {what} on {today}.")
        for r in rows:
            overdue = f", {r['days_overdue']} days overdue" if r["days_overdue"] else ""
            print(f"{r['item']} {r['copy']}  {r['title']}  to {r['borrower']}  due {r['due']}{overdue}")
        if rows:
            print(f"{len(rows)} {what} on {today}.", file=sys.stderr)
    return EXIT_OK


_COLUMNS = ["item", "copy", "title", "location", "borrower", "since", "due", "days_overdue"]


def add_parsers(sub: Any) -> None:
    """Register the circulation subcommands on the main ``peer-library`` parser."""

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--library", default="library", help="library folder (default: library)")
        p.add_argument("--date", type=_date, help="the day it happened, YYYY-MM-DD (default: today)")
        ledger_cli.add_location_options(p)

    def due_options(p: argparse.ArgumentParser) -> None:
        group = p.add_mutually_exclusive_group()
        group.add_argument("--days", type=_days, help="days until it is due (default: 21)")
        group.add_argument("--due", type=_date, help="due date, YYYY-MM-DD")

    loan = sub.add_parser("loan", help="lend a copy to a staff member")
    loan.add_argument("item", help="entry id")
    loan.add_argument("copy", help="copy id from the entry's holdings")
    loan.add_argument("--to", required=True, metavar="BORROWER", help="staff identifier of the borrower")
    due_options(loan)
    common(loan)
    loan.set_defaults(func=cmd_change)

    ret = sub.add_parser("return", help="record a copy as returned")
    ret.add_argument("item")
    ret.add_argument("copy")
    common(ret)
    ret.set_defaults(func=cmd_change)

    renew = sub.add_parser("renew", help="extend a loan")
    renew.add_argument("item")
    renew.add_argument("copy")
    due_options(renew)
    common(renew)
    renew.set_defaults(func=cmd_change)

    loans = sub.add_parser("loans", help="list copies on loan (only here: borrowers never reach the site)")
    loans.add_argument("--overdue", action="store_true", help="only loans past their due date")
    loans.add_argument("--format", choices=("text", "csv", "json"), default="text")
    common(loans)
    loans.set_defaults(func=cmd_loans)

    ledger_cli.add_parsers(sub, common)


__all__ = ["REFUSED", "add_parsers"]
