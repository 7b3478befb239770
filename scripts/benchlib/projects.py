"""The two MkDocs projects each benchmark size builds: plain MkDocs + Material, and the Peer Library.

Both start from the repository's own mkdocs.yml and docs/, so they share theme, palette and Markdown
extensions; they differ only in what the comparison is about:

- plain: the repository's plugins minus peer-library; every entry file copied into docs/entries/
  as an ordinary page, left out of the navigation (``not_in_nav``), exactly as the plugin leaves them.
- peer: the repository's plugins with peer-library pointed at the synthetic library.

Neither build is strict: the bench reports warnings rather than stopping on them.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from peer_library.load.library import entry_files

PLUGIN = "peer-library"
# Environment for every build the bench runs: quiet MkDocs 2 notice. Pagefind is left to step (c)
# by the plugin's search_index option, set false in the benchmark's mkdocs.yml.
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1"}


class Tagged:
    """A YAML value with an application tag (``!ENV``, ``!!python/name:``) kept as written."""

    def __init__(self, tag: str, node: yaml.Node) -> None:
        self.tag = tag
        self.node = node


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    return Tagged(node.tag, node)


def _represent_tagged(dumper: yaml.SafeDumper, value: Tagged) -> yaml.Node:
    value.node.tag = value.tag
    return value.node


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(Tagged, _represent_tagged)


@dataclass(frozen=True)
class Projects:
    """Paths of one benchmark size's two config files and the library they share."""

    plain: Path
    peer: Path
    library: Path


def _plugin_name(item: Any) -> str:
    return str(next(iter(item))) if isinstance(item, dict) else str(item)


def _plugins(config: dict[str, Any]) -> list[Any]:
    plugins = config.get("plugins", [])
    if isinstance(plugins, dict):
        return [{k: v} for k, v in plugins.items()]
    return list(plugins)


def _absolute(config: dict[str, Any], repo: Path) -> None:
    """Make paths that mkdocs.yml gives relative to itself absolute, since the copies live elsewhere."""
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        theme["custom_dir"] = str(repo / theme["custom_dir"])
    if isinstance(config.get("hooks"), list):
        config["hooks"] = [str(repo / h) if isinstance(h, str) else h for h in config["hooks"]]
    config.pop("watch", None)


def read_config(repo: Path) -> dict[str, Any]:
    """The repository's mkdocs.yml as data, application tags preserved."""
    with (repo / "mkdocs.yml").open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=_Loader)  # a SafeLoader subclass: safe
    if not isinstance(data, dict):
        raise ValueError(f"{repo / 'mkdocs.yml'} is not a mapping")
    return data


def _peer_config(base: dict[str, Any], library: Path, options: dict[str, Any]) -> dict[str, Any]:
    """``base`` with the peer-library plugin (added if missing) reading ``library``, with extra options."""
    plugins = _plugins(base)
    if not any(_plugin_name(p) == PLUGIN for p in plugins):
        plugins.append(PLUGIN)
    peer = dict(base)
    peer["plugins"] = [
        {PLUGIN: {**(p[PLUGIN] if isinstance(p, dict) else {}), "library": str(library), **options}}
        if _plugin_name(p) == PLUGIN
        else p
        for p in plugins
    ]
    return peer


def write_project(repo: Path, out: Path, library: Path) -> Path:
    """One ordinary Peer Library project in ``out`` (mkdocs.yml, docs/, site/) reading ``library``.

    Unlike the bench's peer project it keeps Pagefind on, so ``mkdocs build`` writes a searchable
    site to ``out/site``. Returns the path of its mkdocs.yml.
    """
    base = read_config(repo)
    _absolute(base, repo)
    base["strict"] = False
    config = _peer_config(base, library, {})
    config["docs_dir"] = str(out / "docs")
    config["site_dir"] = str(out / "site")
    if (out / "docs").exists():
        shutil.rmtree(out / "docs")
    shutil.copytree(repo / "docs", out / "docs")
    path = out / "mkdocs.yml"
    path.write_text(yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def write_projects(repo: Path, work: Path, library: Path) -> Projects:
    """Write the plain and peer projects for the library at ``library`` into ``work``."""
    base = read_config(repo)
    _absolute(base, repo)
    base["strict"] = False
    plugins = _plugins(base)
    peer = _peer_config(base, library, {"search_index": False})
    peer["docs_dir"] = str(work / "docs-peer")
    peer["site_dir"] = str(work / "site-peer")

    plain = dict(base)
    plain["plugins"] = [p for p in plugins if _plugin_name(p) != PLUGIN]
    plain["docs_dir"] = str(work / "docs-plain")
    plain["site_dir"] = str(work / "site-plain")
    plain["not_in_nav"] = "/entries/"

    for docs in (work / "docs-peer", work / "docs-plain"):
        if docs.exists():
            shutil.rmtree(docs)
        shutil.copytree(repo / "docs", docs)
    entries = work / "docs-plain" / "entries"
    entries.mkdir()
    for path in entry_files(library):
        # The same Markdown file, with its front matter, as an ordinary MkDocs page.
        shutil.copyfile(path, entries / path.name)

    out = Projects(work / "mkdocs-plain.yml", work / "mkdocs-peer.yml", library)
    for path, config in ((out.plain, plain), (out.peer, peer)):
        path.write_text(yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out
