"""The word list "Did you mean ...?" suggests from: the library's own words, names first, kept small."""

from __future__ import annotations

import gzip
import random
import string

import pytest

from peer_library.load.library import load_library
from peer_library.site import search_words
from tests.conftest import FIXTURES
from tests.helpers import entry_text, make_library


@pytest.fixture(scope="module")
def mini():
    library, problems = load_library(FIXTURES / "mini" / "library", root=FIXTURES / "mini")
    assert problems == []
    return library


def test_names_come_first_then_words_of_summaries_and_bodies(mini) -> None:
    words = search_words.library_words(mini)
    names = {w for e in mini.public for w in search_words.words_of(" ".join((e.title, *e.aliases)))}
    names |= {w for t in mini.topics for w in search_words.words_of(t.label)}
    names |= {w for e in mini.public if e.source for w in search_words.words_of(" ".join(e.source.authors))}
    credited = [a.name for e in mini.public for a in e.authors if a.attribution != "anonymous"]
    names |= {w for name in credited for w in search_words.words_of(name)}
    assert set(words[: len(names)]) == names
    assert "hidden" not in words  # "Hidden Person", credited as anonymous: never in a public file
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


def test_common_words_are_kept_so_search_never_takes_them_for_misspellings(mini) -> None:
    # pl-forgive.js corrects a word missing from the list: "through" became "though", "during" "curing".
    assert {"from", "that", "their", "with"} <= set(search_words.library_words(mini))


def test_an_anonymous_authors_name_is_never_in_the_list(tmp_path) -> None:  # type: ignore[no-untyped-def]
    fields = (
        "authors:\n  - name: Zyxwv, Q.\n    attribution: anonymous\n"
        'source:\n  title: A piece\n  authors: ["Zyxwv, Q.", "Named, A."]\n  year: 2020\n'
    )
    lib = make_library(tmp_path, {"a.md": entry_text(fields, "Text.\n", type="writing")})
    library, _ = load_library(lib, root=tmp_path)
    words = search_words.library_words(library)
    assert "named" in words and "zyxwv" not in words


def test_withdrawn_entries_are_left_out(mini) -> None:
    words = set(search_words.library_words(mini))
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


def test_the_file_is_one_word_a_line_after_saying_it_is_complete_names_first(mini) -> None:
    files = search_words.search_words_file(mini, None)  # type: ignore[arg-type]
    text = files[search_words.WORDS_FILE]
    names, words = search_words.word_groups(mini)
    assert names and words
    assert text.endswith("\n") and text.split("\n")[:-1] == [search_words.COMPLETE, *names, search_words.TEXT, *words]


def test_a_trimmed_list_does_not_say_it_is_complete(mini, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    names, _ = search_words.word_groups(mini)
    monkeypatch.setattr(search_words, "trimmed", lambda words: words[: len(names) + 2])
    text = search_words.search_words_file(mini, None)[search_words.WORDS_FILE]  # type: ignore[arg-type]
    kept = search_words.library_words(mini)[: len(names) + 2]
    assert text.split("\n")[:-1] == [*kept[: len(names)], search_words.TEXT, *kept[len(names) :]]
