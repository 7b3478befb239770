"""The stylesheets and scripts the plugin ships, served as one file each."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).parent.parent
STYLES = (
    "assets/peer-library.css",
    "assets/content-note.css",
    "assets/indexes.css",
    "assets/pathways.css",
    "assets/borrowing.css",
    "assets/pl-search.css",
)
SCRIPTS = ("assets/pathways.js", "assets/shelf.js", "assets/pl-search.js")
# One stylesheet and one script: fewer requests for readers, and less work per page for the theme,
# which writes a tag (and resolves a URL) for every extra file on every page.
BUNDLES = {"assets/peer-library.bundle.css": STYLES, "assets/peer-library.bundle.js": SCRIPTS}


def bundled(parts: tuple[str, ...]) -> str:
    """Asset files joined into one, each under a comment naming it (scripts are self-contained)."""
    return "\n".join(f"/* {part} */\n{(PACKAGE / part).read_text(encoding='utf-8')}" for part in parts)


def bundles() -> dict[str, str]:
    """Each bundle's path in the site folder and its text."""
    return {path: bundled(parts) for path, parts in BUNDLES.items()}


def bundles_first(css: Iterable[Any], js: Iterable[Any]) -> tuple[list[Any], list[Any]]:
    """A config's extra stylesheets and scripts with the library's bundles first, each once."""
    style, script = BUNDLES
    return [style, *(x for x in css if x != style)], [script, *(x for x in js if x != script)]
