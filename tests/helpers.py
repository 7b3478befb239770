"""Helpers for tests that write small libraries to a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

# One topic, used by every entry entry_text() writes: a topic no entry uses is a warning.
TOPICS = """\
- id: recovery
  label: Recovery
  description: Personal recovery.
"""


def entry_text(fields: str = "", body: str = "Body.\n", *, id: str = "hope", type: str = "value") -> str:
    """A valid entry with the given extra front-matter lines (already YAML) appended."""
    head = f"id: {id}\ntitle: Hope\ntype: {type}\nsummary: Believing recovery is possible.\ntopics: [recovery]\n"
    return f"---\n{head}{textwrap.dedent(fields)}---\n\n{body}"


def make_library(tmp_path: Path, files: dict[str, str], topics: str = TOPICS) -> Path:
    """Write files (paths relative to library/) and topics.yml; return the library folder."""
    lib = tmp_path / "library"
    lib.mkdir(parents=True, exist_ok=True)
    (lib / "topics.yml").write_text(topics, encoding="utf-8")
    for rel, text in files.items():
        path = lib / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return lib


def page_text(page) -> str:  # type: ignore[no-untyped-def]
    """A generated page as golden files pin it: the Markdown document, then the HTML around it."""
    from peer_library.site.page import BODY

    return (
        f"{page.document()}\n<!-- generated HTML; the converted Markdown goes at the body marker -->\n{page.wrap(BODY)}"
    )


def built_files(project: Path, site: Path, config_file: Path | None = None) -> dict[str, bytes]:
    """Build ``project`` (its mkdocs.yml, or ``config_file``) as ``mkdocs build`` does, into ``site``;
    every file written, but Pagefind's index (named by hash) and the sitemaps (dated by the build)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file or project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)  # as mkdocs build does (serve never forks)
    build(config)
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and "pagefind" not in p.parts and not p.name.startswith("sitemap")
    }
