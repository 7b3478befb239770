"""The library's own words, for "Did you mean ...?" in search: a small file the browser fetches once.

Words come from titles, aliases and topic labels (always kept), then from summaries and bodies (the
words of the index), most widely used first. Common words ("through", "during") stay in: search takes
a word the list lacks for a misspelling, and "through" must not become "though". The list is trimmed
until it compresses to at most ``MAX_GZIP_BYTES``, so it stays small at any library size.
pl-forgive.js reads it: one word a line, the words it should prefer first, after a ``#complete`` line
when nothing was trimmed, with a ``#text`` line after the names (a short word is corrected to a name
only: "dual" is not "deal"). The common words pl-forgive.js leaves out of queries are its own list.
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterable

from peer_library.model import Library
from peer_library.model.words import words_of

from .page import Options

WORDS_FILE = "search-words.txt"
MAX_GZIP_BYTES = 40_000


def _ranked(counts: Counter[str], exclude: Iterable[str] = ()) -> list[str]:
    skip = set(exclude)
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if w not in skip]


def word_groups(library: Library) -> tuple[list[str], list[str]]:
    """The library's names (words of titles, aliases, credited and cited authors' names, topic labels), then the
    other words of its summaries and bodies; each group by how many entries use it, then alphabetically."""
    names: Counter[str] = Counter()
    text: Counter[str] = Counter()
    for entry in library.public:
        names.update(entry.name_words)
        hidden = entry.hidden_names
        credited = [a.name for a in entry.authors if a.name not in hidden]
        cited = [name for name in (entry.source.authors if entry.source else ()) if name not in hidden]
        names.update(words_of(" ".join([*credited, *cited])))
        text.update(entry.text_words)
    for topic in library.topics:
        names.update(words_of(topic.label))
    first = _ranked(names)
    return first, _ranked(text, exclude=first)


def library_words(library: Library) -> list[str]:
    """Every correctable word of the library: names first, then the words of summaries and bodies."""
    names, text = word_groups(library)
    return names + text


def _gzip_size(words: list[str]) -> int:
    return len(gzip.compress("\n".join(words).encode("utf-8"), compresslevel=6, mtime=0))


def trimmed(words: list[str], limit: int = MAX_GZIP_BYTES) -> list[str]:
    """The longest head of ``words`` that compresses to at most ``limit`` bytes (a binary search)."""
    if _gzip_size(words) <= limit:
        return words
    low, high = 0, len(words)
    while low < high:
        mid = (low + high + 1) // 2
        if _gzip_size(words[:mid]) <= limit:
            low = mid
        else:
            high = mid - 1
    return words[:low]


COMPLETE = "#complete"  # first line when nothing was trimmed: a word not in the list is in no entry
TEXT = "#text"  # the line between names and the other words: short words are corrected to names only


def search_words_file(library: Library, options: Options) -> dict[str, str]:
    """``search-words.txt``: the word list "Did you mean ...?" suggests from, one word a line, names
    first and ``TEXT`` before the other words. When the list holds every word, it starts with
    ``COMPLETE``, and search may trust that a word missing from it is misspelt; a trimmed list may lack
    a rare word the library does use."""
    names, text = word_groups(library)
    words = trimmed(names + text)
    complete = len(words) == len(names) + len(text)
    return {WORDS_FILE: "\n".join([COMPLETE] * complete + words[: len(names)] + [TEXT] + words[len(names) :]) + "\n"}
