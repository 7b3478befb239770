"""A small crawler over a built site folder: every internal link and anchor must resolve.

Reusable by any test: ``broken_links(site)`` lists what does not resolve, ``reachable(site, start)``
follows links from a page the way a reader clicking around would. No server needed: URLs are mapped
to files the way a static host serves them (``dir/`` -> ``dir/index.html``).
"""

from __future__ import annotations

import posixpath
import re
from collections import deque
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

# Tags and the attribute holding a URL the browser follows or loads.
URL_ATTRS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"))
REFRESH = re.compile(r"^\s*\d+\s*;\s*url=(.+)$", re.IGNORECASE)
# 404.html is served at any depth, so its links are written from the site root on purpose.
SKIP_PAGES = {"404.html"}


@dataclass(frozen=True, order=True)
class Broken:
    """A link on ``page`` (site-relative) to ``url`` that does not resolve, and why."""

    page: str
    url: str
    reason: str


def _is_internal(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith("//")


@cache
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@cache
def _ids(site: Path, page: str) -> frozenset[str]:
    soup = _parse(site / page)
    return frozenset(
        [str(el["id"]) for el in soup.find_all(id=True)]
        + [str(el["name"]) for el in soup.find_all("a", attrs={"name": True})]
    )


@cache
def links(site: Path, page: str) -> tuple[str, ...]:
    """Every URL a page links to or loads (including a meta refresh target), as written."""
    soup = _parse(site / page)
    urls = [str(el[attr]) for tag, attr in URL_ATTRS for el in soup.find_all(tag, attrs={attr: True})]
    for meta in soup.find_all("meta", attrs={"http-equiv": re.compile("^refresh$", re.IGNORECASE)}):
        m = REFRESH.match(str(meta.get("content", "")))
        if m:
            urls.append(m.group(1).strip())
    return tuple(urls)


def resolve(site: Path, page: str, url: str) -> tuple[str | None, str]:
    """The site-relative file an internal URL on ``page`` reaches (None if missing) and its fragment."""
    parts = urlsplit(url)
    if not parts.path:
        return page, unquote(parts.fragment)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if target.startswith("..") or parts.path.startswith("/"):
        return None, parts.fragment
    if parts.path.endswith("/") or (site / target).is_dir():
        target = posixpath.join(target, "index.html")
    return (target if (site / target).is_file() else None), unquote(parts.fragment)


def pages(site: Path) -> list[str]:
    """Every HTML page of the site, site-relative, in a stable order."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def broken_links(site: Path) -> list[Broken]:
    """Every internal link or anchor in the site that points at no file or no element id."""
    found: list[Broken] = []
    for page in pages(site):
        if page in SKIP_PAGES:
            continue
        for url in links(site, page):
            if not _is_internal(url):
                continue
            target, fragment = resolve(site, page, url)
            if target is None:
                found.append(Broken(page, url, "no such file"))
            elif fragment and target.endswith(".html") and fragment not in _ids(site, target):
                found.append(Broken(page, url, f"no element with id '{fragment}'"))
    return sorted(set(found))


def reachable(site: Path, start: str = "index.html", within: tuple[str, ...] = ()) -> set[str]:
    """Pages a reader reaches from ``start`` by following links; ``within`` limits which pages they pass
    through (path prefixes), though pages linked from those are still counted as reached."""
    seen = {start}
    queue = deque([start])
    while queue:
        page = queue.popleft()
        if page != start and within and not page.startswith(within):
            continue
        for url in links(site, page):
            if not _is_internal(url):
                continue
            target, _ = resolve(site, page, url)
            if target and target.endswith(".html") and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen
