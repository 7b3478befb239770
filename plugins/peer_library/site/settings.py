"""The site's settings, from the values in mkdocs.yml: the plugin's options and the site's own.

Plain mappings in, ``Options`` out, so the core never sees MkDocs' config objects; the adapter
passes them along and reports what is wrong with them as one error.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from peer_library.load import ledger_store
from peer_library.model import WARNING, Problem

from .borrowing import check_request_url
from .contribute_links import edit_root
from .data_page import licence_problem
from .page import DEFAULT_SUPPORT, Options

SITE_URL_MISSING = "site_url is empty, so sitemap.xml lists no pages: set the site's address"


# The plugin's options that shape pages, with their defaults (MkDocs fills these in; other engines do not).
DEFAULTS: dict[str, Any] = {
    "support_message": DEFAULT_SUPPORT,
    "request_copy": "",
    "privacy_page": "privacy.md",
    "data_licence": "",
    "featured": [],
    "ledger": "",
    "retention_days": 0,
}


def settings(given: Mapping[str, Any], site: Mapping[str, Any], here: Path) -> tuple[Options, list[Problem]]:
    """The generated pages' ``Options`` from the plugin's options and the site's settings (``here`` is
    mkdocs.yml's folder), and the problems found in them (errors make them unusable)."""
    plugin = {**DEFAULTS, **{k: v for k, v in given.items() if v is not None}}
    docs_dir = here / site.get("docs_dir", "docs")
    docs = Path(os.path.relpath(docs_dir, here)).as_posix()  # where repo_url's edit links start
    privacy = plugin["privacy_page"] if plugin["privacy_page"] and (docs_dir / plugin["privacy_page"]).is_file() else ""
    options = Options(
        support_message=plugin["support_message"],
        site_name=site.get("site_name") or "",
        site_url=site.get("site_url") or "",
        request_copy=plugin["request_copy"],
        directory_urls=site.get("use_directory_urls", True),
        edit_root=edit_root(site.get("repo_url") or "", site.get("edit_uri") or "", docs),
        privacy_page=privacy,
        data_licence=plugin["data_licence"],
        featured=tuple(plugin["featured"]),
        generated_home=not (docs_dir / "index.md").is_file(),
    )
    ledger = ledger_store.option_problem(plugin["ledger"], plugin["retention_days"], site.get("site_name") or "", here)
    errors = [check_request_url(plugin["request_copy"]), licence_problem(plugin["data_licence"]), ledger]
    found = [Problem("mkdocs.yml", 1, "plugins", message) for message in errors if message]
    if not site.get("site_url"):  # the sitemap, the feed, citations and MARC links all need it
        found.append(Problem("mkdocs.yml", 1, "site_url", SITE_URL_MISSING, WARNING))
    return options, found
