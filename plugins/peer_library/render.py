"""The Jinja environment the core renders generated Markdown with: autoescaped, with Markdown filters."""

from __future__ import annotations

import datetime as dt
import posixpath
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from . import links, vocab


def rel(from_uri: str, to_uri: str) -> str:
    """A relative link from one generated source file to another (both 'entries/x.md' style)."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def md(text: Any) -> Markup:
    """Text for a Markdown context: HTML-escaped and with Markdown syntax neutralised."""
    return Markup(links.md_escape(str(text)))


def long_date(value: dt.date | None) -> str:
    """'12 December 2026' (no leading zero), as Australians and New Zealanders write it."""
    return f"{value.day} {value:%B %Y}" if value else ""


@cache
def environment() -> jinja2.Environment:
    """The shared template environment; every ``{{ value }}`` is HTML-escaped unless marked safe."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("peer_library", "templates"),
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
