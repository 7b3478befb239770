"""Where the circulation commands find the private ledger, how they save it, and the commands that
only look after it: ``purge``, ``ledger move`` and ``ledger path``.

Every command that changes the ledger holds its lock from reading to writing, rewrites it atomically,
then rewrites ``library/circulation/availability.json`` (the public side) and says so in one line.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peer_library.load import availability as availability_file, ledger_store
from peer_library.load.entry_file import display
from peer_library.load.file_lock import locked
from peer_library.load.ledger import load_ledger
from peer_library.load.library import load_library
from peer_library.load.project_config import ConfigError, ProjectConfig, read_config
from peer_library.model import Library

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3


@dataclass(frozen=True)
class Place:
    """A library folder, the project around it, and its private ledger."""

    library_dir: Path
    root: Path  # paths in messages are shown relative to this
    project: Path  # the folder of mkdocs.yml: the ledger may not be inside it
    ledger: Path
    retention_days: int

    @property
    def availability(self) -> Path:
        return availability_file.availability_path(self.library_dir)

    @property
    def legacy(self) -> Path:
        return self.library_dir / ledger_store.LEGACY


def add_location_options(p: argparse.ArgumentParser) -> None:
    """--ledger and --config-file, for every command that reads the ledger."""
    p.add_argument(
        "--ledger",
        metavar="FILE",
        help=f"the private loans ledger (default: {ledger_store.LEDGER_ENV}, else the plugin option 'ledger', "
        "else $XDG_DATA_HOME/peer-library/<site name>/loans.jsonl)",
    )
    p.add_argument(
        "--config-file",
        metavar="MKDOCS_YML",
        help="the site's mkdocs.yml, for site_name and the plugin's ledger and retention_days "
        "(default: mkdocs.yml beside the library folder)",
    )


def _fail(message: str, code: int) -> int:
    print(f"peer-library: {message}", file=sys.stderr)
    return code


def locate(args: argparse.Namespace, *, allow_inside: bool = False) -> Place | int:
    """The library, project and ledger the arguments name; or an exit code after saying what is wrong."""
    library_dir = Path(args.library)
    if not library_dir.is_dir():
        return _fail(f"no library folder at {library_dir}", EXIT_USAGE)
    root = Path.cwd() if not library_dir.is_absolute() else library_dir.parent
    config_file = Path(args.config_file) if args.config_file else library_dir.absolute().parent / "mkdocs.yml"
    try:
        config: ProjectConfig | None = read_config(config_file)
    except ConfigError as exc:
        if args.config_file or not (args.ledger or os.environ.get(ledger_store.LEDGER_ENV)):
            return _fail(
                f"{exc}; the site name in mkdocs.yml chooses the private ledger's folder: run this in the "
                f"project folder, or give --config-file, or the ledger's path with --ledger or {ledger_store.LEDGER_ENV}",
                EXIT_USAGE,
            )
        config = None
    options: dict[str, Any] = config.options if config else {}
    retention = options.get("retention_days", 0)
    if not isinstance(retention, int) or isinstance(retention, bool) or retention < 0:
        return _fail(f"{config_file}: retention_days must be a whole number of days, 0 or more", EXIT_USAGE)
    option = options.get("ledger") or ""
    if not isinstance(option, str):
        return _fail(f"{config_file}: ledger must be a file path", EXIT_USAGE)
    project = config.root.absolute() if config else library_dir.absolute().parent
    try:
        ledger = ledger_store.resolve_ledger(args.ledger, option, config.site_name if config else "", project)
    except ledger_store.LedgerPathError as exc:
        return _fail(str(exc), EXIT_USAGE)
    if not allow_inside and (why := ledger_store.check_outside(ledger, project)):
        return _fail(why, EXIT_USAGE)
    return Place(library_dir, root, project, ledger.path, retention)


def load(place: Place, ledger: Path | None = None) -> Library | int:
    """The library with the ledger's events in ``loans``; or an exit code after printing the ledger's errors
    (which never show a borrower)."""
    path = ledger or place.ledger
    if ledger is None and not path.exists() and place.legacy.exists():
        return _fail(
            f"the loans ledger is still inside the project at {display(place.legacy, place.root)}; "
            "move it to its private place with: peer-library ledger move; nothing was recorded",
            EXIT_ERRORS,
        )
    library, _ = load_library(place.library_dir, root=place.root)
    shown = display(path, place.root)
    events, problems = load_ledger(path, library, shown)
    errors = [p for p in problems if p.is_error]
    if errors:
        print("\n".join(str(p) for p in errors), file=sys.stderr)
        return _fail(f"fix {shown} first; nothing was recorded", EXIT_ERRORS)
    return dataclasses.replace(library, loans=events)


def save(place: Place, text: str, library: Library) -> str | None:
    """Rewrite the ledger with ``text`` (when it changed), then the availability file from it; return
    the line that says the availability file changed and should be committed (None: unchanged)."""
    ledger_store.private_folder(place.ledger.parent)
    old = place.ledger.read_bytes() if place.ledger.exists() else None
    if old != text.encode("utf-8"):
        ledger_store.rewrite(place.ledger, text.encode("utf-8"))
    events, _ = load_ledger(place.ledger, library, display(place.ledger, place.root))
    return write_availability(place, dataclasses.replace(library, loans=events))


def write_availability(place: Place, library: Library) -> str | None:
    """Rewrite availability.json from the library's ledger events; the line saying so when it changed."""
    new = availability_file.render(library).encode("utf-8")
    path = place.availability
    old = path.read_bytes() if path.exists() else None
    if old == new:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    ledger_store.rewrite(path, new)
    os.chmod(path, 0o644)  # a public file: the temporary file it was renamed from was private
    return f"{display(path, place.root)} changed: commit it (availability and anonymous history, no borrowers)."


