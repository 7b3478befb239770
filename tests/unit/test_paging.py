"""Numbered pages for long lists."""

from __future__ import annotations

import pytest

from peer_library.site.paging import PER_PAGE, page_uri, paginate, search_query


@pytest.mark.parametrize(("n", "pages", "last_size"), [(0, 1, 0), (1, 1, 1), (100, 1, 100), (101, 2, 1), (250, 3, 50)])
def test_at_most_a_hundred_a_page_and_every_item_once(n: int, pages: int, last_size: int) -> None:
    items = list(range(n))
    split = paginate("topics/recovery.md", items)
    assert len(split) == pages
    assert [x for _, _, part in split for x in part] == items
    assert all(len(part) <= PER_PAGE for _, _, part in split)
    assert len(split[-1][2]) == last_size
    _, paging, _ = split[-1]
    assert paging.count == pages and paging.total == n and paging.number == pages
    assert paging.last == n and (n == 0 or paging.first == (pages - 1) * PER_PAGE + 1)


def test_page_uris_and_neighbours() -> None:
    split = paginate("types/values.md", list(range(230)))
    assert [uri for uri, _, _ in split] == ["types/values.md", "types/values/2.md", "types/values/3.md"]
    first, middle, last = (paging for _, paging, _ in split)
    assert first.previous is None and first.next == "types/values/2.md"
    assert middle.previous == "types/values.md" and middle.next == "types/values/3.md"
    assert last.next is None
    assert page_uri("a-z.md", 2) == "a-z/2.md"


def test_search_query_is_encoded() -> None:
    assert search_query("topic", "Peer values & rights") == "topic=Peer+values+%26+rights"
