"""``peer-library build``: the site from one engine or another, and a loud failure when the library's
pages are missing from what it built.

MkDocs and ProperDocs run the plugin (mkdocs_plugin.py), which feeds them ``build_site`` in memory.
Zensical runs no plugins, so for it this module does the plugin's work in three steps: the library's
pages are written as a docs folder (site/docs_tree.py) beside a config without the plugin; Zensical
renders it; then what comes after rendering (feed, catalogue.json, redirects, the Pagefind index) is
written into the site. Engines run as child processes, so this module never imports one.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from peer_library.checks.registry import CheckContext, run_checks
from peer_library.load.files import write_atomic, write_outputs
from peer_library.load.library import load_library
from peer_library.model import Problem
from peer_library.site.assets import PACKAGE, with_bundles
from peer_library.site.build import Site, build_site
from peer_library.site.docs_tree import PLACEHOLDER_MARK, PLACEHOLDER_URI, docs_tree
from peer_library.site.search import build_index
from peer_library.site.settings import settings

PLUGIN = "peer-library"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# What the generated pages need from Markdown (as the plugin adds them), and the extension that keeps
# script out of what Markdown renders.
NEEDED_EXTENSIONS = ("attr_list", "md_in_html", "toc", "peer_library.site.sanitize:SafeMarkdown")
ZENSICAL_THEME = PACKAGE / "zensical_theme"
SHARED_PARTIALS = ("partials/pl-search-box.html",)  # from theme/, used by both themes


class BuildFailed(Exception):
    """A build that cannot go on; the message says why and what to do."""


class Tagged:
    """A YAML value under a tag only MkDocs knows (``!ENV``, ``!!python/name:``), kept as written."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]


def _untagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV VAR`` or ``!ENV [VAR, ..., default]``, read now as MkDocs reads it (the first variable set)."""
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)  # type: ignore[arg-type]
    default = names.pop() if len(names) > 1 else None
    for name in names:
        if (value := os.environ.get(str(name))) is not None:
            return yaml.safe_load(value) if value else value
    return default


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
_Dumper.add_representer(Tagged, _untagged)


def read_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as data, every tag kept as written."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a SafeLoader that keeps unknown tags
    except (OSError, yaml.YAMLError) as exc:
        raise BuildFailed(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise BuildFailed(f"{path} is not a mapping of settings")
    return data


def plugin_options(config: dict[str, Any]) -> dict[str, Any] | None:
    """The peer-library plugin's options in a config (an empty mapping: the defaults), or None without it."""
    plugins = config.get("plugins") or []
    items = (
        plugins.items()
        if isinstance(plugins, dict)
        else ((p, None) if isinstance(p, str) else next(iter(p.items())) for p in plugins)
    )
    for name, options in items:
        if name == PLUGIN:
            return dict(options or {})
    return None


def without_plugin(plugins: Any) -> Any:
    """The config's plugins, less peer-library (Zensical would ignore it without a word)."""
    if isinstance(plugins, dict):
        return {k: v for k, v in plugins.items() if k != PLUGIN}
    return [p for p in plugins or [] if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]


def site_dir_for(config_file: Path, config: dict[str, Any], given: str | None) -> Path:
    """Where the site goes: -d, else the config's site_dir (relative to the config's folder)."""
    return Path(given).resolve() if given else (config_file.parent / str(config.get("site_dir") or "site")).resolve()


def pages_missing(site_dir: Path) -> bool:
    """True when the built site still has the placeholder page: the library's pages never arrived."""
    stem = PLACEHOLDER_URI.removesuffix(".md")
    for page in (site_dir / stem / "index.html", site_dir / f"{stem}.html"):
        if page.is_file() and PLACEHOLDER_MARK in page.read_text(encoding="utf-8", errors="replace"):
            return True
    return False


def run_engine(command: list[str], cwd: Path) -> None:
    """Run an engine as a child process, its output passed through."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": os.environ.get("NO_MKDOCS_2_WARNING", "1")}
    try:
        done = subprocess.run(command, cwd=cwd, env=env, check=False)
    except OSError as exc:
        raise BuildFailed(f"could not run {command[2]}: {exc}") from exc
    if done.returncode:
        raise BuildFailed(f"{command[2]} build failed (exit {done.returncode}); its messages are above")


def build_with_plugin(engine: str, config_file: Path, site_dir: Path) -> None:
    """MkDocs or ProperDocs: the engine runs the plugin, which adds every page and file."""
    command = [sys.executable, "-m", engine, "build", "-f", str(config_file), "-d", str(site_dir)]
    run_engine(command, config_file.parent)


def report(problems: Sequence[Problem], strict: bool) -> None:
    """Print each problem; errors (and, in a strict build, warnings) stop the build."""
    for p in problems:
        print(f"{'ERROR' if p.is_error else 'WARNING'}: {p}", file=sys.stderr)
    errors = sum(p.is_error for p in problems)
    if errors or (strict and problems):
        raise BuildFailed(f"{errors} errors, {len(problems) - errors} warnings in the library (strict: {strict})")


def library_site(config_file: Path, config: dict[str, Any], options: dict[str, Any]) -> Site:
    """Load and check the library named by the plugin's options, and build its pages and files."""
    root = config_file.parent
    library_dir = root / str(options.get("library", "library"))
    if not library_dir.is_dir():
        raise BuildFailed(f"no library folder at {library_dir} (the plugin's 'library' option)")
    page_options, found = settings(options, config, root)
    if errors := [p.message for p in found if p.is_error]:
        raise BuildFailed("; ".join(errors))
    library, problems = load_library(library_dir, root=root)
    site = build_site(library, dataclasses.replace(page_options, links_from_source=True))
    report(
        sorted({*found, *problems, *site.problems, *run_checks(CheckContext(library, library_dir, root))}),
        bool(config.get("strict")),
    )
    return site


