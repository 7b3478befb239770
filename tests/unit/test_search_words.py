"""The word list "Did you mean ...?" suggests from: the library's own words, names first, kept small."""

from __future__ import annotations

import gzip
import random
import string

import pytest

from peer_library.load.library import load_library
from peer_library.site import search_words
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def mini():
    library, problems = load_library(FIXTURES / "mini" / "library", root=FIXTURES / "mini")
    assert problems == []
    return library


def test_names_come_first_then_words_of_summaries_and_bodies(mini) -> None:
    words = search_words.library_words(mini)
    names = {w for e in mini.public for w in search_words.words_of(" ".join((e.title, *e.aliases)))}
    names |= {w for t in mini.topics for w in search_words.words_of(t.label)}
    assert set(words[: len(names)]) == names
    assert "mutuality" in names and "wellness" in names
    body_only = set(words[len(names) :])
    assert body_only and not body_only & names
    assert len(words) == len(set(words)), "each word once"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peer support, peer SUPPORT!", {"peer", "support"}),
        ("See [[wellness-recovery-action-plan|WRAP]] at https://example.org/wrapsite", set()),
        ("AA and NA meet; Māori whakaaro", {"meet", "māori", "whakaaro"}),
        ("12-step 2014 co-design", {"step", "design"}),
    ],
)
def test_words_of_keeps_letters_of_four_or_more_and_drops_links(text: str, expected: set[str]) -> None:
    assert search_words.words_of(text) == expected


def test_common_words_and_withdrawn_entries_are_left_out(mini) -> None:
    words = set(search_words.library_words(mini))
    assert not words & search_words.COMMON
    assert mini.by_id["gone"].is_withdrawn
    assert not {"withdrawn", "never", "appear"} & words  # only the withdrawn entry uses them


def test_the_list_is_trimmed_to_40_kb_compressed_keeping_its_head() -> None:
    rng = random.Random(4)
    # 60,000 distinct random words compress far worse than any real vocabulary.
    many = list(
        dict.fromkeys("".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 12))) for _ in range(60_000))
    )
    kept = search_words.trimmed(many)
    size = len(gzip.compress("\n".join(kept).encode(), compresslevel=6))
    assert 30_000 < size <= search_words.MAX_GZIP_BYTES
    assert kept == many[: len(kept)]
    assert search_words.trimmed(many[:10]) == many[:10]


def test_the_file_is_one_word_a_line_after_saying_it_is_complete(mini) -> None:
    files = search_words.search_words_file(mini, None)  # type: ignore[arg-type]
    text = files[search_words.WORDS_FILE]
    assert text.endswith("\n") and text.split("\n")[:-1] == [search_words.COMPLETE, *search_words.library_words(mini)]


def test_a_trimmed_list_does_not_say_it_is_complete(mini, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(search_words, "trimmed", lambda words: words[:5])
    text = search_words.search_words_file(mini, None)[search_words.WORDS_FILE]  # type: ignore[arg-type]
    assert text.split("\n")[:-1] == search_words.library_words(mini)[:5]
