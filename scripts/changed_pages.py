"""The site pages a pull request adds or changes, as Markdown for the reviewers' preview comment.

    .venv/bin/python scripts/changed_pages.py origin/main     # compares with git diff --name-only BASE...HEAD

Entry files become their pages (an entry's address comes from its id, not its file name), hand-written
pages under docs/ theirs; a change to the site's templates, plugin or settings can change every page.
"""

from __future__ import annotations

import html
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from peer_library.load.frontmatter import FrontMatterError, decode, parse
from peer_library.load.library import SKIP_DIRS
from peer_library.model.urls import page_url

SITE_WIDE = ("mkdocs.yml", "plugins/", "library/style/")


@dataclass(frozen=True, order=True)
class Changed:
    """One page of the preview: where it is in the built site, what it is, and the file that changed."""

    url: str
    title: str
    source: str


def pages_for(names: list[str], root: Path) -> tuple[list[Changed], list[str], bool]:
    """(pages added or changed, files removed, whether every page may have changed) for changed files."""
    pages: set[Changed] = set()
    removed: list[str] = []
    site_wide = False
    for name in sorted(set(names)):
        path = PurePosixPath(name)
        parts = path.parts
        if name.startswith(SITE_WIDE):
            site_wide = True
        elif parts[:1] == ("library",) and name.endswith(".md") and path.name.lower() != "readme.md":
            if len(parts) > 2 and parts[1] in SKIP_DIRS:
                continue
            if not (root / name).is_file():
                removed.append(name)
                continue
            try:
                data = parse(decode((root / name).read_bytes())).data
            except FrontMatterError:
                data = {}
            entry_id = data.get("id")
            if isinstance(entry_id, str) and entry_id:
                pages.add(Changed(page_url(f"entries/{entry_id}.md"), str(data.get("title") or entry_id), name))
        elif name == "library/topics.yml":
            pages.add(Changed(page_url("topics/index.md"), "Topics", name))
        elif parts[:2] == ("library", "pathways") and name.endswith((".yml", ".yaml")):
            pages.add(Changed(page_url("pathways/index.md"), "Pathways", name))
        elif parts[:1] == ("docs",) and name.endswith(".md"):
            if (root / name).is_file():
                pages.add(Changed(page_url(str(PurePosixPath(*parts[1:]))), parts[-1], name))
            else:
                removed.append(name)
    return sorted(pages), removed, site_wide


def _md(text: str) -> str:
    return html.escape(text, quote=False).replace("@", "@\u200b").replace("`", "'")


def markdown(pages: list[Changed], removed: list[str], site_wide: bool) -> str:
    """The preview comment: each page's file in the built site, its title and the file it comes from."""
    lines = ["### Preview of this pull request", ""]
    if not pages and not removed and not site_wide:
        return "\n".join([*lines, "This pull request changes no page of the site."]) + "\n"
    lines.append(
        "Download the **site-preview** artifact from this run's Summary page, unzip it, and open each file below."
    )
    lines.append("")
    for p in pages:
        lines.append(f"- `{p.url or ''}index.html`: {_md(p.title)} (from `{_md(p.source)}`)")
    for name in removed:
        lines.append(f"- removed: `{_md(name)}`")
    if site_wide:
        lines += ["", "The site's settings, templates or plugin changed too, so any page may look different."]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Print the preview comment for the changes since the merge base with ``argv[0]``."""
    if len(argv) != 1:
        print("usage: changed_pages.py BASE", file=sys.stderr)
        return 2
    done = subprocess.run(
        ["git", "diff", "--name-only", "--no-renames", f"{argv[0]}...HEAD"], capture_output=True, text=True
    )
    if done.returncode:
        print(f"changed_pages.py: git diff failed: {done.stderr.strip()}", file=sys.stderr)
        return 1
    sys.stdout.write(markdown(*pages_for(done.stdout.splitlines(), Path.cwd())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
