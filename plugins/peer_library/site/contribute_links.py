"""Links that invite contributions, made only when the site names its repository (``repo_url``):
"Suggest a change" on each entry page, to the code host's edit page of the entry's own file, and
"Propose a new entry" on the page that holds the ``PROPOSE`` marker, to the entry form."""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin

from peer_library.derive.issue_form import FORM_FILE

from .render import render

PROPOSE = "<!-- peer-library: propose-entry -->"
DEFAULT_EDIT_URI = "edit/main/"


def edit_root(repo_url: str, edit_uri: str, docs_dir: str) -> str:
    """The edit page address of the project's root folder, '' without ``repo_url``.

    ``edit_uri`` (MkDocs' and Material's setting, relative to ``repo_url`` or absolute) points at the docs
    folder, ``docs_dir`` (relative to mkdocs.yml); the library sits beside it, so the root is that many
    folders up. An empty ``edit_uri`` means ``edit/main/`` at the root."""
    if not repo_url:
        return ""
    repo = repo_url.rstrip("/") + "/"
    if not edit_uri:
        return urljoin(repo, DEFAULT_EDIT_URI)
    docs = posixpath.normpath(docs_dir.replace("\\", "/"))
    depth = 0 if docs in (".", "") or docs.startswith("..") else len(docs.split("/"))
    base = urljoin(repo, edit_uri.split("?")[0].rstrip("/") + "/")
    return urljoin(base, "../" * depth) if depth else base


def form_url(repo_url: str) -> str:
    """The new-issue address that opens the "Propose a new entry" form, '' without ``repo_url``."""
    return f"{repo_url.rstrip('/')}/issues/new?template={FORM_FILE}" if repo_url else ""


def with_propose_link(markdown: str, repo_url: str) -> str:
    """A hand-written page's Markdown with its ``PROPOSE`` marker turned into the form link; without a
    ``repo_url`` the marker (an HTML comment) stays, and shows nothing."""
    if PROPOSE not in markdown or not repo_url:
        return markdown
    return markdown.replace(PROPOSE, render("_propose_entry.md.j2", url=form_url(repo_url)).strip())
