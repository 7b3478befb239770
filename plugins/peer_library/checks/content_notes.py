"""Content notes: warn when an entry mentions suicide, self-harm, abuse, restraint or seclusion
without saying so in ``content_notes``, so readers are told before the body, not in the middle of it.

Words are matched whole (``disabused`` is not ``abuse``); ``[[id]]`` links and URLs are blanked out
first, so an id such as ``slade-2014-uses-and-abuses-of-recovery`` inside a link never counts, and
neither does a quotation of the title the entry cites in ``source``.
"""

from __future__ import annotations

import re

from peer_library.load.prose import prose_lines
from peer_library.model import WARNING, Entry, Problem

# note value -> the words that mean an entry discusses it
TERMS: dict[str, re.Pattern[str]] = {
    "suicide": re.compile(r"(?<!\w)suicid(?:e|es|al|ality)(?!\w)", re.IGNORECASE),
    "self-harm": re.compile(
        r"(?<!\w)self[\s\-]?(?:harm(?:s|ed|ing)?|injur(?:y|ies|ing|ious|e|ed))(?!\w)", re.IGNORECASE
    ),
    "abuse": re.compile(r"(?<!\w)(?:abuse[sd]?|abusing|abusive|abuser|abusers)(?!\w)", re.IGNORECASE),
    # 'self-restraint' and 'unrestrained' are about composure, not restrictive practice
    "restraint-seclusion": re.compile(
        r"(?<![\w\-])(?:restraint|restraints|restrained|restraining|seclusion|seclusions)(?!\w)", re.IGNORECASE
    ),
}

# every word above contains one of these
STEMS = ("suicid", "self", "abus", "restrain", "seclu")
# and in ASCII text one of these ('self' alone, as in 'yourself', calls for no note)
ASCII_STEMS = ("suicid", "harm", "injur", "abus", "restrain", "seclu")

# 'substance abuse' names substance use (a language warning suggests the wording), not abuse of a person
NOT_ABUSE = re.compile(r"(?<!\w)(?:substance|drug|alcohol)[\s\-]+abuse(?!\w)", re.IGNORECASE)


def mentions(text: str) -> dict[str, str]:
    """Which content notes a line of prose calls for, each with the word that calls for it."""
    low = text.casefold()
    if not any(stem in low for stem in STEMS):  # most lines mention none of them: skip the patterns
        return {}
    text = NOT_ABUSE.sub(lambda m: " " * len(m.group(0)), text)
    found: dict[str, str] = {}
    for note, pattern in TERMS.items():
        m = pattern.search(text)
        if m:
            found[note] = m.group(0)
    return found


def check_entry(entry: Entry, raw: str | None = None) -> list[Problem]:
    """One warning per content note the entry needs but does not declare, at its first mention
    (``raw``: the file's text, or None to read what loading kept on the entry)."""
    missing: dict[str, tuple[int, str]] = {}
    for prose in prose_lines(entry, raw, keep_link_text=False, needles=STEMS, ascii_needles=ASCII_STEMS):
        for note, word in mentions(prose.text).items():
            if note not in entry.content_notes and note not in missing:
                missing[note] = (prose.line, word)
    return [
        Problem(
            entry.path,
            line,
            "content_notes",
            f"the entry mentions '{word}' but content_notes does not include '{note}'; "
            f"add it so readers are told before they read the body",
            WARNING,
        )
        for note, (line, word) in sorted(missing.items(), key=lambda kv: kv[1])
    ]
