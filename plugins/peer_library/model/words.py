"""The words an entry uses, as "Did you mean ...?" in search offers them (site/search_words.py)."""

from __future__ import annotations

import re
import sys

MIN_LENGTH = 4  # shorter words are acronyms or too close to many others to correct safely
_WORD = re.compile(rf"[a-z\u00df-\u024f]{{{MIN_LENGTH},}}")  # Latin letters: fast, and all the library writes
_LINKS = re.compile(r"\[\[[^\]]*\]\]|https?://\S+|<[^>]+>")


def words_of(text: str) -> set[str]:
    """The words in ``text`` worth offering as corrections: lowercase, letters only, ``MIN_LENGTH`` or longer."""
    return set(_WORD.findall(_LINKS.sub(" ", text).casefold()))


def kept_words(text: str) -> tuple[str, ...]:
    """``words_of(text)`` as an entry keeps them: interned, in a tuple (a set costs several times more)."""
    return tuple(map(sys.intern, words_of(text)))
