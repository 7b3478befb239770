"""The prose of an entry as the writing checks read it, line by line.

Title, summary and body lines, with what a reader does not read as prose blanked out: code,
``[[id]]`` link targets, link destinations, bare URLs, HTML comments and tags, and quotations of
the title the entry cites in ``source``. Front-matter lines other than title and summary (ids,
topics, the source block itself) are never read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .links import WIKI, code_free_lines
from .model import Entry

PROSE_FIELDS = ("title", "summary")

MD_DESTINATION = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
BARE_URL = re.compile(r"<?(?:https?://|mailto:|www\.)[^\s<>()\[\]]+>?", re.IGNORECASE)
HTML_COMMENT = re.compile(r"<!--.*?-->")
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


@dataclass(frozen=True)
class ProseLine:
    """One line of prose: where it is, which field it belongs to, its masked text and its raw text."""

    line: int
    field: str
    text: str
    raw: str


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def titles_pattern(titles: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for the quoted titles (any whitespace between words), or None."""
    alternatives = [r"\s+".join(re.escape(w) for w in t.split()) for t in titles if t.split()]
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None


def mask(text: str, quoted: re.Pattern[str] | None = None, keep_link_text: bool = True) -> str:
    """Blank out of one line what is not the writer's own prose; columns are kept."""

    def wiki(m: re.Match[str]) -> str:
        label = m.group(3) if keep_link_text and m.group(3) else ""
        # keep the label where it was written, at the end of the link: '[[id|label]]'
        return " " * (len(m.group(0)) - len(label) - 2) + label + "  "

    if "<" in text:
        text = HTML_COMMENT.sub(_blank, text)
    if "[" in text:
        text = WIKI.sub(wiki, text)
        text = MD_DESTINATION.sub(lambda m: "]" + " " * (len(m.group(0)) - 1), text)
    if ":" in text or "www." in text.casefold():
        text = BARE_URL.sub(_blank, text)
    if "<" in text:
        text = HTML_TAG.sub(_blank, text)
    if quoted is not None:
        text = quoted.sub(_blank, text)
    return text


def quoted_titles(entry: Entry) -> tuple[str, ...]:
    """Titles the entry cites in ``source``: quoting them is not the writer's own wording."""
    if entry.source is None:
        return ()
    titles = [entry.source.title, entry.source.container or ""]
    return tuple(t for t in titles if t.strip())


def field_ranges(entry: Entry) -> dict[str, range]:
    """The file lines each prose field of the front matter spans (a folded summary spans several)."""
    top = sorted(line for key, line in entry.lines.items() if "." not in key)
    end_of_front = entry.body_line - 2  # the closing '---'
    ranges: dict[str, range] = {}
    for name in PROSE_FIELDS:
        start = entry.lines.get(name)
        if start is None:
            continue
        following = [line for line in top if line > start]
        ranges[name] = range(start, following[0] if following else end_of_front)
    return ranges


def prose_lines(entry: Entry, raw: str, keep_link_text: bool = True) -> Iterator[ProseLine]:
    """Every prose line of an entry, from its file text ``raw`` (decoded, with '\\n' newlines)."""
    rows = raw.split("\n")
    titles = titles_pattern(quoted_titles(entry))
    for name, lines in field_ranges(entry).items():
        for number in lines:
            if 1 <= number <= len(rows):
                row = rows[number - 1]
                yield ProseLine(number, name, mask(row, titles, keep_link_text), row)
    body_rows = rows[entry.body_line - 1 :]
    in_comment = False
    for i, text in code_free_lines("\n".join(body_rows)):
        # an HTML comment over several lines is invisible to readers: blank it to its end
        if in_comment:
            end = text.find("-->")
            if end < 0:
                continue
            text, in_comment = " " * (end + 3) + text[end + 3 :], False
        text = HTML_COMMENT.sub(_blank, text)
        start = text.find("<!--")
        if start >= 0:
            text, in_comment = text[:start], True
        yield ProseLine(entry.body_line + i, "body", mask(text, titles, keep_link_text), body_rows[i])
