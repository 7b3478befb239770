"""The Jinja environment the core renders generated Markdown with: autoescaped, with Markdown filters."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import links, vocab


def rel(from_uri: str, to_uri: str) -> str:
    """A relative link from one generated source file to another (both 'entries/x.md' style)."""
    here, _, _ = from_uri.rpartition("/")
    there, _, name = to_uri.rpartition("/")
    if here == there:
        return name  # the common case (entry to entry), without relpath's cost
    return posixpath.relpath(to_uri, here or ".")


def md(text: Any) -> Markup:
    """Text for a Markdown context: HTML-escaped and with Markdown syntax neutralised."""
    return Markup(links.md_escape(str(text)))


def long_date(value: dt.date | None) -> str:
    """'12 December 2026' (no leading zero), as Australians and New Zealanders write it."""
    return f"{value.day} {value:%B %Y}" if value else ""


TEMPLATES = Path(__file__).parent / "templates"


class _Loader(jinja2.PackageLoader):
    """The package's templates, remembering which names are missing.

    ``{% include ... ignore missing %}`` feature slots are looked up for every page; Jinja caches
    templates it found but searches again for one it did not, which cost a second per 1,000 pages.
    A miss is remembered until a file is added to or removed from the templates folder.
    """

    def __init__(self) -> None:
        super().__init__("peer_library", "templates")
        self._missing: set[str] = set()
        self._stamp = 0

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool] | None]:
        if template in self._missing and TEMPLATES.stat().st_mtime_ns == self._stamp:
            raise jinja2.TemplateNotFound(template)
        try:
            return super().get_source(environment, template)
        except jinja2.TemplateNotFound:
            self._stamp = TEMPLATES.stat().st_mtime_ns
            self._missing.add(template)
            raise


@cache
def environment() -> jinja2.Environment:
    """The shared template environment; every ``{{ value }}`` is HTML-escaped unless marked safe."""
    env = jinja2.Environment(
        loader=_Loader(),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters |= {"md": md, "long_date": long_date}
    env.globals |= {"rel": rel, "vocab": vocab}
    return env


def render(template: str, **context: Any) -> str:
    """Render one of the plugin's templates."""
    return environment().get_template(template).render(**context)
