"""The ``peer-library`` command: check the library without building the site, start a new entry,
export the schema; ``build`` (cli/build.py) builds the site with a chosen engine.

It never imports MkDocs, so checking stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import peer_library.cli.scaffold as scaffold
from peer_library import speed
from peer_library.checks.registry import check_library
from peer_library.load.entry_file import display
from peer_library.load.files import write_atomic
from peer_library.load.json_schema import json_schema
from peer_library.load.library import load_topics
from peer_library.load.schema import SLUG
from peer_library.model import Library, Problem, vocab
from peer_library.model.links import alias_key
from peer_library.speed import KeptCache

from .circulation import add_parsers as add_circulation_parsers
from .form_commands import add_parsers as add_form_parsers

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
ENGINES = ("mkdocs", "properdocs", "zensical")


def format_problems(problems: list[Problem], fmt: str) -> str:
    """Problems as text (path:line: message), GitHub workflow annotations, or JSON."""
    if fmt == "json":
        return json.dumps(
            [
                {"path": p.path, "line": p.line, "field": p.field, "message": p.message, "severity": p.severity}
                for p in problems
            ],
            indent=2,
        )
    if fmt == "github":

        def esc(s: str) -> str:
            return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        return "\n".join(
            f"::{p.severity} file={esc(p.path)},line={p.line}::{esc((p.field + ': ' if p.field else '') + p.message)}"
            for p in problems
        )
    return "\n".join(f"{p}" + (" (warning)" if not p.is_error else "") for p in problems)


def cmd_check(args: argparse.Namespace) -> int:
    library_dir = Path(args.library)
    if not library_dir.is_dir():
        print(f"peer-library: no library folder at {library_dir}", file=sys.stderr)
        return EXIT_USAGE
    root = Path.cwd() if not library_dir.is_absolute() else library_dir.parent
    library, problems = check(library_dir, root, keep=not args.no_cache)
    out = format_problems(problems, args.format)
    if out:
        print(out)
    errors = sum(p.is_error for p in problems)
    if args.format == "text":
        print(f"{len(library.entries)} entries, {errors} errors, {len(problems) - errors} warnings", file=sys.stderr)
    return EXIT_ERRORS if errors else EXIT_OK


def check(library_dir: Path, root: Path, keep: bool = True) -> tuple[Library, list[Problem]]:
    """Every check the build runs, without building.
    With fast paths on, what this check read is kept in the user's cache folder for the next one
    (only changed files are read again) and a large library is read on every core."""
    if not speed.enabled():
        library, problems = check_library(library_dir, root=root)
    else:
        kept = KeptCache.open(library_dir, root) if keep and speed.enabled(path="check-cache") else None
        try:  # the kept cache is written while the checks across entries run
            library, problems = speed.fast_check(
                library_dir, root, kept.cache if kept else None, kept.save_aside if kept else None
            )
        finally:
            if kept is not None:
                kept.wait()
    return library, problems


def cmd_new(args: argparse.Namespace) -> int:
    library_dir = Path(args.library)
    root = Path.cwd() if not library_dir.is_absolute() else library_dir.parent
    if not library_dir.is_dir():
        print(f"peer-library: no library folder at {library_dir}", file=sys.stderr)
        return EXIT_USAGE
    title = " ".join(args.title.split())
    entry_id = args.id or scaffold.slugify(title)
    if not title:
        print('peer-library: give the entry a title, e.g. peer-library new value "Hope"', file=sys.stderr)
        return EXIT_USAGE
    if not SLUG.match(entry_id):
        print(
            f"peer-library: cannot make an id from {title!r}; choose one with --id (lowercase words joined by hyphens)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    path = scaffold.entry_path(library_dir, args.type, entry_id)
    shown = display(path, root)
    owner = scaffold.taken(library_dir, root).get(alias_key(entry_id))
    if owner or path.exists():
        who = owner or f"the file {shown}"
        print(
            f"peer-library: the id '{entry_id}' is already used by {who}; nothing was written. "
            "If that entry is the same resource, edit it instead; otherwise choose another id with --id.",
            file=sys.stderr,
        )
        return EXIT_ERRORS
    topics, _ = load_topics(library_dir / "topics.yml", root)
    text = scaffold.render_entry(args.type, title, entry_id, dt.date.today(), [t.id for t in topics])
    write_atomic(path, text)
    print(f"Created {shown} (id: {entry_id}, its page will be /entries/{entry_id}/).")
    print(f"Next: fill in summary and topics, write the body, then run: peer-library check {args.library}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(), indent=2) + "\n"
    if args.output:
        write_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    # Imported here, when building: `check` must start without Jinja2 and Markdown (test_check_imports).
    import peer_library.cli.build as build

    return build.cmd_build(args)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="peer-library", description="Work with a Peer Library content folder.")
    sub = p.add_subparsers(dest="command", required=True)
    check = sub.add_parser(
        "check", help="validate entries, topics and every registered check (language, content notes); exit 1 on errors"
    )
    check.add_argument("library", nargs="?", default="library", help="library folder (default: library)")
    check.add_argument("--format", choices=("text", "github", "json"), default="text")
    check.add_argument("--no-cache", action="store_true", help="read every file, and keep nothing for the next check")
    check.set_defaults(func=cmd_check)
    new = sub.add_parser("new", help="start a new entry file with every field and a comment for each")
    new.add_argument("type", choices=list(vocab.TYPES), help="kind of entry")
    new.add_argument("title", help="the entry's title, in quotes; the id is made from it")
    new.add_argument("--id", help="use this id instead of one made from the title")
    new.add_argument("--library", default="library", help="library folder (default: library)")
    new.set_defaults(func=cmd_new)
    schema = sub.add_parser("schema", help="print the entry JSON Schema")
    schema.add_argument("--output", "-o", help="write it to this file instead")
    schema.set_defaults(func=cmd_schema)
    add_circulation_parsers(sub)
    add_form_parsers(sub)
    build = sub.add_parser(
        "build", help="build the site with MkDocs, ProperDocs or Zensical (README: Choosing an engine)"
    )
    build.add_argument("--engine", choices=ENGINES, default="mkdocs", help="the engine (default: mkdocs)")
    build.add_argument("-d", "--site-dir", help="build into this folder (default: the config's site_dir)")
    build.add_argument("-f", "--config-file", default="mkdocs.yml", help="the config file (default: mkdocs.yml)")
    build.set_defaults(func=cmd_build)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 clean, 1 content errors, 2 usage)."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    return int(args.func(args))


def run() -> None:
    """The ``peer-library`` command: ``main``, then exit at once. A check holds every entry it read,
    and Python would spend a few tenths of a second freeing them one by one on the way out."""
    try:
        code = main()
        sys.stdout.flush()
    except OSError as exc:  # the output could not be written (a full disk, a closed pipe)
        with contextlib.suppress(OSError):
            print(f"peer-library: could not write the output: {exc.strerror or exc}", file=sys.stderr)
        code = 120  # what Python itself exits with when its output cannot be written
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
