"""Checks on an entry's Markdown body that keep rendering safe and bounded.

Python-Markdown recurses once per nesting level and once per definition in an unbroken run of a
definition list, so a few kilobytes of hostile Markdown crash the build with a RecursionError; and
its link matching is quadratic in the number of '[' in a block. These limits sit far above anything
an entry needs and far below where rendering fails. Raw HTML and script links are not errors: the
page shows them as text (see ``sanitize``); authors get a warning so they know why.
"""

from __future__ import annotations

import re

from peer_library.model import ERROR, WARNING, links as linkmod

MAX_DEPTH = 24  # nesting levels (4 columns of indent, or one '>', '-', '*', '+', '1.' marker each)
MAX_DEFINITIONS = 100  # ': definition' lines in one block without a blank line
MAX_BRACKETS = 2_000  # '[' in the whole body

AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]+>", re.IGNORECASE)
# What a body may keep of '<': web and mail autolinks, and plain HTML comments (no '<', '>' or
# '--' inside, so a browser and Markdown agree where one ends) such as '<!-- language: ok -->'.
# Here rather than in sanitize (which uses it), so that checking a library never imports Markdown.
KEPT = re.compile(AUTOLINK.pattern + r"|<!--[^<>-]*(?:-[^<>-]+)*-->", re.IGNORECASE)

MARKERS = re.compile(r"[ \t]*(?:>|(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$))")
NESTING_STARTS = frozenset(" \t>*+-0123456789")  # the characters a line with a depth starts with
DEFINITION = re.compile(r"^ {0,3}:[ \t]")
RAW_HTML = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9-]*|/[a-zA-Z]|!--|\?|!\[CDATA\[)")
SCRIPT_LINK = re.compile(r"\]\(\s*<?\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE)


def _depth(line: str) -> int:
    if not line or line[0] not in NESTING_STARTS:
        return 0  # most lines of prose: no indent, no marker
    expanded = line.expandtabs(4)
    indent = len(expanded) - len(expanded.lstrip(" "))
    markers = 0
    pos = 0
    while m := MARKERS.match(line, pos):
        markers += 1
        pos = m.end()
    return indent // 4 + markers


def check_body(body: str) -> list[tuple[int, str, str]]:
    """Problems in a body as (0-based line, message, severity); errors mean it cannot be rendered."""
    found: list[tuple[int, str, str]] = []
    run = 0
    for i, line in enumerate(body.split("\n")):
        if _depth(line) > MAX_DEPTH:
            found.append((i, f"Markdown nested more than {MAX_DEPTH} levels deep; flatten the lists or quotes", ERROR))
            break
        run = run + 1 if DEFINITION.match(line) else (0 if not line.strip() else run)
        if run > MAX_DEFINITIONS:
            found.append(
                (i, f"more than {MAX_DEFINITIONS} definitions in one block; separate them with blank lines", ERROR)
            )
            break
    brackets = body.count("[")
    if brackets > MAX_BRACKETS:
        found.append((0, f"the body has {brackets} '[' characters; at most {MAX_BRACKETS} can be rendered", ERROR))
    blanked = KEPT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)
    for i, line in linkmod.code_free_lines(blanked):
        if RAW_HTML.search(line):
            found.append((i, "raw HTML is shown as plain text on the site, never run; write Markdown instead", WARNING))
        if SCRIPT_LINK.search(line):
            found.append((i, "links to javascript:, vbscript: or data: addresses are removed on the site", WARNING))
    return found
