"""What the command line needs from ``mkdocs.yml`` without importing MkDocs: the site name and the
peer-library plugin's options, read with a safe YAML loader.

Tags MkDocs and Material use (``!ENV``, ``!!python/name:...``) are read without running anything:
``!ENV`` takes the environment variable (or the default given), any other tag reads as nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PLUGIN_NAMES = ("peer-library", "peer_library")


class _Loader(yaml.SafeLoader):
    """A safe loader that reads unknown tags as None instead of failing."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    for name in names[:-1] if len(names) > 1 else names:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return names[-1] if len(names) > 1 else None


def _ignored(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", _ignored)


@dataclass(frozen=True)
class ProjectConfig:
    """The site name and the peer-library plugin's options, as written in mkdocs.yml."""

    path: Path
    site_name: str = ""
    docs_dir: str = "docs"
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.parent


class ConfigError(Exception):
    """mkdocs.yml is missing or cannot be read; the message says which and how to fix it."""


def read_config(path: Path) -> ProjectConfig:
    """Read ``path`` (mkdocs.yml); raise ``ConfigError`` with a ``path:line: message`` when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    try:
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise ConfigError(f"{path}:{line}: not valid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}:1: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: expected a mapping of settings (site_name: ..., plugins: ...)")
    name, docs = data.get("site_name"), data.get("docs_dir")
    return ProjectConfig(
        path,
        name.strip() if isinstance(name, str) else "",
        docs if isinstance(docs, str) and docs.strip() else "docs",
        _plugin_options(data.get("plugins")),
    )


def _plugin_options(plugins: Any) -> dict[str, Any]:
    """The peer-library plugin's options from the ``plugins`` list (or mapping) of mkdocs.yml."""
    items = plugins.items() if isinstance(plugins, dict) else ((p, None) for p in plugins or ())
    for item, value in items:
        if isinstance(item, dict):
            for name, options in item.items():
                if name in PLUGIN_NAMES:
                    return dict(options) if isinstance(options, dict) else {}
        elif item in PLUGIN_NAMES:
            return dict(value) if isinstance(value, dict) else {}
    return {}