def zensical_config(config: dict[str, Any], theme_dir: str) -> dict[str, Any]:
    """The project's config for Zensical: no plugin, the docs folder and theme overrides beside it,
    the library's stylesheet and script, and the Markdown extensions the pages need."""
    out = {k: v for k, v in config.items() if k not in ("docs_dir", "site_dir", "INHERIT")}
    out["plugins"] = without_plugin(config.get("plugins"))
    theme = config.get("theme") or {}
    out["theme"] = {**({"name": theme} if isinstance(theme, str) else theme), "custom_dir": theme_dir}
    out["theme"].setdefault("variant", "classic")  # the Material look the library's styles were made for
    out["extra_css"], out["extra_javascript"] = with_bundles(
        config.get("extra_css") or [], config.get("extra_javascript") or []
    )
    out["extra"] = {"generator": False, **(config.get("extra") or {})}
    extensions = list(config.get("markdown_extensions") or [])
    named = {next(iter(x)) if isinstance(x, dict) else x for x in extensions}
    out["markdown_extensions"] = extensions + [x for x in NEEDED_EXTENSIONS if x not in named]
    return out


def build_with_zensical(config_file: Path, site_dir: Path) -> None:
    """Zensical: the docs folder with the library's pages, Zensical's build, then the files and index."""
    config = read_config(config_file)
    options = plugin_options(config)
    site = library_site(config_file, config, options) if options is not None else None
    docs = config_file.parent / str(config.get("docs_dir") or "docs")
    with tempfile.TemporaryDirectory(prefix="peer-library-zensical-") as tmp:
        project = Path(tmp)
        shutil.copytree(docs, project / "docs")
        theme = project / "overrides"
        custom = (config.get("theme") or {}).get("custom_dir") if isinstance(config.get("theme"), dict) else None
        if custom:
            shutil.copytree(config_file.parent / str(custom), theme)
        shutil.copytree(ZENSICAL_THEME, theme, dirs_exist_ok=True)
        for part in SHARED_PARTIALS:
            shutil.copy(PACKAGE / "theme" / part, theme / part)
        if site is not None:  # without the plugin in the config the placeholder stays, and is found below
            write_outputs(project / "docs", docs_tree(site))  # over the placeholder (docs/library.md) too
        config_out = project / "mkdocs.yml"
        write_atomic(
            config_out,
            yaml.dump(zensical_config(config, "overrides"), Dumper=_Dumper, sort_keys=False, allow_unicode=True),
            durable=False,
        )
        command = [sys.executable, "-m", "zensical", "build", "-f", str(config_out)]
        if config.get("strict"):
            command.append("--strict")
        run_engine(command, project)
        shutil.rmtree(site_dir, ignore_errors=True)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(project / "site", site_dir)
    if site is not None:
        after_rendering(site, site_dir, search=bool(options.get("search_index", True)) if options else True)


def after_rendering(site: Site, site_dir: Path, search: bool = True) -> None:
    """What the plugin's on_post_build does, for an engine without it: the files, then the search index."""
    write_outputs(site_dir, site.files())
    if search:
        try:
            print(f"peer-library: search index: {build_index(site_dir)}", file=sys.stderr)
        except Exception as exc:  # the pagefind binary is missing or failed: say so once
            raise BuildFailed(f"could not build the Pagefind search index: {exc!r}") from exc


def build(engine: str, config_file: Path, site_given: str | None = None) -> Path:
    """Build the site with ``engine``; raises BuildFailed (with the reason) if it failed or the
    library's pages are missing from it."""
    config_file = config_file.resolve()
    config = read_config(config_file)
    site_dir = site_dir_for(config_file, config, site_given)
    if engine == "zensical":
        build_with_zensical(config_file, site_dir)
    else:
        build_with_plugin(engine, config_file, site_dir)
    if pages_missing(site_dir):
        raise BuildFailed(
            f"the library's pages are missing from {site_dir}: the peer-library plugin did not run. "
            f"List it under plugins: in {config_file.name} (see the README, 'Choosing an engine')."
        )
    return site_dir


def cmd_build(args: argparse.Namespace) -> int:
    config_file = Path(args.config_file)
    if not config_file.is_file():
        print(f"peer-library: no config file at {config_file}", file=sys.stderr)
        return EXIT_USAGE
    try:
        site_dir = build(args.engine, config_file, args.site_dir)
    except BuildFailed as exc:
        print(f"peer-library build: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"peer-library: built the site with {args.engine} in {site_dir}", file=sys.stderr)
    return EXIT_OK
