"""The prose of an entry as the writing checks read it, line by line.

Title, summary and body lines, with what a reader does not read as prose blanked out: code,
``[[id]]`` link targets, link destinations, bare URLs, HTML comments and tags, and quotations of
the title the entry cites in ``source``. Front-matter lines other than title and summary (ids,
topics, the source block itself) are never read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from peer_library.model import Entry
from peer_library.model.links import WIKI, code_free_lines

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


class _Sub(Protocol):
    def sub(self, repl: Callable[[re.Match[str]], str], string: str) -> str: ...


class QuotedTitles:
    """The ``titles_pattern`` of an entry, compiled only for a line that may hold one of the titles.

    Compiling a pattern for each of 10,000 entries cost more than the rest of the writing checks.
    For ASCII titles and lines the test is exact: the case-insensitive pattern can only match where
    the title's words are, in ASCII lower case with whitespace between; anything else is left to the
    pattern itself.
    """

    def __init__(self, titles: tuple[str, ...]) -> None:
        self.titles = titles
        words = [t.lower().split() for t in titles]
        ascii_ = all(t.isascii() for t in titles)
        self.firsts = tuple(w[0] for w in words if w) if ascii_ else None
        self.phrases = tuple(" ".join(w) for w in words if w)
        self._pattern: re.Pattern[str] | None = None
        self._compiled = False

    def sub(self, repl: Callable[[re.Match[str]], str], string: str) -> str:
        if self.firsts is not None and string.isascii():
            low = string.lower()
            if not any(first in low for first in self.firsts):
                return string
            # '\s+' between words is what str.split() splits on: the title's words, one space apart
            low = " ".join(low.split())
            if not any(phrase in low for phrase in self.phrases):
                return string
        if not self._compiled:
            self._pattern, self._compiled = titles_pattern(self.titles), True
        return self._pattern.sub(repl, string) if self._pattern is not None else string


def mask(text: str, quoted: _Sub | None = None, keep_link_text: bool = True) -> str:
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
    return ranges_of(entry.lines, entry.body_line)


def ranges_of(lines: Mapping[str, int], body_line: int) -> dict[str, range]:
    """``field_ranges`` from an entry's line map and first body line."""
    top = sorted(line for key, line in lines.items() if "." not in key)
    end_of_front = body_line - 2  # the closing '---'
    ranges: dict[str, range] = {}
    for name in PROSE_FIELDS:
        start = lines.get(name)
        if start is None:
            continue
        following = [line for line in top if line > start]
        ranges[name] = range(start, following[0] if following else end_of_front)
    return ranges


def front_rows(front: list[str], lines: Mapping[str, int], body_line: int) -> tuple[tuple[int, str], ...]:
    """(line, text) of the front-matter rows that hold title and summary: what the writing checks read
    of the front matter, kept on the entry so they need not read the file again. ``front`` is the
    file's rows up to the closing '---'."""
    return tuple(
        (number, front[number - 1])
        for lines_of in ranges_of(lines, body_line).values()
        for number in lines_of
        if 1 <= number <= len(front)
    )


@lru_cache(maxsize=16)
def _shortest(needles: tuple[str, ...]) -> tuple[str, ...]:
    """The needles that hold no other: text holding 'suffers' holds 'suffer', one search finds both."""
    return tuple(n for n in needles if not any(m != n and m in n for m in needles))


def prose_lines(
    entry: Entry,
    raw: str | None = None,
    keep_link_text: bool = True,
    needles: Collection[str] | None = None,
    ascii_needles: Collection[str] | None = None,
) -> Iterator[ProseLine]:
    """Every prose line of an entry, from its file text ``raw`` (decoded, with '\\n' newlines), or
    without ``raw`` from what loading kept: ``entry.front_rows`` and ``entry.body``.

    With ``needles`` (case-folded words), a body line is left out unless it holds one of them: a
    check that can only flag a line holding one of its words reads no other. Masking only blanks
    text out, so a line without the word before masking cannot have it after. ``ascii_needles``, if
    given, replace ``needles`` for ASCII text: fewer or more telling words, where no exotic case
    variant (dotless i, long s, Kelvin sign) can match a pattern without its ASCII letters.
    """
    titles = QuotedTitles(quoted_titles(entry))
    if raw is None:
        front = dict(entry.front_rows)
        body = entry.body
    else:
        rows = raw.split("\n")
        front = {n: rows[n - 1] for r in field_ranges(entry).values() for n in r if 1 <= n <= len(rows)}
        body = "\n".join(rows[entry.body_line - 1 :])
    for name, lines in field_ranges(entry).items():
        for number in lines:
            if number in front:
                row = front[number]
                yield ProseLine(number, name, mask(row, titles, keep_link_text), row)
    if needles is not None:
        low = body.casefold()
        if ascii_needles is not None and body.isascii():
            needles = ascii_needles
        needles = [n for n in _shortest(tuple(needles)) if n in low]
        if not needles:
            return
    body_rows = body.split("\n")
    in_comment = False
    for i, text in code_free_lines(body):
        # an HTML comment over several lines is invisible to readers: blank it to its end
        if in_comment:
            end = text.find("-->")
            if end < 0:
                continue
            text, in_comment = " " * (end + 3) + text[end + 3 :], False
        if "<" in text:
            text = HTML_COMMENT.sub(_blank, text)
            start = text.find("<!--")
            if start >= 0:
                text, in_comment = text[:start], True
        if needles is not None:
            low = text.casefold()
            if not any(n in low for n in needles):
                continue
        yield ProseLine(entry.body_line + i, "body", mask(text, titles, keep_link_text), body_rows[i])
