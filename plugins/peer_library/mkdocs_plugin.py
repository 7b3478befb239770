"""The MkDocs adapter: MkDocs events in, one ``build_site`` call, its pages and files out. The only module
that imports MkDocs (ruff's banned-api rule); it also picks the fast paths (speed/) a run uses."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any, cast

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_theme_dir
from mkdocs.utils.templates import TemplateContext

from . import speed
from .checks.registry import CheckContext, run_checks
from .load.files import write_outputs
from .load.library import load_library
from .model import Problem
from .site.assets import PACKAGE, bundles, bundles_first
from .site.borrowing import check_request_url
from .site.build import Site, build_site
from .site.page import DEFAULT_SUPPORT, Heading, Options, headings
from .site.sanitize import SafeMarkdown
from .site.search import build_index

log = logging.getLogger("mkdocs.plugins.peer_library")
THEME = str(PACKAGE / "theme")  # ahead of the theme's own templates; partials/nav.html wraps theirs
NEEDED_EXTENSIONS = ("attr_list", "md_in_html", "toc")


class PeerLibraryConfig(base.Config):  # type: ignore[no-untyped-call]  # cli/build.py reads these for Zensical
    library = c.Type(str, default="library")  # entries, topics.yml, pathways/, circulation/; relative to mkdocs.yml
    support_message = c.Type(str, default=DEFAULT_SUPPORT)  # shown with every content note
    request_copy = c.Type(str, default="")  # mailto: or https: URL with {id}, {title}, {copy}, {location}, {url}
    search_index = c.Type(bool, default=True)  # Pagefind after every build and serve rebuild
    fast_paths = c.Type(bool, default=True)  # speed/ (the same site, sooner); PEER_LIBRARY_FAST_PATHS=0 also off


class PeerLibraryPlugin(BasePlugin[PeerLibraryConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving, self.fast = False, True
        self.read_cache: speed.Cache | None = None  # kept across serve rebuilds, like the next one
        self.render_cache: speed.RenderCache | None = None
        self.reading: speed.Reading | None = None
        self.made: speed.Background[tuple[str, str], Any] | None = None
        self.site: Site | None = None
        self.checks: CheckContext | None = None
        self.library_dir, self.options = Path("library"), Options()
        self.nav_linked: frozenset[str] = frozenset()
        self.nav_reusable = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Having this hook makes MkDocs keep one plugin instance, and so its caches, across serve rebuilds."""
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.fast = speed.enabled(self.config.fast_paths)
        if self.fast and self.serving and self.render_cache is None:
            self.read_cache, self.render_cache = speed.Cache(), speed.RenderCache()
        self.library_dir = Path(config.config_file_path or ".").parent / self.config.library
        if THEME not in config.theme.dirs:  # on_config may run again on the same config (build() does)
            config.theme.dirs.insert(0, THEME)
        config.markdown_extensions += [ext for ext in NEEDED_EXTENSIONS if ext not in config.markdown_extensions]
        if not any(isinstance(ext, SafeMarkdown) for ext in config.markdown_extensions):
            config.markdown_extensions.append(SafeMarkdown())  # type: ignore[arg-type]  # no script URLs from Markdown
        config.extra_css, config.extra_javascript = bundles_first(config.extra_css, config.extra_javascript)
        config.extra.setdefault("generator", False)  # Material's "Made with Material" links another host
        if problem := check_request_url(self.config.request_copy):
            raise PluginError(f"peer-library: {problem}")
        self.options = Options.from_settings(self.config, config)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """A one-off build starts reading the entry files on the other cores while MkDocs lists the docs."""
        if self.fast and not self.serving:
            self.reading = speed.start_reading(self.library_dir, self.library_dir.parent, speed.jobs())

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        root = self.library_dir.parent
        read = None
        if self.fast:
            read = speed.reader(self.library_dir, root, cache=self.read_cache, jobs=speed.jobs(), reading=self.reading)
        self.reading = None
        try:
            library, problems = load_library(self.library_dir, root=root, read_many=read)
            site = self.site = build_site(library, self.options, self.render_cache)
        except Exception as exc:  # a bug in the core, not bad content: one clear error
            raise PluginError(f"peer-library could not build the library in {self.library_dir}: {exc!r}") from exc
        report(sorted({*problems, *site.problems}))
        for uri in site.pages:  # the Markdown itself is handed over in on_page_read_source
            if (placeholder := files.get_file_from_path(uri)) is not None:  # docs/library.md says pages are missing
                files.remove(placeholder)
            files.append(File.generated(config, uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        for path, text in bundles().items():
            files.append(File.generated(config, path, content=text))
        self.checks = CheckContext(library, self.library_dir, root, getattr(self.read_cache, "writing", None))
        if self.fast and not self.serving:  # the HTML around pages, the checks and files: on another core
            self.made = speed.Background(partial(site.after_markdown, self.checks))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Where the navigation links to, for speed.nav_key."""
        home, logo = (nav.homepage.url if nav.homepage else ""), config.theme.get("logo") or ""
        self.nav_linked = speed.linked_parts(nav.items, home, logo, config.extra.get("homepage") or "")
        return nav

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """The theme's own templates under "pl-base/" (partials/nav.html wraps the theme's); a fresh theme-part cache."""
        dirs = [d for d in config.theme.dirs if d != THEME]
        assert env.loader is not None  # MkDocs' theme always gives its environment a loader
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"pl-base": jinja2.FileSystemLoader(dirs)})])
        env.globals["pl_parts"] = speed.PartCache()
        self.nav_reusable = self.fast and speed.nav_reusable(config.theme.name or "", dirs, get_theme_dir("material"))
        return env

    def on_page_read_source(self, *, page: MkDocsPage, config: MkDocsConfig) -> str | None:
        """A generated page's Markdown after a blank line, so MkDocs reads no metadata from it (on_page_markdown sets it)."""
        made = self.site.pages.get(page.file.src_uri) if self.site else None
        return None if made is None else f"\n{made.kept_markdown if self.render_cache is not None else made.markdown}"

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        if self.site and (made := self.site.pages.get(page.file.src_uri)) is not None:
            page.meta = dict(made.meta)
        return markdown

    def on_page_context(
        self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """A generated page's HTML around its converted Markdown, and its headings in the table of contents."""
        made = self.site.pages.get(page.file.src_uri) if self.site else None
        reusable = made is not None and page.parent is None and self.nav_reusable
        key = speed.nav_key(page.url, context["base_url"], self.nav_linked) if reusable else None
        cast("dict[str, Any]", context)["pl_nav_key"] = key
        if made is None or not made.template:
            return context
        kept = self.render_cache is not None  # serve keeps each page's HTML, and so its headings
        taken = self.made.take(("html", page.file.src_uri)) if self.made is not None else None
        before, after = taken or (made.html if kept else made.render_html())
        heads_before, heads_after = made.toc if kept else (headings(before), headings(after))
        page.toc = TableOfContents([*toc_links(heads_before), *page.toc, *toc_links(heads_after)])
        page.content = f"{before}{page.content or ''}{after}"
        return context

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        """MkDocs keeps every page to the end; ours are not needed once written (10,000 tables of contents: ~30 MB)."""
        if self.site and page.file.src_uri in self.site.pages:
            page.markdown, page.content, page.toc = "", None, TableOfContents([])
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site, made, self.made = self.site, self.made, None
        if site is not None and self.checks is not None:
            rest = made.rest() if made is not None else {}
            report(rest[("problems", "")] if ("problems", "") in rest else run_checks(self.checks))
            write_outputs(Path(config.site_dir), rest[("files", "")] if ("files", "") in rest else site.files)
        if self.config.search_index:
            try:
                log.info(f"peer-library: search index: {build_index(Path(config.site_dir))}")
            except Exception as exc:  # the pagefind binary is missing or failed: say so once
                raise PluginError(f"peer-library could not build the Pagefind search index: {exc!r}") from exc

    def on_build_error(self, *, error: Exception) -> None:
        for work in (self.reading, self.made):
            work and work.cancel()
        self.reading = self.made = None

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        library = Path(config.config_file_path or ".").parent / self.config.library
        for folder in (library, PACKAGE / "templates", PACKAGE / "theme", PACKAGE / "assets"):
            server.watch(str(folder))
        return server


def toc_links(found: Sequence[Heading]) -> list[AnchorLink]:
    """Table-of-contents items for generated headings: each h3 under the h2 before it."""
    items: list[AnchorLink] = []
    for h in found:
        (items[-1].children if h.level > 2 and items else items).append(AnchorLink(h.title, h.id, h.level))
    return items


def report(problems: Sequence[Problem]) -> None:
    """Log each problem once; errors at ERROR and warnings at WARNING, so --strict fails on both."""
    for p in problems:
        (log.error if p.is_error else log.warning)(str(p))
