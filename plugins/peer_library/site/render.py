"""The Jinja environment the core renders generated Markdown with: autoescaped, with Markdown filters."""

from __future__ import annotations

from collections.abc import Callable
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


class _Loader(jinja2.PackageLoader):
    """The package's templates, remembering which names are missing.

    ``{% include ... ignore missing %}`` feature slots are looked up for every page; Jinja caches
    templates it found but searches again for one it did not, which cost a second per 1,000 pages.
    A miss is remembered until ``fresh_templates()`` sees the templates change.
    """

    def __init__(self) -> None:
        super().__init__("peer_library", "templates")
        self._missing: set[str] = set()

    def forget(self) -> None:
        self._missing.clear()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool] | None]:
        if template in self._missing:
            raise jinja2.TemplateNotFound(template)
        try:
            return super().get_source(environment, template)
        except jinja2.TemplateNotFound:
            self._missing.add(template)
            raise


@cache
def environment() -> jinja2.Environment:
    """The shared template environment; every ``{{ value }}`` is HTML-escaped unless marked safe.

    Templates are not checked for changes on every use (that is a file system call per include per
    page); ``fresh_templates()`` checks them once per build instead."""
    env = jinja2.Environment(
        loader=_Loader(),
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
        if isinstance(env.loader, _Loader):
            env.loader.forget()
    _stamp[:] = [stamp]
    return stamp


def render(template: str, **context: Any) -> str:
    """Render one of the plugin's templates."""
    return environment().get_template(template).render(**context)
