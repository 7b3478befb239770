"""The Jinja environment the core renders generated Markdown with: autoescaped, with Markdown filters."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from peer_library.model import links, vocab
from peer_library.model.dates import long_date
from peer_library.model.urls import rel


def slug(text: Any) -> str:
    """A heading id as MkDocs' table of contents makes one: 'Peer workers' -> 'peer-workers'."""
    return links.slugify(str(text), "-")


def md(text: Any) -> Markup:
    """Text for a Markdown context: HTML-escaped and with Markdown syntax neutralised."""
    return Markup(links.md_escape(str(text)))


TEMPLATES = Path(__file__).parent.parent / "templates"


@cache
def environment() -> jinja2.Environment:
    """The shared template environment; every ``{{ value }}`` is HTML-escaped unless marked safe.

    Templates are not checked for changes on every use (that is a file system call per include per
    page); ``fresh_templates()`` checks them once per build instead."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("peer_library", "templates"),
        auto_reload=False,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters |= {"md": md, "long_date": long_date}
    env.globals |= {"rel": rel, "vocab": vocab, "slug": slug}
    return env


_stamp: list[tuple[tuple[str, int], ...]] = []


def fresh_templates() -> tuple[tuple[str, int], ...]:
    """Forget compiled templates if any template file changed since the last call (once per build,
    so ``mkdocs serve`` shows template edits); returns the templates' names and modification times."""
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in TEMPLATES.iterdir()))
    if _stamp and _stamp[0] != stamp:
        env = environment()
        env.cache.clear()  # type: ignore[union-attr]
    _stamp[:] = [stamp]
    return stamp


def render(template: str, **context: Any) -> str:
    """Render one of the plugin's templates."""
    return environment().get_template(template).render(**context)
