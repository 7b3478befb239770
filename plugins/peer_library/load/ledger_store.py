"""Where the private loans ledger lives, and how it is rewritten: atomically, under a lock, with
borrowers erased from closed loans.

The ledger holds who borrowed what, so it stays outside the project (and so out of git and the site):
``--ledger``, else ``PEER_LIBRARY_LEDGER``, else the plugin option ``ledger``, else
``$XDG_DATA_HOME/peer-library/<site name>/loans.jsonl`` (``~/.local/share/...`` without XDG_DATA_HOME).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from peer_library.model import LoanEvent

LEDGER_ENV = "PEER_LIBRARY_LEDGER"
# Where the ledger used to be, inside the library folder: `ledger move` takes it from here.
LEGACY = Path("circulation") / "loans.jsonl"


@dataclass(frozen=True)
class LedgerPath:
    """The ledger's path and what chose it (shown when the path is refused)."""

    path: Path
    source: str


class LedgerPathError(Exception):
    """No usable ledger path; the message says why and how to give one."""


def folder_name(site_name: str) -> str:
    """A site name as one folder name: lowercase letters, digits and hyphens ('Peer Library' -> 'peer-library')."""
    return re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-")


def data_home() -> Path:
    """The per-user data folder: $XDG_DATA_HOME when it is an absolute path, else ~/.local/share."""
    xdg = os.environ.get("XDG_DATA_HOME", "")
    return Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"


def default_ledger(site_name: str) -> Path:
    """The default private ledger of a site: ``<data home>/peer-library/<site name>/loans.jsonl``."""
    return data_home() / "peer-library" / folder_name(site_name) / "loans.jsonl"


def resolve_ledger(flag: str | None, option: str, site_name: str, config_dir: Path) -> LedgerPath:
    """The ledger path by precedence: --ledger, PEER_LIBRARY_LEDGER, the plugin option (relative to
    mkdocs.yml's folder), the default for the site name."""
    if flag:
        return LedgerPath(Path(flag).expanduser().absolute(), "--ledger")
    if env := os.environ.get(LEDGER_ENV, "").strip():
        return LedgerPath(Path(env).expanduser().absolute(), LEDGER_ENV)
    if option:
        return LedgerPath((config_dir / Path(option).expanduser()).absolute(), "the plugin option 'ledger'")
    if not folder_name(site_name):
        raise LedgerPathError(
            "cannot choose the private ledger's folder: set site_name in mkdocs.yml, "
            f"or give the ledger's path with --ledger or {LEDGER_ENV}"
        )
    return LedgerPath(default_ledger(site_name), "the default")


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies under it (links resolved)."""
    return path.resolve().is_relative_to(folder.resolve())


def check_outside(ledger: LedgerPath, project: Path) -> str | None:
    """Why this ledger path may not be used (it is inside the project, where git or the site could take it), or None."""
    if inside(ledger.path, project):
        return (
            f"the loans ledger must be kept outside the project, but {ledger.source} puts it at {ledger.path}, "
            f"inside {project.resolve()}; choose a private folder (or leave it out for the default, "
            f"{LEDGER_ENV} and --ledger override it)"
        )
    return None


def option_problem(option: str, retention_days: int, site_name: str, project: Path) -> str | None:
    """Why the plugin's ledger options cannot be used (a negative retention, or a ledger inside the
    project), or None. A site with no name has no default ledger: the commands say so, not the build."""
    if retention_days < 0:
        return "retention_days must be a whole number of days, 0 or more"
    try:
        ledger = resolve_ledger(None, option, site_name, project.absolute())
    except LedgerPathError:
        return None
    return check_outside(ledger, project.absolute())


def lock_path(ledger: Path) -> Path:
    """The lock file beside the ledger: every command that reads-then-rewrites holds it."""
    return ledger.with_name(ledger.name + ".lock")


def private_folder(folder: Path) -> None:
    """Create ``folder`` (and parents) readable by its owner only, where the system honours modes."""
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def rewrite(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: a temporary file beside it, fsync, rename, then fsync the folder,
    so a crash at any point leaves the old file or the new one, whole. The new file is private (0600).
    Call it under the ledger's lock: it first deletes what a killed rewrite left (which may name borrowers)."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles to sync)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def erase_borrowers(text: str, lines: Iterable[int]) -> str:
    """The ledger text with the borrower removed from the given (1-based) lines; every other line is kept byte for byte."""
    wanted = set(lines)
    out = []
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        if number in wanted:
            data = json.loads(raw)
            data.pop("borrower", None)
            raw = json.dumps(data, ensure_ascii=False) + "\n"
        out.append(raw)
    return "".join(out)


def closed_loans(events: Iterable[LoanEvent]) -> dict[int, dt.date]:
    """Each returned loan's line in the ledger, with the date it was returned (events already replayed)."""
    open_at: dict[tuple[str, str], int] = {}
    closed: dict[int, dt.date] = {}
    for ev in events:
        key = (ev.item, ev.copy)
        if ev.event == "loan":
            open_at[key] = ev.line
        elif ev.event == "return" and key in open_at:
            closed[open_at.pop(key)] = ev.date
    return closed


def due_for_erasure(events: Iterable[LoanEvent], retention_days: int, today: dt.date) -> list[int]:
    """Lines of loans that still name a borrower, were returned, and whose retention period has ended
    (returned on or before ``today - retention_days``)."""
    events = list(events)
    named = {ev.line for ev in events if ev.event == "loan" and ev.borrower}
    closed = closed_loans(events)
    limit = today - dt.timedelta(days=retention_days)
    return sorted(line for line, returned in closed.items() if line in named and returned <= limit)
