"""Links between entries in Markdown bodies: ``[[id]]``, ``[[id#heading|text]]`` and relative .md links.

Wiki-style links are found outside code, resolved by id or alias, and rewritten to ordinary
Markdown links to the target's generated page, so MkDocs checks them again in strict mode.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

WIKI = re.compile(r"\[\[([^\[\]|#\n]+?)(?:#([^\[\]|\n]*))?(?:\|([^\[\]\n]+))?\]\]")
MD_LINK = re.compile(r"\[((?:[^\[\]\\\n]|\\.)*)\]\(\s*<?([^()\s<>]+?\.md)(#[^()\s<>]*)?>?(\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# Text after the marker is trimmed in Python: a lazy group followed by optional runs of spaces and
# hashes backtracks cubically on a long line of spaces.
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")


@dataclass(frozen=True)
class Link:
    """A link written in a body. ``line`` counts from the body's first line (0-based)."""

    line: int
    start: int
    end: int
    target: str
    anchor: str | None
    text: str | None
    wiki: bool
    # The whole link as written, ``[[...]]`` or ``[label](target.md)``, and a Markdown link's label.
    outer: tuple[int, int] = (0, 0)
    label: str = ""


def code_free_lines(body: str) -> Iterator[tuple[int, str]]:
    """Yield (index, line) for lines outside fenced code, with inline code blanked out."""
    fence: str | None = None
    for i, line in enumerate(body.split("\n")):
        m = FENCE.match(line) if "`" in line or "~" in line else None
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        if line.startswith(("    ", "\t")) and not line.strip().startswith(("-", "*", "+")):
            continue  # indented code block (lists keep their links)
        yield i, CODE_SPAN.sub(_blank, line) if "`" in line else line


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def find_links(body: str) -> list[Link]:
    """Every wiki link and relative ``.md`` link in a body, in order."""
    return list(_scan(body)[0])


def unclosed_links(body: str) -> list[tuple[int, str]]:
    """(0-based line, the start of the link, cut at 40 characters) for the first ``[[`` of a line whose
    ``]]`` is not on that line: Markdown shows such a link as text, brackets and all."""
    return list(_scan(body)[1])


UNCLOSED = re.compile(r"\[\[(?![^\[\]\n]*\]\])")  # "[[" with no "]]" after it on its line
COMMENT = re.compile(r"<!--.*?-->")  # on one line: hidden from readers, so no link there is broken


def _unclosed(line: str, links: list[re.Match[str]]) -> re.Match[str] | None:
    """The first "[[" of a line that starts no link: not one of a link's own brackets ("[[[hope]]]")."""
    shown = COMMENT.sub(_blank, line) if "<!--" in line else line
    return next((m for m in UNCLOSED.finditer(shown) if not any(w.start() <= m.start() + 1 < w.end() for w in links)), None)


@lru_cache(maxsize=1 << 16)
def _scan(body: str) -> tuple[tuple[Link, ...], tuple[tuple[int, str], ...]]:
    # Cached by body: validation and rendering both ask, and serve rebuilds ask again for every entry.
    found: list[Link] = []
    unclosed: list[tuple[int, str]] = []
    if "[[" not in body and ".md" not in body:
        return (), ()  # nothing to look for line by line
    for i, line in code_free_lines(body):
        if "[[" not in line and ".md" not in line:
            continue
        wiki = list(WIKI.finditer(line)) if "[[" in line else []
        if "[[" in line and (cut := _unclosed(line, wiki)):
            start = line[cut.start() :].strip()
            unclosed.append((i, start if len(start) <= 40 else f"{start[:40]}…"))
        for m in wiki:
            anchor = m.group(2).strip() if m.group(2) is not None else None
            text = m.group(3).strip() if m.group(3) else None
            found.append(Link(i, m.start(), m.end(), m.group(1).strip(), anchor, text, True, (m.start(), m.end())))
        for m in MD_LINK.finditer(line):
            if "://" in m.group(2):
                continue
            anchor = m.group(3)[1:] if m.group(3) else None
            end = m.end(3) if m.group(3) else m.end(2)
            found.append(Link(i, m.start(2), end, m.group(2), anchor, None, False, (m.start(), m.end()), m.group(1)))
    return tuple(found), tuple(unclosed)


