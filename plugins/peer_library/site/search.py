"""Full-text search: the facets an entry is filtered by, and the Pagefind index of a built site.

Nothing here knows about MkDocs. ``facets`` feeds the entry and catalogue templates;
``build_index`` takes any folder of built HTML and writes its Pagefind bundle into it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from peer_library.derive import access
from peer_library.model import Entry, Library, vocab

BUNDLE = "pagefind"

# Facet key (the Pagefind filter name) -> the heading staff see. Order is the order on the page.
FACETS: dict[str, str] = {
    "type": "Type",
    "topic": "Topic",
    "audience": "For",
    "access": "How to get it",
    "format": "Format",
    "jurisdiction": "Jurisdiction",
    "criteria": "Selection criteria",
    "year": "Year",
    # Filled by the borrowing partial on entries with physical copies ("Available now", "On loan").
    "availability": "Availability",
}

# Pagefind writes its own ready-made interfaces too; the site uses only the JavaScript API.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)

# Only entry articles carry data-pagefind-body, so only they are indexed. Heading permalinks
# ("¶"), the type above the title and the content-note support message are page furniture,
# not words to search (the type is a filter instead). Related, Referenced by and Used in pathways
# list other entries' titles and summaries: indexing them made a page match words it does not
# contain and made the index about 30% larger (10,000 entries: 39 MB -> 28 MB, and 30% fewer bytes
# per query). The entry's own "About this entry" (source, authors) stays searchable.
EXCLUDE_SELECTORS = (".headerlink", ".pl-kicker", ".pl-content-note", ".pl-related", ".pl-backlinks", ".pl-used-in")
LANGUAGE = "en"
# A word every entry carries in the index, as metadata (never in the text, so never in an excerpt;
# Pagefind 1.5 indexes metadata words). Browsing by filters alone searches for it: Pagefind's own
# filter-only search (no words) downloads the whole word index, 14 MB at 10,000 entries, where this
# word's one chunk is a few KB. It starts with "zz" so no word a reader types is a prefix of it.
EVERY_ENTRY = "zzeveryentry"


def facets(entry: Entry, library: Library) -> dict[str, list[str]]:
    """The Pagefind filter values of one entry, as staff read them (labels, not ids)."""
    values = {
        "type": [vocab.TYPE_LABELS[entry.type]],
        "topic": [library.topic_by_id[t].label for t in entry.topics if t in library.topic_by_id],
        "audience": [vocab.AUDIENCES.get(a, a) for a in entry.audience],
        "access": list(access.ways_to_get(entry)),
        "format": [vocab.FORMATS.get(entry.format, entry.format)] if entry.format else [],
        "jurisdiction": [entry.jurisdiction] if entry.jurisdiction else [],
        "criteria": [vocab.CRITERIA.get(c, c) for c in entry.criteria],
        "year": [str(entry.year)] if entry.year else [],
    }
    return {key: values[key] for key in FACETS if values.get(key)}


def sort_keys(entry: Entry) -> dict[str, str]:
    """Pagefind sort keys. Every entry has both, because Pagefind drops pages without the key."""
    return {"title": entry.title.casefold(), "year": str(entry.year or 0)}


@dataclass(frozen=True)
class IndexReport:
    """What one indexing run wrote: pages indexed, and the bundle's files and bytes on disk."""

    pages: int
    files: int
    bytes: int

    def __str__(self) -> str:
        return f"{self.pages} pages indexed; {self.files} files, {self.bytes / 1024:.0f} KiB in /{BUNDLE}/"


def bundle_size(bundle: Path) -> tuple[int, int]:
    """Number of files and total bytes under a folder."""
    sizes = [p.stat().st_size for p in bundle.rglob("*") if p.is_file()]
    return len(sizes), sum(sizes)


def build_index(site_dir: Path) -> IndexReport:
    """Index the built site in ``site_dir`` with Pagefind and write the bundle to ``site_dir/pagefind``.

    The bundle is written beside the old one and swapped in, so a served site never sees half an index.
    Runs the pagefind-bin binary (``python -m pagefind_bin``): offline, no download. Its command line
    indexes 5,000 pages in about half the time the Python API's service mode takes, which matters
    because every ``mkdocs serve`` rebuild ends here.
    """
    site_dir = site_dir.resolve()
    target = site_dir / BUNDLE
    staging = site_dir / f".{BUNDLE}-new"
    shutil.rmtree(staging, ignore_errors=True)
    run_pagefind(site_dir, staging)
    for name in UNUSED_BUNDLE_FILES:
        (staging / name).unlink(missing_ok=True)
    old = site_dir / f".{BUNDLE}-old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.replace(old)
    staging.replace(target)
    shutil.rmtree(old, ignore_errors=True)
    return IndexReport(indexed_pages(target), *bundle_size(target))


def indexed_pages(bundle: Path) -> int:
    """How many pages a written bundle holds, from its entry file (all languages)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(lang["page_count"]) for lang in entry["languages"].values())


def pagefind_command(site_dir: Path, output: Path) -> list[str]:
    """The Pagefind command line the plugin runs (the bench runs the same one)."""
    command = [sys.executable, "-m", "pagefind_bin", "--site", str(site_dir), "--output-path", str(output)]
    command += ["--force-language", LANGUAGE, "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def run_pagefind(site_dir: Path, output: Path) -> None:
    """Run Pagefind over ``site_dir``, writing its bundle to ``output``; raise with its message on failure."""
    done = subprocess.run(pagefind_command(site_dir, output), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"pagefind exited with {done.returncode}: {(done.stderr or done.stdout).strip()[-2000:]}")
