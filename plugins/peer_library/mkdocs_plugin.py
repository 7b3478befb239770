"""The MkDocs adapter: translates MkDocs events into calls to the core, and nothing more.

This is the only module that imports MkDocs (ruff's banned-api rule enforces it).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, cast

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_theme_dir
from mkdocs.utils.templates import TemplateContext

from .background import Background
from .borrower_scan import scan as scan_for_borrowers
from .borrowing import check_request_url, post_build_files
from .checks import CheckContext, run_checks
from .index_pages import redirect_files
from .ledger_store import LedgerPathError, check_outside, resolve_ledger
from .load import Cache, load_library, safe_jobs, start_reading
from .memo import RenderCache, with_loans_key
from .model import Problem
from .old_site import Clearing, start_clearing
from .pages import DEFAULT_SUPPORT, Heading, Options, Page, generated_html, headings, render_pages
from .reading import Reading
from .sanitize import SafeMarkdown
from .search import build_index
from .theme_parts import PartCache, first_parts, nav_key
from .writing import write_outputs

log = logging.getLogger("mkdocs.plugins.peer_library")
PACKAGE = Path(__file__).parent
NAV_TEMPLATES = ("partials/nav.html", "partials/nav-item.html")  # Material's; theme/partials/nav.html wraps them
THEME = str(PACKAGE / "theme")  # ahead of the theme's own templates (on_config); partials/nav.html wraps theirs
STYLES = (
    "assets/peer-library.css",
    "assets/content-note.css",
    "assets/indexes.css",
    "assets/pathways.css",
    "assets/borrowing.css",
    "assets/pl-search.css",
)
SCRIPTS = ("assets/pathways.js", "assets/shelf.js", "assets/pl-search.js")
# Served as one stylesheet and one script: fewer requests for readers, and less work per page for
# the theme, which writes a tag (and resolves a URL) for every extra file on every page.
BUNDLES = {"assets/peer-library.bundle.css": STYLES, "assets/peer-library.bundle.js": SCRIPTS}

NEEDED_EXTENSIONS = ("attr_list", "md_in_html", "toc")


class PeerLibraryConfig(base.Config):  # type: ignore[no-untyped-call]
    library = c.Type(str, default="library")
    """Folder of entries, topics.yml, pathways/ and circulation/, relative to mkdocs.yml."""
    support_message = c.Type(str, default=DEFAULT_SUPPORT)
    """Shown with every content note. Name your local support services; no numbers are invented."""
    request_copy = c.Type(str, default="")
    """'Request this copy' link: mailto: or https: URL with {id}, {title}, {copy}, {location}, {url}."""
    search_index = c.Type(bool, default=True)
    """Index the built site with Pagefind after every build and serve rebuild."""
    ledger = c.Type(str, default="")
    """The private loans ledger, outside the project (default: $XDG_DATA_HOME/peer-library/<site name>/loans.jsonl)."""
    retention_days = c.Type(int, default=0)
    """Days a returned loan keeps its borrower (0: erased at return); `peer-library purge` erases them after."""
    privacy_page = c.Type(str, default="privacy.md")
    """The page, in docs/, that says how loan records are kept; linked from the footer and "Request this copy"."""


class PeerLibraryPlugin(BasePlugin[PeerLibraryConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        # What serve rebuilds reuse; a one-off build (on_startup says which) keeps neither.
        self.cache: Cache | None = Cache()
        self.render_cache: RenderCache | None = RenderCache()
        self.generated: Background[tuple[str, str], Any] | None = None
        self.reading: Reading | None = None
        self.clearing: Clearing | None = None
        self.dirty = False
        self.library_dir = Path("library")
        self.options = Options()
        self.pages: dict[str, Page] = {}
        self.nav_linked: frozenset[str] = frozenset()
        self.nav_reusable = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Having this hook makes MkDocs keep one plugin instance, and so its cache, across serve rebuilds."""
        self.dirty = dirty
        if command == "serve":
            self.cache = self.cache or Cache()
            self.render_cache = self.render_cache or RenderCache()
        else:  # nothing to reuse later: keep the memory for the build
            self.cache = self.render_cache = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.library_dir = library_dir(config, self.config.library)
        if THEME not in config.theme.dirs:  # on_config may run again on the same config (build() does)
            config.theme.dirs.insert(0, THEME)
        for ext in NEEDED_EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        if not any(isinstance(ext, SafeMarkdown) for ext in config.markdown_extensions):
            config.markdown_extensions.append(SafeMarkdown())  # type: ignore[arg-type]  # no script URLs from Markdown
        css, js = BUNDLES
        if css not in config.extra_css:
            config.extra_css = [css, *config.extra_css]
        if js not in config.extra_javascript:
            config.extra_javascript = [js, *config.extra_javascript]
        # Material's "Made with Material" footer links another host; keep it off unless asked for.
        config.extra.setdefault("generator", False)
        if problem := check_request_url(self.config.request_copy):
            raise PluginError(f"peer-library: {problem}")
        self.check_ledger_options(config)
        privacy = self.config.privacy_page
        has_privacy = bool(privacy) and (Path(config.docs_dir) / privacy).is_file()
        self.options = Options(
            support_message=self.config.support_message,
            site_name=config.site_name,
            site_url=config.site_url or "",
            request_copy=self.config.request_copy,
            directory_urls=config.use_directory_urls,
            privacy_page=privacy if has_privacy else "",
        )
        return config

    def check_ledger_options(self, config: MkDocsConfig) -> None:
        """The build never reads the ledger, but refuses options that would put it inside the project."""
        if self.config.retention_days < 0:
            raise PluginError("peer-library: retention_days must be a whole number of days, 0 or more")
        project = Path(config.config_file_path or ".").parent.absolute()
        try:
            ledger = resolve_ledger(None, self.config.ledger, config.site_name, project)
        except LedgerPathError:
            return  # the circulation commands say so; the build needs no ledger
        if problem := check_outside(ledger, project):
            raise PluginError(f"peer-library: {problem}")

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """A build (no cache to reuse) moves the previous site aside to be deleted on another core
        (old_site), and starts reading the entry files on the other cores while MkDocs lists the
        docs; on_files collects them."""
        if self.cache is None:
            if not self.dirty:  # --dirty keeps the previous site
                self.clearing = start_clearing(Path(config.site_dir))
            self.reading = start_reading(self.library_dir, self.library_dir.parent, safe_jobs())

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        root = self.library_dir.parent
        # before anything is built: a borrower in a tracked or published file stops the build, however run
        project = Path(config.config_file_path or ".").parent.absolute()
        found = scan_for_borrowers(project, self.library_dir.absolute(), Path(config.docs_dir), project)
        if errors := [p for p in found if p.is_error]:
            report(found)
            raise PluginError(f"peer-library: {len(errors)} file(s) hold borrowers; the site was not built (see above)")
        reading, self.reading = self.reading, None
        try:
            library, problems = load_library(
                self.library_dir, root=root, cache=self.cache, jobs=safe_jobs(), reading=reading
            )
        except Exception as exc:  # a bug in the core, not bad content: one clear error
            raise PluginError(f"peer-library could not read {self.library_dir}: {exc!r}") from exc
        report(sorted(set(problems)))  # what the other checks find is reported once they ran (problems_found)
        pages = render_pages(library, self.options, self.render_cache)
        for uri in pages:  # the Markdown itself is handed over in on_page_read_source: no copy is kept here
            files.append(File.generated(config, uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        # The HTML around the Markdown, the feed and the catalogue are needed only after MkDocs has
        # converted every page. A build has them made on another core meanwhile; serve makes them here
        # and keeps them (render_cache), so a rebuild remakes only what an edit changed.
        options, cache = self.options, self.render_cache
        self.pages = pages
        checks = CheckContext(library, self.library_dir, root, self.cache)

        def outputs() -> dict[str, str]:
            if cache is None:
                return post_build_files(library, options)
            made: dict[str, str] = cache.maker(
                "post-build", with_loans_key(library, options), lambda: post_build_files(library, options)
            )
            return made

        def generated() -> Iterator[tuple[tuple[str, str], Any]]:
            yield ("problems", ""), run_checks(checks)  # reported at the first page built (problems_found)
            for uri, html in generated_html(pages, keep=cache is not None):
                yield ("html", uri), html
            for path, text in outputs().items():
                yield ("file", path), text

        self.generated = Background(generated, fork=False if cache is not None else None)
        for path, html in redirect_files(library, config.use_directory_urls).items():
            files.append(File.generated(config, path, content=html))
        for bundle, parts in BUNDLES.items():
            files.append(File.generated(config, bundle, content=bundled(parts)))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Where the navigation links to, for theme_parts.nav_key."""
        urls = [
            nav.homepage.url if nav.homepage else "",
            config.theme.get("logo") or "",
            config.extra.get("homepage") or "",
        ]
        urls.extend(item.url for item in nav_links(nav.items))
        self.nav_linked = first_parts(urls)
        return nav

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """The theme's own templates under "pl-base/" (so partials/nav.html can wrap the theme's), and
        a fresh cache of rendered theme parts for this build (theme_parts)."""
        dirs = [d for d in config.theme.dirs if d != THEME]
        assert env.loader is not None  # MkDocs' theme always gives its environment a loader
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"pl-base": jinja2.FileSystemLoader(dirs)})])
        env.globals["pl_parts"] = PartCache()
        privacy = files.get_file_from_path(self.options.privacy_page) if self.options.privacy_page else None
        env.globals["pl_privacy_url"] = privacy.url if privacy is not None else ""
        # theme_parts.nav_key reasons about Material's own navigation templates, not a custom_dir's
        self.nav_reusable = config.theme.name == "material" and all(
            first_with(dirs, name) == get_theme_dir("material") for name in NAV_TEMPLATES
        )
        return env

    def on_page_read_source(self, *, page: MkDocsPage, config: MkDocsConfig) -> str | None:
        """A generated page's Markdown, made now. It starts with a blank line so that MkDocs reads no
        metadata from it (a body may open with "---" or "Note: ..."); on_page_markdown sets the
        metadata directly, rather than writing YAML for MkDocs to parse back."""
        made = self.pages.get(page.file.src_uri)
        if made is None:
            return None
        return f"\n{made.kept_markdown if self.render_cache is not None else made.markdown}"

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        made = self.pages.get(page.file.src_uri)
        if made is not None:
            page.meta = dict(made.meta)
        return markdown

    def on_page_content(self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """The Markdown of the library's own pages is made when MkDocs reads it (on_page_read_source)
        and is not needed once converted: released here rather than held until the build ends."""
        if page.file.src_uri in self.pages:
            page.markdown = ""  # not None: MkDocs reads None as "no title"
        return html

    def on_page_context(
        self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """A generated page's HTML around its converted Markdown, and its headings in the table of contents."""
        made = self.pages.get(page.file.src_uri)
        # the plugin's pages outside the navigation (entries, index pages) share their navigation
        reusable = made is not None and page.parent is None and self.nav_reusable
        key = nav_key(page.url, context["base_url"], self.nav_linked) if reusable else None
        cast("dict[str, Any]", context)["pl_nav_key"] = key
        if made is None or not made.template or self.generated is None:
            return context
        self.problems_found()
        before, after = self.generated.take(("html", page.file.src_uri)) or made.render_html()
        # serve keeps each page's HTML (made.html), and so its headings; a build reads them once
        heads_before, heads_after = made.toc if self.render_cache is not None else (headings(before), headings(after))
        page.toc = TableOfContents([*toc_links(heads_before), *page.toc, *toc_links(heads_after)])
        page.content = f"{before}{page.content or ''}{after}"
        return context

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        """MkDocs keeps every page's HTML and table of contents until the build ends; the library's own
        pages need them no longer (at 10,000 entries the kept tables of contents alone are ~30 MB)."""
        if page.file.src_uri in self.pages:
            page.content = None
            page.toc = TableOfContents([])
        return output

    @event_priority(100)  # before any plugin reads the site folder
    def _previous_site_gone(self, *, config: MkDocsConfig) -> None:
        self.cleared()

    def _outputs_and_index(self, *, config: MkDocsConfig) -> None:  # where other plugins' hooks run
        if self.generated is not None:
            self.problems_found()
            generated, self.generated = self.generated, None
            rest = generated.rest()
            if generated.failure:
                log.debug(
                    f"peer-library: the background process failed, so the plugin's HTML was made here: {generated.failure}"
                )
            write_outputs(Path(config.site_dir), {path: text for (kind, path), text in rest.items() if kind == "file"})
        if not self.config.search_index:
            return
        try:
            log.info(f"peer-library: search index: {build_index(Path(config.site_dir))}")
        except Exception as exc:  # the pagefind binary is missing or failed: say so once
            raise PluginError(f"peer-library could not build the Pagefind search index: {exc!r}") from exc

    on_post_build = CombinedEvent(_previous_site_gone, _outputs_and_index)

    def problems_found(self) -> None:
        """Report what the checks that run in the background found (once per build)."""
        if self.generated is not None and (found := self.generated.take(("problems", ""))) is not None:
            report(found)

    def cleared(self) -> None:
        """Wait until the previous site, moved aside in on_pre_build, is deleted."""
        if self.clearing is not None:
            clearing, self.clearing = self.clearing, None
            if not clearing.wait():
                log.warning(
                    f"peer-library: could not delete the previous site's files in {clearing.trash}; "
                    "delete that folder before you publish the site"
                )

    def on_build_error(self, *, error: Exception) -> None:
        self.cleared()
        if self.reading is not None:
            self.reading.cancel()
            self.reading = None
        if self.generated is not None:
            self.generated.cancel()
            self.generated = None

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(library_dir(config, self.config.library)))
        server.watch(str(PACKAGE / "templates"))
        server.watch(THEME)
        server.watch(str(PACKAGE / "assets"))
        return server


