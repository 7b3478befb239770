"""The ``peer-library`` command: check the library without building the site, export the schema.

It never imports MkDocs, so checking stays fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .load import load_library
from .model import Problem
from .schema import json_schema
from .writing import write_atomic

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


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
    root = Path.cwd() if not library_dir.is_absolute() else None
    library, problems = load_library(library_dir, root=root, jobs=os.cpu_count() or 1)
    out = format_problems(problems, args.format)
    if out:
        print(out)
    errors = sum(p.is_error for p in problems)
    if args.format == "text":
        print(f"{len(library.entries)} entries, {errors} errors, {len(problems) - errors} warnings", file=sys.stderr)
    return EXIT_ERRORS if errors else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(), indent=2) + "\n"
    if args.output:
        write_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="peer-library", description="Work with a Peer Library content folder.")
    sub = p.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every entry and topic; exit 1 on errors")
    check.add_argument("library", nargs="?", default="library", help="library folder (default: library)")
    check.add_argument("--format", choices=("text", "github", "json"), default="text")
    check.set_defaults(func=cmd_check)
    schema = sub.add_parser("schema", help="print the entry JSON Schema")
    schema.add_argument("--output", "-o", help="write it to this file instead")
    schema.set_defaults(func=cmd_schema)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 clean, 1 content errors, 2 usage)."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