def heading_ids(body: str) -> set[str]:
    """The anchor ids MkDocs' toc extension gives the body's headings (custom ``{#id}`` included)."""
    return set(_heading_ids(body))


# Markdown's toc extension, as it makes heading ids (markdown.extensions.toc.slugify and unique), here
# so that validating links does not import Markdown: `peer-library check` stays fast. A unit test
# compares them with Markdown's own.
_IDCOUNT = re.compile(r"^(.*)_([0-9]+)$")


_NOT_WORD = re.compile(r"[^\w\s-]")
_ATTR_LIST = re.compile(r"\{[^}]*\}\s*$")
_INLINE_MARKUP = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")


def slugify(value: str, separator: str) -> str:
    """A heading's id as Markdown's toc extension makes it (not its ``unicode`` variant)."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = _NOT_WORD.sub("", value).strip().lower()
    return _separators(separator).sub(separator, value)


@lru_cache(maxsize=8)
def _separators(separator: str) -> re.Pattern[str]:
    return re.compile(rf"[{separator}\s]+")  # as Markdown writes it


def unique(id: str, ids: set[str]) -> str:
    """``id``, or with '_1', '_2'... appended when it is taken (or empty), as Markdown's toc does."""
    if id in ids or not id:
        m = _IDCOUNT.match(id)
        base, count = (m.group(1), int(m.group(2))) if m else (id, 0)
        count += 1
        while f"{base}_{count}" in ids:
            count += 1
        id = f"{base}_{count}"
    return id


@lru_cache(maxsize=1 << 14)
def _heading_ids(body: str) -> frozenset[str]:
    ids: set[str] = set()
    if "#" not in body:
        return frozenset()
    for _, line in code_free_lines(body):
        m = HEADING.match(line) if "#" in line else None
        if not m:
            continue
        text = (m.group(2) or "").rstrip().rstrip("#").rstrip()
        if not text:
            continue
        custom = ATTR_ID.search(text)
        if custom:
            ids.add(custom.group(1))
            continue
        text = _ATTR_LIST.sub("", text)
        text = _INLINE_MARKUP.sub(_link_text, text)
        ids.add(unique(slugify(text, "-"), ids))
    return frozenset(ids)


def _link_text(match: re.Match[str]) -> str:
    return match.group(1) or ""


def md_escape(text: str) -> str:
    """Text safe to place inside Markdown link text: no markup, no raw HTML."""
    return text.translate(_MD_ESCAPES)


# One pass: HTML's three specials as entities, then a backslash before every Markdown special.
_MD_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {c: f"\\{c}" for c in "\\`*_{}[]()#+!|"})


def resolve_file(from_path: str, target: str) -> str:
    """The library-relative path a relative link in ``from_path`` points at."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_path), target))


def rewrite(body: str, links: Sequence[Link], href: Callable[[Link], tuple[str, str] | None]) -> str:
    """Replace each link by ``href(link)``'s (url, text); an empty url unlinks it to its text;
    None leaves it as written."""
    if not links:
        return body
    rows = body.split("\n")
    by_line: dict[int, list[Link]] = {}
    for link in links:
        by_line.setdefault(link.line, []).append(link)
    for i, items in by_line.items():
        row = rows[i]
        for link in sorted(items, key=lambda x: x.start, reverse=True):
            got = href(link)
            if got is None:
                continue
            url, text = got
            if not url:
                outer_start, outer_end = link.outer
                shown = md_escape(text) if link.wiki else text
                row = f"{row[:outer_start]}{shown}{row[outer_end:]}"
            elif link.wiki:
                row = f"{row[: link.start]}[{md_escape(text)}]({url}){row[link.end :]}"
            else:
                row = f"{row[: link.start]}{url}{row[link.end :]}"
        rows[i] = row
    return "\n".join(rows)


_NOT_KEY = re.compile(r"[^a-z0-9]+")


def alias_key(text: str) -> str:
    """How ids and aliases are compared: case-folded, runs of other characters as one hyphen."""
    return _NOT_KEY.sub("-", text.casefold()).strip("-")
