"""The stylesheets and scripts the plugin ships, served as one file each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).parent.parent
# What the site is made from besides the library: `mkdocs serve` rebuilds when any of it changes.
SOURCES = tuple(PACKAGE / part for part in ("templates", "theme", "theme-material", "assets"))
STYLES = (
    "assets/peer-library.css",
    "assets/content-note.css",
    "assets/indexes.css",
    "assets/pathways.css",
    "assets/borrowing.css",
    "assets/pl-search.css",
)
SCRIPTS = ("assets/pathways.js", "assets/shelf.js", "assets/pl-forgive.js", "assets/pl-search.js")
# One stylesheet and one script: fewer requests for readers, and less work per page for the theme,
# which writes a tag (and resolves a URL) for every extra file on every page.
BUNDLES = {"assets/peer-library.bundle.css": STYLES, "assets/peer-library.bundle.js": SCRIPTS}


def bundled(parts: tuple[str, ...]) -> str:
    """Asset files joined into one, each under a comment naming it (scripts are self-contained)."""
    return "\n".join(f"/* {part} */\n{(PACKAGE / part).read_text(encoding='utf-8')}" for part in parts)


def bundles() -> dict[str, str]:
    """Each bundle's path in the site folder and its text."""
    return {path: bundled(parts) for path, parts in BUNDLES.items()}


def with_bundles(css: list[Any], js: list[Any]) -> tuple[list[Any], list[Any]]:
    """A site's extra stylesheets and scripts with the plugin's bundles first, each once."""
    sheet, script = BUNDLES
    return [sheet, *(x for x in css if x != sheet)], [script, *(x for x in js if x != script)]