def bundled(parts: Sequence[str]) -> str:
    """Asset files joined into one, each under a comment naming it (scripts are self-contained)."""
    return "\n".join(f"/* {part} */\n{(PACKAGE / part).read_text(encoding='utf-8')}" for part in parts)


def library_dir(config: MkDocsConfig, library: str) -> Path:
    """The content folder, relative to mkdocs.yml."""
    return Path(config.config_file_path or ".").parent / library


def first_with(dirs: Sequence[str], name: str) -> str | None:
    """The first of the template folders that has the template ``name``."""
    return next((d for d in dirs if Path(d, name).is_file()), None)


def nav_links(items: Sequence[Any]) -> Iterator[Any]:
    """Every page and link in the navigation, at any depth (sections are walked, not returned)."""
    for item in items:
        if item.children:
            yield from nav_links(item.children)
        else:
            yield item


def toc_links(headings: Sequence[Heading]) -> list[AnchorLink]:
    """Table-of-contents items for generated headings: each h3 under the h2 before it."""
    items: list[AnchorLink] = []
    for h in headings:
        link = AnchorLink(h.title, h.id, h.level)
        if h.level > 2 and items:
            items[-1].children.append(link)
        else:
            items.append(link)
    return items


def report(problems: list[Problem]) -> None:
    """Log each problem once; errors at ERROR and warnings at WARNING, so --strict fails on both."""
    for p in problems:
        (log.error if p.is_error else log.warning)(str(p))
