"""The MkDocs adapter: MkDocs events in, one ``build_site`` call, its pages and files out. The only
module that imports MkDocs; it also picks the fast paths (speed/) a run uses, which change no byte."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, cast

from mkdocs.config import base, config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_theme_dir
from mkdocs.utils.templates import TemplateContext

from . import speed
from .checks import borrower_scan
from .checks.registry import CheckContext
from .load.library import load_library
from .model import Problem
from .site.assets import SOURCES, bundles, with_bundles
from .site.build import Site, build_site
from .site.contribute_links import with_propose_link
from .site.page import DEFAULT_SUPPORT, Heading, Options, Page as LibraryPage, headings
from .site.sanitize import missing_extensions
from .site.search import build_index
from .site.settings import settings
from .site.theme_html import MATERIAL_FIXES, THEME, themed_dirs, valid_theme_html

log = logging.getLogger("mkdocs.plugins.peer_library")


class PeerLibraryConfig(base.Config):  # type: ignore[no-untyped-call]
    library = c.Type(str, default="library")  # entries, topics.yml, pathways/, circulation/; beside mkdocs.yml
    support_message = c.Type(str, default=DEFAULT_SUPPORT)  # with every content note: name local services
    request_copy = c.Type(str, default="")  # mailto: or https: URL with {id}, {title}, {copy}, {location}, {url}
    search_index = c.Type(bool, default=True)  # Pagefind after every build and serve rebuild
    fast_paths = c.Type(bool, default=True)  # speed/: the same site, sooner (PEER_LIBRARY_FAST_PATHS=0: off)
    ledger = c.Type(str, default="")  # the private loans ledger, outside the project (default: a per-user folder)
    retention_days = c.Type(int, default=0)  # days a returned loan keeps its borrower (0: erased at return)
    privacy_page = c.Type(str, default="privacy.md")  # how loan records are kept: linked from footer and requests
    data_licence = c.Type(str, default="")  # of the catalogue data on /data/: an SPDX id, e.g. CC-BY-4.0
    featured = c.ListOfItems(c.Type(str), default=[])  # entry ids the home page features, in order


class PeerLibraryPlugin(speed.SharedNavigation, BasePlugin[PeerLibraryConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False
    serving = False
    read_cache: speed.Cache | None = None  # kept across serve rebuilds, like the next one
    render_cache: speed.RenderCache | None = None
    reading: speed.Reading | None = None
    made: speed.Background[tuple[str, str], Any] | None = None
    site: Site | None = None
    after: Callable[..., Iterator[tuple[tuple[str, str], Any]]] | None = None  # Site.after_markdown, to call
    library_dir = Path("library")  # set from the config (on_config)
    options = Options()
    theme_dirs = (THEME, MATERIAL_FIXES)

    def on_startup(self, *, command: str, dirty: bool) -> None:  # MkDocs then keeps one instance across rebuilds
        self.serving = command == "serve"

    def fast(self, path: str) -> bool:  # whether this run uses that one of speed.PATHS
        return speed.enabled(self.config.fast_paths, path)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.fast("serve-cache") and self.serving and self.render_cache is None:
            self.read_cache, self.render_cache = speed.Cache(), speed.RenderCache()
        here = Path(config.config_file_path or ".").parent  # mkdocs.yml's folder
        self.library_dir = here / self.config.library
        self.share_nav, self.material_dir = self.fast("shared-nav"), get_theme_dir("material")
        config.theme.dirs[:] = themed_dirs(config.theme.dirs, THEME, MATERIAL_FIXES, self.material_dir)
        config.markdown_extensions += missing_extensions(config.markdown_extensions)
        config.extra_css, config.extra_javascript = with_bundles(config.extra_css, config.extra_javascript)
        config.extra.setdefault("generator", False)  # Material's "Made with Material" links another host
        self.options, found = settings(self.config, config, here)
        report(found)
        if errors := [p.message for p in found if p.is_error]:
            raise PluginError(f"peer-library: {'; '.join(errors)}")
        config.extra["pl_privacy_url"] = self.options.privacy_url  # for the footer (theme/partials/copyright.html)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:  # entries read on other cores as MkDocs lists docs
        if not self.serving and self.fast("parallel-reading"):
            self.reading = speed.start_reading(self.library_dir, self.library_dir.parent, speed.jobs())

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        root = self.library_dir.parent
        if blocked := borrower_scan.blocking(root.absolute(), self.library_dir.absolute(), Path(config.docs_dir)):
            report(blocked)  # a borrower in a tracked or published file: nothing is built, however it is run
            raise PluginError("peer-library: files hold borrowers; the site was not built (see above)")
        jobs = speed.jobs() if self.fast("parallel-reading") else 1
        read = speed.reader(self.library_dir, root, cache=self.read_cache, jobs=jobs, reading=self.reading)
        self.reading = None
        try:
            library, problems = load_library(self.library_dir, root=root, read_many=read)
            site = self.site = build_site(library, self.options, self.render_cache)
        except Exception as exc:  # a bug in the core, not bad content: one clear error
            raise PluginError(f"peer-library could not build the library in {self.library_dir}: {exc!r}") from exc
        report(sorted({*problems, *site.problems}))
        for uri in site.pages:  # the Markdown itself is handed over in on_page_read_source
            if placeholder := files.get_file_from_path(uri):  # docs/library.md: says the pages are missing
                files.remove(placeholder)
            files.append(File.generated(config, uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        for path, text in bundles().items():
            files.append(File.generated(config, path, content=text))
        memo = self.read_cache.writing if self.read_cache is not None else None
        checks = CheckContext(library, self.library_dir, root, memo)
        self.after = partial(site.after_markdown, checks, Path(config.site_dir))  # cleaned by MkDocs: files go in
        if self.fast("background") and not self.serving:  # the HTML, the checks and files: on another core
            self.made = speed.Background(self.after)
        return files

    def on_page_read_source(self, *, page: MkDocsPage, config: MkDocsConfig) -> str | None:
        """A generated page's Markdown after a blank line, so MkDocs reads no metadata from its body."""
        made = self.page(page)
        return None if made is None else f"\n{made.kept_markdown if self.render_cache is not None else made.markdown}"

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        if (made := self.page(page)) is None:  # a hand-written page: its "Propose a new entry" marker
            return with_propose_link(markdown, config.repo_url or "")
        page.meta = dict(made.meta)  # given directly, not as YAML for MkDocs to parse back
        return markdown

    def page(self, page: MkDocsPage) -> LibraryPage | None:  # the library's own page, or None for a hand-written one
        return self.site.pages.get(page.file.src_uri) if self.site else None

    @event_priority(-100)  # last, as other plugins may read it: let go of our converted Markdown (MkDocs keeps all)
    def on_page_content(self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        if self.page(page) is not None:
            page.markdown = ""
        return html

    def on_page_context(
        self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """A generated page's HTML around its converted Markdown, and its headings in the table of contents."""
        made = self.page(page)
        cast("dict[str, Any]", context)["pl_nav_key"] = self.nav_key(page, context, made is not None)
        if made is None:
            return context
        kept = self.render_cache is not None  # serve keeps each page's HTML, and so its headings
        taken = self.made.take(("html", page.file.src_uri)) if self.made is not None and made.template else None
        before, after = taken or (made.html if kept else made.render_html())
        heads_before, heads_after = made.toc if kept else (headings(before), headings(after))
        start = AnchorLink(page.title or "", "pl-content", 1)  # theme/main.html: Material's "Skip to content"
        start.children = [*toc_links(heads_before), *page.toc, *toc_links(heads_after)]  # goes to the first item
        page.toc = TableOfContents([start])
        page.content = f"{before}{page.content or ''}{after}"
        return context

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        if self.page(page) is not None:  # let go of it: MkDocs keeps every page (~30 MB of TOCs at 10,000 entries)
            page.content, page.toc = None, TableOfContents([])
        return valid_theme_html(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return valid_theme_html(output_content)  # 404.html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        after, made, self.made = self.after, self.made, None
        if after is not None:
            report((made.rest() if made is not None else dict(after(pages=False)))[("problems", "")])
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
        for folder in (self.library_dir, *SOURCES):
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
