"""``peer-library form`` (write the issue form from the library) and ``peer-library from-issue`` (an entry
file from a form's body, then the check, reported in the form's words)."""

from __future__ import annotations

import argparse
import datetime as dt
import html
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peer_library.cli.from_issue as from_issue
import peer_library.cli.scaffold as scaffold
from peer_library.checks.registry import check_library
from peer_library.derive import issue_form
from peer_library.load.entry_file import display
from peer_library.load.files import write_atomic
from peer_library.load.frontmatter import FrontMatterError, decode, parse
from peer_library.load.library import load_topics
from peer_library.model import Problem
from peer_library.model.links import alias_key

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3


def add_parsers(sub: Any) -> None:
    """Add the form commands to the ``peer-library`` parser."""
    form = sub.add_parser("form", help="write the 'Propose a new entry' GitHub issue form from the library")
    form.add_argument("--library", default="library", help="library folder (default: library)")
    form.add_argument("--output", "-o", help=f"where to write it (default: {issue_form.FORM_PATH}; '-' prints it)")
    form.set_defaults(func=cmd_form)
    made = sub.add_parser(
        "from-issue", help="write the entry a 'Propose a new entry' issue describes, then check it; exit 3 if refused"
    )
    made.add_argument("body_file", help="the issue's body, as GitHub renders the form")
    made.add_argument("--library", default="library", help="library folder (default: library)")
    made.add_argument("--comment", help="also write the result, in plain words for the issue, to this Markdown file")
    made.set_defaults(func=cmd_from_issue)


def _root(library_dir: Path) -> Path:
    return Path.cwd() if not library_dir.is_absolute() else library_dir.parent


def cmd_form(args: argparse.Namespace) -> int:
    library_dir = Path(args.library)
    if not library_dir.is_dir():
        print(f"peer-library: no library folder at {library_dir}", file=sys.stderr)
        return EXIT_USAGE
    topics, problems = load_topics(library_dir / "topics.yml", _root(library_dir))
    shown = display(library_dir / "topics.yml", _root(library_dir))
    problems += [Problem(shown, 1, "", message) for message in issue_form.form_problems(topics)]
    if problems:
        print("\n".join(map(str, problems)), file=sys.stderr)
        print("peer-library: the form was not written; fix topics.yml first", file=sys.stderr)
        return EXIT_ERRORS
    text = issue_form.render_form(topics)
    if args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    out = Path(args.output) if args.output else library_dir.parent / issue_form.FORM_PATH
    write_atomic(out, text)
    print(f"Wrote {out} ({len(topics)} topics).")
    return EXIT_OK


@dataclass
class Outcome:
    """What from-issue did: the file written (if any) and the problems, in the form's words."""

    path: str = ""
    entry_id: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)


def cmd_from_issue(args: argparse.Namespace) -> int:
    library_dir = Path(args.library)
    if not library_dir.is_dir():
        print(f"peer-library: no library folder at {library_dir}", file=sys.stderr)
        return EXIT_USAGE
    try:
        text = decode(Path(args.body_file).read_bytes())
    except OSError as exc:
        print(f"peer-library: cannot read {args.body_file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except FrontMatterError as exc:
        print(f"peer-library: {args.body_file}: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    outcome = make_entry(text, library_dir, _root(library_dir), args.body_file, dt.date.today())
    if outcome.path:
        print(outcome.path)
    if outcome.problems:
        print("\n".join(str(p) + ("" if p.is_error else " (warning)") for p in outcome.problems))
    print(summary(outcome), file=sys.stderr)
    if args.comment:
        write_atomic(Path(args.comment), comment(outcome), durable=False)
    if not outcome.path:
        return EXIT_REFUSED
    return EXIT_ERRORS if outcome.errors else EXIT_OK


def make_entry(text: str, library_dir: Path, root: Path, shown_body: str, today: dt.date) -> Outcome:
    """Write the entry a form body describes where ``peer-library new`` would, then check it."""
    topics, _ = load_topics(library_dir / "topics.yml", root)
    draft, problems = from_issue.read_draft(text, issue_form.form_fields(topics), shown_body, today)
    if draft is None:
        return Outcome(problems=problems)
    title_line = from_issue.read_answers(text, [issue_form.TITLE])[issue_form.TITLE].line
    path = scaffold.entry_path(library_dir, draft.type, draft.id)
    shown = display(path, root)
    owner = scaffold.taken(library_dir, root).get(alias_key(draft.id))
    if owner or path.exists():
        message = (
            f"an entry with the address '{draft.id}' already exists ({owner or shown}). If it is the same work, "
            "suggest a change to that entry instead; otherwise choose a title that tells them apart"
        )
        return Outcome(problems=[Problem(shown_body, title_line, issue_form.TITLE, message)])
    try:
        entry_text = from_issue.render_draft(draft)
    except ValueError as exc:
        message = f"the answers could not be turned into an entry safely ({exc}); please tell the maintainers"
        return Outcome(problems=[Problem(shown_body, title_line, issue_form.TITLE, message)])
    write_atomic(path, entry_text)
    body_line = parse(entry_text).body_line
    _, found = check_library(library_dir, root=root)
    return Outcome(shown, draft.id, [_in_form_words(p, body_line) for p in found if p.path == shown])


def _in_form_words(p: Problem, body_line: int) -> Problem:
    label = from_issue.label_of(p.field) if p.field else ""
    if label == issue_form.TEXT and p.line > body_line:
        label = f"{label} (line {p.line - body_line} of your text)"
    return Problem(p.path, p.line, label, from_issue.in_form_words(p.message), p.severity)


def summary(outcome: Outcome) -> str:
    """One line saying what happened, for the terminal."""
    if not outcome.path:
        return f"Nothing was written: {len(outcome.problems)} answer(s) to change in the form."
    warnings = len(outcome.problems) - outcome.errors
    if not outcome.problems:
        return f"Wrote {outcome.path}; the check found no problems."
    return f"Wrote {outcome.path}; the check found {outcome.errors} error(s) and {warnings} warning(s)."


def _md(text: str) -> str:
    """Contributor-written words made inert in a comment: no HTML, no @mentions, no code spans."""
    return html.escape(text, quote=False).replace("@", "@\u200b").replace("`", "'")


def comment(outcome: Outcome) -> str:
    """The result as a Markdown comment on the issue, in plain words."""
    items = "\n".join(
        f"- **{_md(p.field or 'The entry')}**: {_md(p.message)}" + ("" if p.is_error else " _(a suggestion)_")
        for p in outcome.problems
    )
    if not outcome.path:
        return (
            "Thank you for proposing an entry. It could not be made yet, because of the answers below. "
            "Edit this issue (the **...** menu at the top of it, then **Edit**), change these answers and save: "
            "the entry is made again.\n\n" + items + "\n"
        )
    head = f"Thank you! Your entry is ready for a reviewer as `{outcome.path}`; its page will be `/entries/{outcome.entry_id}/`."
    if not outcome.problems:
        return f"{head}\n\nThe check found no problems.\n"
    return (
        f"{head}\n\nThe check found some things to look at before it can be published. You can change your "
        "answers by editing this issue, and the pull request is updated; or your reviewer will help.\n\n" + items + "\n"
    )