def ledger_text(place: Place) -> str:
    """The ledger's text, ending in a newline when not empty ('' for a ledger not yet started)."""
    try:
        text = place.ledger.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    return text if not text or text.endswith("\n") else text + "\n"


# ---------------------------------------------------------------- purge


def cmd_purge(args: argparse.Namespace) -> int:
    """Erase borrowers from loans returned longer ago than the retention period; rewrite availability."""
    place = locate(args)
    if isinstance(place, int):
        return place
    today: dt.date = args.date or dt.date.today()
    with locked(ledger_store.lock_path(place.ledger)):
        library = load(place)
        if isinstance(library, int):
            return library
        lines = ledger_store.due_for_erasure(library.loans, place.retention_days, today)
        text = ledger_text(place)
        if lines:
            text = ledger_store.erase_borrowers(text, lines)
        notice = save(place, text, library) if text or place.ledger.exists() else write_availability(place, library)
    kept = f" (returned at least {place.retention_days} days ago)" if place.retention_days else ""
    if lines:
        many = len(lines) != 1
        print(f"Erased the borrower{'s' if many else ''} of {len(lines)} returned loan{'s' if many else ''}{kept}.")
    else:
        print(f"No borrower to erase: every returned loan{kept} is already anonymous.")
    if notice:
        print(notice)
    return EXIT_OK


# ---------------------------------------------------------------- ledger move / ledger path


def _git(project: Path, *argv: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", os.fspath(project), *argv], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else None


def history_advice(project: Path, legacy: Path) -> list[str]:
    """How to remove the old ledger from git history: what to run, never run here."""
    try:
        rel = legacy.absolute().relative_to(project).as_posix()
    except ValueError:  # the library is not inside the project's folder
        return []
    commits = _git(project, "log", "--all", "--format=%h", "--", rel)
    if commits is None:
        return []
    count = len(commits.split())
    if not count:
        return [f"{rel} was never committed: there is no git history to clean."]
    tracked = _git(project, "ls-files", "--", rel)
    lines = [
        f"{rel} is in {count} commit{'s' if count != 1 else ''} of this repository's history, which still shows every borrower in it.",
        "To remove it from every commit (this rewrites history: agree it with everyone who has a clone, who must clone again):",
    ]
    if tracked:
        lines.append(f"  git rm --cached {rel} && git commit -m 'Stop tracking the loans ledger'")
    lines += [
        f"  git filter-repo --invert-paths --path {rel}    (https://github.com/newren/git-filter-repo)",
        "  git push --force --all && git push --force --tags",
        "Copies elsewhere (forks, pull-request refs, other clones, CI caches) keep it until they are deleted too;",
        "on GitHub, ask GitHub Support to remove cached views. peer-library does none of this for you.",
    ]
    return lines


def cmd_ledger_move(args: argparse.Namespace) -> int:
    """Move a ledger found in the project (library/circulation/loans.jsonl) to its private path."""
    place = locate(args)
    if isinstance(place, int):
        return place
    shown = display(place.legacy, place.root)
    if not place.legacy.exists():
        print(f"No ledger in the project at {shown}: nothing to move. The ledger is {place.ledger}.")
        return EXIT_OK
    with locked(ledger_store.lock_path(place.ledger)):
        if place.ledger.exists() and place.ledger.stat().st_size:
            return _fail(
                f"ledger move: refused: a ledger already exists at {place.ledger}; nothing was moved. "
                f"Join the two by hand (every event in date order), then delete {shown}",
                EXIT_REFUSED,
            )
        library = load(place, place.legacy)
        if isinstance(library, int):
            return library
        ledger_store.private_folder(place.ledger.parent)
        ledger_store.rewrite(place.ledger, place.legacy.read_bytes())
        place.legacy.unlink()
        print(f"Moved {shown} to {place.ledger} (outside the project, readable by you only).")
        if notice := write_availability(place, library):
            print(notice)
    for line in history_advice(place.project, place.legacy):
        print(line)
    if ledger_store.due_for_erasure(library.loans, place.retention_days, dt.date.today()):
        print("Run peer-library purge to erase the borrowers of the returned loans in it.")
    return EXIT_OK


def cmd_ledger_path(args: argparse.Namespace) -> int:
    """Print where the private ledger is (whether or not it exists yet)."""
    place = locate(args)
    if isinstance(place, int):
        return place
    print(place.ledger)
    return EXIT_OK


def add_parsers(sub: Any, common: Any) -> None:
    """Register ``purge`` and ``ledger move|path``; ``common`` adds --library and --date."""
    purge = sub.add_parser("purge", help="erase borrowers from loans returned before the retention period (for cron)")
    common(purge)
    purge.set_defaults(func=cmd_purge)
    ledger = sub.add_parser("ledger", help="look after the private loans ledger")
    actions = ledger.add_subparsers(dest="action", required=True)
    move = actions.add_parser("move", help="move a ledger found in the project to its private path")
    common(move)
    move.set_defaults(func=cmd_ledger_move)
    where = actions.add_parser("path", help="print where the private ledger is")
    common(where)
    where.set_defaults(func=cmd_ledger_path)
