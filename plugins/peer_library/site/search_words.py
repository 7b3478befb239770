"""The library's own words, for "Did you mean ...?" in search: a small file the browser fetches once.

Words come from titles, aliases and topic labels (always kept), then from summaries and bodies (the
words of the index), most widely used first. The list is trimmed until it compresses to at most
``MAX_GZIP_BYTES``, so it stays small at any library size. pl-forgive.js reads it: one word a line,
the words it should prefer first, after a ``#complete`` line when nothing was trimmed.
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
# Not worth suggesting. pl-forgive.js leaves its own list of common words (question words, pronouns,
# "like") out of every query.
COMMON = frozenset(
    """
    about after again also among another because been before being between both could does doing down
    during each either even every from have having here into just like made make many more most much
    must need only other over should some such than that their them then there these they this those
    through under until upon very want were what when where which while will with within without would
    your yours
    """.split()
)


def _ranked(counts: Counter[str], exclude: Iterable[str] = ()) -> list[str]:
    skip = set(exclude)
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if w not in skip and w not in COMMON]


def library_words(library: Library) -> list[str]:
    """Every correctable word of the library: names (titles, aliases, topic labels) first, then the
    words of summaries and bodies; each group by how many entries use it, then alphabetically."""
    names: Counter[str] = Counter()
    text: Counter[str] = Counter()
    for entry in library.public:
        names.update(entry.name_words)
        text.update(entry.text_words)
    for topic in library.topics:
        names.update(words_of(topic.label))
    first = _ranked(names)
    return first + _ranked(text, exclude=first)


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


def search_words_file(library: Library, options: Options) -> dict[str, str]:
    """``search-words.txt``: the word list "Did you mean ...?" suggests from, one word a line. When the
    list holds every word, it starts with ``COMPLETE``, and search may trust that a word missing from it
    is misspelt; a trimmed list may lack a rare word the library does use."""
    every = library_words(library)
    words = trimmed(every)
    return {WORDS_FILE: "\n".join([COMPLETE] * (len(words) == len(every)) + words) + "\n"}
