"""theme_parts: which pages may share one rendering of the navigation, and the cache that holds it."""

from __future__ import annotations

import itertools

from mkdocs.utils import get_relative_url

from peer_library.speed.theme_parts import PartCache, first_parts, nav_key

NAV = ["", "library/", "search/", "topics/", "a-z/", "types/", "audiences/", "authors/", "shelf/"]
NAV_FILES = ["index.html", "library.html", "search.html", "topics/index.html", "types/index.html", "shelf.html"]
LOGO = "assets/images/logo.png"
PAGES = [
    "entries/wrap/",
    "entries/wrap-2.0/",
    "entries/intentional-peer-support/",
    "entries/wrap.html",
    "entries/intentional-peer-support.html",
    "404.html",
    "topics/recovery/",
    "topics/recovery.html",
    "shelf/",
    "library/",
    "",
    "about/",
    "deep/er/page/",
]


def base_url(page_url: str) -> str:
    return get_relative_url(".", page_url)  # as MkDocs sets it for a page's template context


def test_pages_that_share_a_key_get_the_same_relative_link_to_everything_the_navigation_links() -> None:
    for targets in (NAV, NAV_FILES):
        linked = first_parts([*targets, LOGO])
        keyed = [(nav_key(p, base_url(p), linked), p) for p in PAGES]
        for (k1, p1), (k2, p2) in itertools.combinations(keyed, 2):
            if k1 is not None and k1 == k2:
                for target in [*targets, LOGO]:
                    assert get_relative_url(target, p1) == get_relative_url(target, p2), (p1, p2, target)


def test_entry_pages_share_a_key_and_pages_in_the_navigation_have_none() -> None:
    linked = first_parts([*NAV, LOGO])
    keys = {p: nav_key(p, base_url(p), linked) for p in PAGES}
    assert keys["entries/wrap/"] == keys["entries/intentional-peer-support/"] == keys["entries/wrap-2.0/"]
    assert keys["entries/wrap.html"] == keys["entries/intentional-peer-support.html"] != keys["entries/wrap/"]
    assert keys["deep/er/page/"] not in (None, keys["entries/wrap/"])  # another depth, another rendering
    for in_nav in ("shelf/", "library/", "", "topics/recovery/"):  # in the navigation, or under a page in it
        assert keys[in_nav] is None


def test_part_cache_hands_back_what_it_kept() -> None:
    parts = PartCache()
    assert parts.get("nav ../..") is None
    assert parts.keep("nav ../..", "<nav>") == "<nav>"
    assert parts.get("nav ../..") == "<nav>"


def test_links_into_a_folder_are_normalised_as_mkdocs_normalises_them() -> None:
    for link in ("./entries/", "../entries/", "/entries/", "entries/index.html"):
        linked = first_parts([*NAV, link])
        assert nav_key("entries/wrap/", base_url("entries/wrap/"), linked) is None, link
