"""Parts of the theme that come out the same on many pages, rendered once per build and reused.

Material renders the whole site navigation and the header's search box for every page. An entry page
is not in the navigation, so its navigation differs from another's only in how many ``../`` its
relative links start with; the search box differs only in its link to the search page. At 10,000
entries rendering them again for every page was a quarter of the theme's time.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

NAV_TEMPLATES = ("partials/nav.html", "partials/nav-item.html")  # Material's, which nav_key reasons about


class PartCache:
    """Rendered theme parts of one build, by key (templates: ``get`` first, ``keep`` once rendered)."""

    def __init__(self) -> None:
        self._parts: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self._parts.get(key)

    def keep(self, key: str, html: str) -> str:
        self._parts[key] = html
        return html


def first_parts(urls: Iterable[str]) -> frozenset[str]:
    """The first path segment of each site-relative URL the navigation links to, normalised as
    MkDocs normalises it ("./entries/" and "../entries/" link into "entries")."""
    return frozenset(posixpath.normpath(f"/{url}").lstrip("/").split("/", 1)[0] for url in urls)


def nav_key(page_url: str, base_url: str, linked: frozenset[str]) -> str | None:
    """The key of the navigation of a page in no navigation item (and no section), or None when it
    must be rendered for that page.

    A relative link from the page to a URL whose first segment differs from the page's own is
    ``base_url`` followed by that URL (``mkdocs.utils.get_relative_url``), so every such page at the
    same depth whose first segment the navigation never links into gets the same links, and no item
    marked active. ``linked`` is ``first_parts`` of every URL the navigation renders.
    """
    if page_url.split("/", 1)[0] in linked:
        return None
    return f"nav {base_url}"


def nav_links(items: Sequence[Any]) -> Iterator[Any]:
    """Every page and link in a navigation, at any depth (sections are walked, not returned)."""
    for item in items:
        if item.children:
            yield from nav_links(item.children)
        else:
            yield item


def first_with(dirs: Sequence[str], name: str) -> str | None:
    """The first of the template folders that has the template ``name``."""
    return next((d for d in dirs if Path(d, name).is_file()), None)


def nav_reusable(theme: str, dirs: Sequence[str], material: str) -> bool:
    """Whether ``nav_key`` applies: the theme is Material and its own navigation templates are used
    (a custom_dir that overrides them renders the navigation for every page)."""
    return theme == "material" and all(first_with(dirs, name) == material for name in NAV_TEMPLATES)


def linked_parts(nav_items: Sequence[Any], *urls: str) -> frozenset[str]:
    """``first_parts`` of every URL a navigation links to (its pages and links, and ``urls``)."""
    return first_parts([*urls, *(item.url for item in nav_links(nav_items))])


class SharedNavigation:
    """The MkDocs events, for a plugin to inherit, that let pages outside the navigation share one
    rendered navigation (and search box) per depth. MkDocs objects are used, not imported.

    The plugin's ``theme/partials/nav.html`` wraps the theme's own, reached as "pl-base/...", and
    keeps what it renders in ``pl_parts`` under the key ``nav_key`` gives (None: render it here)."""

    theme_dirs: tuple[str, ...] = ()  # the plugin's own theme folders, which wrap the theme's templates
    material_dir = ""  # Material's templates (the adapter asks MkDocs where they are)
    share_nav = True  # whether this run shares navigations (speed.PATHS "shared-nav")
    nav_linked: frozenset[str] = frozenset()
    nav_reusable = False

    def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
        urls = (nav.homepage.url if nav.homepage else "", config.theme.get("logo"), config.extra.get("homepage"))
        self.nav_linked = linked_parts(nav.items, *(u or "" for u in urls))
        return nav

    def on_env(self, env: jinja2.Environment, *, config: Any, files: Any) -> jinja2.Environment:
        # MkDocs has loaded Jinja by now; importing it at the top would load it for `peer-library check` too
        import jinja2

        dirs = [d for d in config.theme.dirs if d not in self.theme_dirs]
        assert env.loader is not None  # MkDocs' theme always gives its environment a loader
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"pl-base": jinja2.FileSystemLoader(dirs)})])
        env.globals["pl_parts"] = PartCache()
        self.nav_reusable = self.share_nav and nav_reusable(config.theme.name or "", dirs, self.material_dir)
        return env

    def nav_key(self, page: Any, context: Any, ours: bool) -> str | None:
        """The key of a page's navigation: shared by the library's own pages outside the navigation."""
        if not (ours and page.parent is None and self.nav_reusable):
            return None
        return nav_key(page.url, context["base_url"], self.nav_linked)
